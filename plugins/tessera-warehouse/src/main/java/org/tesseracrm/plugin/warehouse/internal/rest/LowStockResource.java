package org.tesseracrm.plugin.warehouse.internal.rest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.api.security.Access;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.plugin.warehouse.internal.data.LowStock;
import org.tesseracrm.plugin.warehouse.internal.security.WarehouseEntities;

/**
 * {@code /api/v1/warehouse/thresholds}: low-stock thresholds per product ({@code GET ?low=true} lists the
 * products below their minimum), {@code PUT /{productId}} with {@code {"minimum": 5}} sets one,
 * {@code DELETE /{productId}} removes it.
 */
@Component(service = LowStockResource.class)
@JaxrsResource
@JaxrsApplicationSelect(WarehouseApplication.SELECT)
@Path("thresholds")
@Produces(MediaType.APPLICATION_JSON)
public final class LowStockResource {
    private final LowStock lowStock;
    private final Json json;
    private final Access access;

    /** Serves the thresholds to users granted {@code warehouse_threshold} (READ; UPDATE to change). */
    @Activate
    public LowStockResource(@Reference LowStock lowStock, @Reference Json json, @Reference Access access) {
        this.lowStock = lowStock;
        this.json = json;
        this.access = access;
    }

    /** @return {@code {"items": [threshold…]}}, furthest below the minimum first */
    @GET
    public Map<String, Object> list(@QueryParam("low") String low) {
        access.require(WarehouseEntities.THRESHOLD, Action.READ);
        String value = WarehouseApplication.optional(low);
        if (value != null && !value.equals("true") && !value.equals("false")) {
            throw ProblemException.invalid("low", "parameter 'low' must be true or false");
        }
        return Map.of("items", lowStock.list("true".equals(value)));
    }

    /** @return the product's threshold and where it stands; 404 when it has none */
    @GET
    @Path("{productId}")
    public LowStock.Threshold get(@PathParam("productId") String productId) {
        access.require(WarehouseEntities.THRESHOLD, Action.READ);
        LowStock.Threshold threshold = lowStock.find(productId);
        if (threshold == null) {
            throw ProblemException.notFound("threshold", productId);
        }
        return threshold;
    }

    /** Sets a product's minimum; @return the threshold and where it stands */
    @PUT
    @Path("{productId}")
    public LowStock.Threshold set(@PathParam("productId") String productId, @Context HttpHeaders headers,
            InputStream body) {
        access.require(WarehouseEntities.THRESHOLD, Action.UPDATE);
        Request request = JsonBody.read(json, headers, body, Request.class);
        return lowStock.set(productId, request.minimum());
    }

    /** Removes a product's threshold: 204; 404 when it had none. */
    @DELETE
    @Path("{productId}")
    public Response remove(@PathParam("productId") String productId) {
        access.require(WarehouseEntities.THRESHOLD, Action.UPDATE);
        if (!lowStock.remove(productId)) {
            throw ProblemException.notFound("threshold", productId);
        }
        return Response.noContent().build();
    }

    /**
     * A threshold to set.
     *
     * @param minimum less available stock than this is low (zero or more)
     */
    public record Request(BigDecimal minimum) {
    }
}
