package org.tesseracrm.platform.internal.rest;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.records.RecordStore;
import org.tesseracrm.platform.internal.records.RecordStoresService;

/**
 * Sharing a record with colleagues: {@code GET /api/v1/shares/{entity}/{id}} lists who it is shared
 * with; {@code PUT} with {@code {"usernames": ["boris"]}} shares it with exactly them (its owner, or who
 * may reassign, does this). Works for every entity whose records are restricted to their owners.
 */
@Component(service = SharesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("shares/{entity}/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class SharesResource {
    private final RecordStoresService stores;
    private final JsonCodec json;

    /** What {@code PUT} takes. */
    public record Share(List<String> usernames) {
    }

    /** Works on the record stores in use. */
    @Activate
    public SharesResource(@Reference RecordStoresService stores, @Reference JsonCodec json) {
        this.stores = stores;
        this.json = json;
    }

    /** @return who the record is shared with */
    @GET
    public Map<String, Object> get(@PathParam("entity") String entity, @PathParam("id") String id) {
        return Map.of("usernames", store(entity).sharedWith(id));
    }

    /** Shares the record with exactly the users named. */
    @PUT
    public Map<String, Object> put(@PathParam("entity") String entity, @PathParam("id") String id,
            @Context HttpHeaders headers, InputStream body) {
        Share share = JsonBody.read(json, headers, body, Share.class);
        if (share.usernames() == null) {
            throw ProblemException.invalid("usernames", "Give the users to share with, [] for nobody");
        }
        if (share.usernames().size() > 100) {
            throw ProblemException.invalid("usernames", "A record is shared with at most 100 users");
        }
        return Map.of("usernames", store(entity).shareWith(id, share.usernames()));
    }

    private RecordStore<?> store(String entity) {
        return stores.store(entity).orElseThrow(() -> ProblemException.notFound("entity", entity));
    }
}
