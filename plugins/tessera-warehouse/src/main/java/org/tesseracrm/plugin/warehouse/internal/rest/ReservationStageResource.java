package org.tesseracrm.plugin.warehouse.internal.rest;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.plugin.warehouse.internal.deals.ReservationStage;
import org.tesseracrm.plugin.warehouse.internal.deals.ReservationStages;

/**
 * {@code /api/v1/warehouse/reservation-stages}: which pipeline stages reserve a deal's products, in which
 * warehouse, and whether winning ships them. Everyone reads; administrators change.
 */
@Component(service = ReservationStageResource.class)
@JaxrsResource
@JaxrsApplicationSelect(WarehouseApplication.SELECT)
@Path("reservation-stages")
public final class ReservationStageResource extends RecordsResource<ReservationStage> {

    /** Serves the reservation stages. */
    @Activate
    public ReservationStageResource(@Reference ReservationStages records, @Reference Json json) {
        super(records, json);
    }
}
