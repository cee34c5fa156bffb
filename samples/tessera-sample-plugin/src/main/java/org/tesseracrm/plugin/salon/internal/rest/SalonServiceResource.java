package org.tesseracrm.plugin.salon.internal.rest;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.plugin.salon.internal.data.SalonService;
import org.tesseracrm.plugin.salon.internal.data.SalonServices;

/**
 * {@code /api/v1/salon/services}: list, read, create, update, delete and restore the services the salon
 * offers. JSON, errors, authentication and paging come from the platform and {@link RecordsResource}.
 */
@Component(service = SalonServiceResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SalonApplication.SELECT)
@Path("services")
public final class SalonServiceResource extends RecordsResource<SalonService> {

    /** Serves the salon's services. */
    @Activate
    public SalonServiceResource(@Reference SalonServices records, @Reference Json json) {
        super(records, json);
    }
}
