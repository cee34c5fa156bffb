package org.tesseracrm.plugin.warehouse.internal.rest;

import java.io.InputStream;
import java.net.URI;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.api.security.Access;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.plugin.warehouse.internal.data.Document;
import org.tesseracrm.plugin.warehouse.internal.data.Documents;
import org.tesseracrm.plugin.warehouse.internal.data.Ledger;

/**
 * {@code /api/v1/warehouse/documents}: list ({@code ?kind=&status=&warehouseId=}), read, create and edit
 * drafts, delete drafts, create and post at once ({@code POST ?post=true}), and {@code POST /{id}/post}
 * and {@code POST /{id}/reverse}.
 */
@Component(service = DocumentResource.class)
@JaxrsResource
@JaxrsApplicationSelect(WarehouseApplication.SELECT)
@Path("documents")
public final class DocumentResource extends RecordsResource<Document> {
    private final Ledger ledger;
    private final Access access;

    /** Serves the documents; posting and reversing need UPDATE on {@code warehouse_document}. */
    @Activate
    public DocumentResource(@Reference Documents records, @Reference Ledger ledger, @Reference Json json,
            @Reference Access access) {
        super(records, json);
        this.ledger = ledger;
        this.access = access;
    }

    /**
     * Creates a draft, or with {@code ?post=true} creates and posts it at once: 201 with the posted
     * document, or 409 when stock is short, and then nothing is written (no draft, no number used).
     * Posting at once needs UPDATE on {@code warehouse_document} as well as CREATE.
     */
    @POST
    @Override
    public Response create(@Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        String post = uri.getQueryParameters().getFirst("post");
        if (post == null || post.equals("false")) {
            return super.create(headers, uri, body);
        }
        if (!post.equals("true")) {
            throw ProblemException.invalid("post", "post must be true or false, not '" + post + "'");
        }
        access.require(Document.ENTITY, Action.UPDATE);
        Document document = ledger.createPosted(readBody(headers, body, Document.class));
        URI location = uri.getAbsolutePathBuilder().path(document.id()).build();
        return Response.created(location).entity(document).tag(etag(document)).build();
    }

    /** Posts a draft: 200 with the posted document, 409 when stock is short or it is not a draft. */
    @POST
    @Path("{id}/post")
    public Response post(@PathParam("id") String id) {
        access.require(Document.ENTITY, Action.UPDATE);
        Document document = ledger.post(id);
        return Response.ok(document).tag(etag(document)).build();
    }

    /** Reverses a posted document: 200 with the reversed document, 409 when it cannot be undone. */
    @POST
    @Path("{id}/reverse")
    public Response reverse(@PathParam("id") String id) {
        access.require(Document.ENTITY, Action.UPDATE);
        Document document = ledger.reverse(id);
        return Response.ok(document).tag(etag(document)).build();
    }
}
