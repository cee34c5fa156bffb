package org.tesseracrm.plugin.warehouse.internal.rest;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.api.security.Access;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.plugin.warehouse.internal.data.Document;
import org.tesseracrm.plugin.warehouse.internal.data.Documents;
import org.tesseracrm.plugin.warehouse.internal.data.Ledger;

/**
 * {@code /api/v1/warehouse/documents}: list ({@code ?kind=&status=&warehouseId=}), read, create and edit
 * drafts, delete drafts, and {@code POST /{id}/post} and {@code POST /{id}/reverse}.
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
