package org.tesseracrm.plugin.warehouse.internal.rest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.security.Access;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.plugin.warehouse.api.Availability;
import org.tesseracrm.plugin.warehouse.internal.data.Ledger;
import org.tesseracrm.plugin.warehouse.internal.data.StockReports;
import org.tesseracrm.plugin.warehouse.internal.security.WarehouseEntities;

/**
 * {@code /api/v1/warehouse/stock}: current stock ({@code GET ?productId=&warehouseId=&q=&outOfStock=&offset=&limit=}),
 * the stock value report ({@code GET /value}),
 * on hand at the end of a past day ({@code GET /as-of?productId=&warehouseId=&date=}), and reservations
 * ({@code POST /reserve}, {@code POST /release} with {@code {"productId", "warehouseId", "quantity"}}).
 */
@Component(service = StockResource.class)
@JaxrsResource
@JaxrsApplicationSelect(WarehouseApplication.SELECT)
@Path("stock")
@Produces(MediaType.APPLICATION_JSON)
public final class StockResource {
    private final Ledger ledger;
    private final StockReports reports;
    private final Json json;
    private final Access access;

    /** Serves stock to users granted {@code warehouse_stock} (READ; UPDATE to reserve and release). */
    @Activate
    public StockResource(@Reference Ledger ledger, @Reference StockReports reports, @Reference Json json,
            @Reference Access access) {
        this.ledger = ledger;
        this.reports = reports;
        this.json = json;
        this.access = access;
    }

    /**
     * @return a page {@code {"items": [stock row…], "total", "offset", "limit"}} by product name, each row
     *         with the product's and warehouse's names and its value; {@code q} is the start of a product
     *         name, {@code outOfStock=true|false} keeps rows with nothing / something available
     */
    @GET
    public StockReports.StockPage list(@QueryParam("productId") String productId,
            @QueryParam("warehouseId") String warehouseId, @QueryParam("q") String q,
            @QueryParam("outOfStock") String outOfStock, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        access.require(WarehouseEntities.STOCK, Action.READ);
        String flag = WarehouseApplication.optional(outOfStock);
        if (flag != null && !flag.equals("true") && !flag.equals("false")) {
            throw ProblemException.invalid("outOfStock", "parameter 'outOfStock' must be true or false");
        }
        return reports.list(new StockReports.Filter(WarehouseApplication.optional(productId),
                WarehouseApplication.optional(warehouseId), WarehouseApplication.optional(q),
                flag == null ? null : Boolean.valueOf(flag)),
                WarehouseApplication.integer("offset", offset, 0, 0, Integer.MAX_VALUE),
                WarehouseApplication.integer("limit", limit, WarehouseApplication.DEFAULT_LIMIT, 1,
                        WarehouseApplication.MAX_LIMIT));
    }

    /** @return the stock value report: per warehouse and in all, at moving-average cost */
    @GET
    @Path("value")
    public StockReports.ValueReport value() {
        access.require(WarehouseEntities.STOCK, Action.READ);
        return reports.value();
    }

    /** @return the on-hand quantity at the end of the given day, computed from the movements */
    @GET
    @Path("as-of")
    public StockAsOf asOf(@QueryParam("productId") String productId, @QueryParam("warehouseId") String warehouseId,
            @QueryParam("date") String date) {
        access.require(WarehouseEntities.STOCK, Action.READ);
        String product = WarehouseApplication.required("productId", productId);
        String warehouse = WarehouseApplication.required("warehouseId", warehouseId);
        LocalDate day = WarehouseApplication.date("date", WarehouseApplication.required("date", date));
        return new StockAsOf(product, warehouse, day, ledger.onHandAsOf(product, warehouse, day));
    }

    /** Reserves stock; 409 when not enough is available. */
    @POST
    @Path("reserve")
    public Availability reserve(@Context HttpHeaders headers, InputStream body) {
        access.require(WarehouseEntities.STOCK, Action.UPDATE);
        Request request = JsonBody.read(json, headers, body, Request.class);
        return ledger.reserve(request.productId(), request.warehouseId(), request.quantity());
    }

    /** Releases reserved stock; 409 when less is reserved. */
    @POST
    @Path("release")
    public Availability release(@Context HttpHeaders headers, InputStream body) {
        access.require(WarehouseEntities.STOCK, Action.UPDATE);
        Request request = JsonBody.read(json, headers, body, Request.class);
        return ledger.release(request.productId(), request.warehouseId(), request.quantity());
    }

    /**
     * A reservation request.
     *
     * @param productId   the core product
     * @param warehouseId the warehouse
     * @param quantity    how much, positive
     */
    public record Request(String productId, String warehouseId, BigDecimal quantity) {
    }

    /**
     * Stock at the end of a day.
     *
     * @param productId   the core product
     * @param warehouseId the warehouse
     * @param date        the day
     * @param onHand      what was on hand at its end
     */
    public record StockAsOf(String productId, String warehouseId, LocalDate date, BigDecimal onHand) {
    }
}
