package org.tesseracrm.plugin.warehouse.internal.rest;

import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.security.Access;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.plugin.warehouse.internal.data.Ledger;
import org.tesseracrm.plugin.warehouse.internal.security.WarehouseEntities;

/**
 * {@code /api/v1/warehouse/movements}: the movement history, oldest first
 * ({@code GET ?productId=&warehouseId=&documentId=&from=&to=&offset=&limit=}).
 */
@Component(service = MovementResource.class)
@JaxrsResource
@JaxrsApplicationSelect(WarehouseApplication.SELECT)
@Path("movements")
@Produces(MediaType.APPLICATION_JSON)
public final class MovementResource {
    private final Ledger ledger;
    private final Access access;

    /** Serves the movement history to users granted READ on {@code warehouse_stock}. */
    @Activate
    public MovementResource(@Reference Ledger ledger, @Reference Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /** @return {@code {"items": [movement…]}} */
    @GET
    public Map<String, Object> list(@QueryParam("productId") String productId,
            @QueryParam("warehouseId") String warehouseId, @QueryParam("documentId") String documentId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        access.require(WarehouseEntities.STOCK, Action.READ);
        return Map.of("items", ledger.movements(WarehouseApplication.optional(productId),
                WarehouseApplication.optional(warehouseId), WarehouseApplication.optional(documentId),
                WarehouseApplication.date("from", from), WarehouseApplication.date("to", to),
                WarehouseApplication.integer("offset", offset, 0, 0, Integer.MAX_VALUE),
                WarehouseApplication.integer("limit", limit, WarehouseApplication.DEFAULT_LIMIT, 1,
                        WarehouseApplication.MAX_LIMIT)));
    }
}
