package org.tesseracrm.plugin.salon.internal.rest;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.plugin.salon.internal.data.Appointment;
import org.tesseracrm.plugin.salon.internal.data.Appointments;

/**
 * {@code /api/v1/salon/appointments}: list ({@code ?contactId=&status=&sort=startsAt}), read, book, change,
 * delete and restore appointments.
 */
@Component(service = AppointmentResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SalonApplication.SELECT)
@Path("appointments")
public final class AppointmentResource extends RecordsResource<Appointment> {

    /** Serves the salon's appointments. */
    @Activate
    public AppointmentResource(@Reference Appointments records, @Reference Json json) {
        super(records, json);
    }
}
