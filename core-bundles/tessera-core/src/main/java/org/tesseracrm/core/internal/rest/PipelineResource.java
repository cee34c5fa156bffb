package org.tesseracrm.core.internal.rest;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Pipelines;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.api.rest.TesseraApi;

/** {@code /api/v1/pipelines}: list, read, create, update, delete and restore. */
@Component(service = PipelineResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("pipelines")
public final class PipelineResource extends RecordsResource<Pipeline> {

    /** Serves the Pipelines service. */
    @Activate
    public PipelineResource(@Reference Pipelines records, @Reference Json json) {
        super(records, json);
    }
}
