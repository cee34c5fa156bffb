package org.tesseracrm.platform.internal.rest;

import java.util.Map;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.platform.internal.records.RecycleBin;

/**
 * {@code POST /api/v1/recycle-bin/purge}: administrators purge now what has been in the recycle bin
 * longer than the configured days (the daily job does the same); the answer counts purged records by
 * entity. Deleted records are listed with {@code ?deleted=true} and restored with
 * {@code POST /<entity>/{id}/restore}.
 */
@Component(service = RecycleBinResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("recycle-bin")
@Produces(MediaType.APPLICATION_JSON)
public final class RecycleBinResource {
    private final RecycleBin bin;

    /** Works on the recycle bin. */
    @Activate
    public RecycleBinResource(@Reference RecycleBin bin) {
        this.bin = bin;
    }

    /** @return records purged, by entity */
    @POST
    @Path("purge")
    public Map<String, Integer> purge() {
        Administrators.only("empty the recycle bin");
        return bin.purge();
    }
}
