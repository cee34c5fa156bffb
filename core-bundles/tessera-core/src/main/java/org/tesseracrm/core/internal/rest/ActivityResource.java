package org.tesseracrm.core.internal.rest;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.crm.Activity;
import org.tesseracrm.api.crm.Activities;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.api.rest.TesseraApi;

/** {@code /api/v1/activities}: list, read, create, update, delete and restore. */
@Component(service = ActivityResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("activities")
public final class ActivityResource extends RecordsResource<Activity> {

    /** Serves the Activities service. */
    @Activate
    public ActivityResource(@Reference Activities records, @Reference Json json) {
        super(records, json);
    }
}
