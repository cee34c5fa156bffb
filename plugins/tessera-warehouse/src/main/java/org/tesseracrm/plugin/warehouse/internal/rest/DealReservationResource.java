package org.tesseracrm.plugin.warehouse.internal.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.security.Access;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.plugin.warehouse.internal.deals.DealReservation;
import org.tesseracrm.plugin.warehouse.internal.deals.DealReservations;
import org.tesseracrm.plugin.warehouse.internal.security.WarehouseEntities;

/**
 * {@code /api/v1/warehouse/deal-reservations}: what deals hold ({@code GET ?status=&offset=&limit=},
 * {@code GET /{dealId}}), shipping a won deal's reservation ({@code POST /{dealId}/ship}) and releasing one
 * by hand ({@code POST /{dealId}/release}).
 */
@Component(service = DealReservationResource.class)
@JaxrsResource
@JaxrsApplicationSelect(WarehouseApplication.SELECT)
@Path("deal-reservations")
@Produces(MediaType.APPLICATION_JSON)
public final class DealReservationResource {
    private final DealReservations reservations;
    private final Access access;

    /** Serves the deal reservations to users granted {@code warehouse_deal_reservation} (READ; UPDATE to act). */
    @Activate
    public DealReservationResource(@Reference DealReservations reservations, @Reference Access access) {
        this.reservations = reservations;
        this.access = access;
    }

    /** @return {@code {"items": [reservation…]}}, most recently changed first */
    @GET
    public Map<String, Object> list(@QueryParam("status") String status, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        access.require(WarehouseEntities.DEAL_RESERVATION, Action.READ);
        DealReservation.Status wanted = null;
        if (WarehouseApplication.optional(status) != null) {
            try {
                wanted = DealReservation.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "status must be one of " + List.of(DealReservation.Status.values()));
            }
        }
        return Map.of("items", reservations.list(wanted,
                WarehouseApplication.integer("offset", offset, 0, 0, Integer.MAX_VALUE),
                WarehouseApplication.integer("limit", limit, WarehouseApplication.DEFAULT_LIMIT, 1,
                        WarehouseApplication.MAX_LIMIT)));
    }

    /** @return the deal's reservation; 404 when it never reserved */
    @GET
    @Path("{dealId}")
    public DealReservation get(@PathParam("dealId") String dealId) {
        access.require(WarehouseEntities.DEAL_RESERVATION, Action.READ);
        return reservations.require(dealId);
    }

    /** Ships what a won deal holds: 200 with the reservation naming its shipment; 409 when it cannot. */
    @POST
    @Path("{dealId}/ship")
    public DealReservation ship(@PathParam("dealId") String dealId) {
        access.require(WarehouseEntities.DEAL_RESERVATION, Action.UPDATE);
        return reservations.ship(dealId);
    }

    /** Releases what a deal holds: 200 with the released reservation; 409 when it holds nothing. */
    @POST
    @Path("{dealId}/release")
    public DealReservation release(@PathParam("dealId") String dealId) {
        access.require(WarehouseEntities.DEAL_RESERVATION, Action.UPDATE);
        return reservations.release(dealId, "released by hand");
    }
}
