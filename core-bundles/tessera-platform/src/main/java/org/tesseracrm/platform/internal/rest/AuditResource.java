package org.tesseracrm.platform.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.audit.AuditEntry;
import org.tesseracrm.api.audit.AuditLog;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.rest.TesseraApi;

/** {@code GET /api/v1/audit?entity=&id=&offset=&limit=}: the audit log, newest first. */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    private final AuditLog audit;

    /** Reads the audit log. */
    @Activate
    public AuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    /** @return a page of audit entries */
    @GET
    public Page<AuditEntry> list(@Context UriInfo uri) {
        var parameters = uri.getQueryParameters();
        String entity = parameters.getFirst("entity");
        String id = parameters.getFirst("id");
        for (String name : parameters.keySet()) {
            if (!name.equals("entity") && !name.equals("id") && !name.equals("offset") && !name.equals("limit")) {
                throw ProblemException.invalid(name, "Unknown parameter '" + name + "'; use entity, id, offset, limit");
            }
        }
        var filters = new java.util.LinkedHashMap<>(parameters);
        filters.remove("entity");
        filters.remove("id");
        Query page = Query.fromParameters(filters);
        return audit.list(blankToNull(entity), blankToNull(id), page.offset(), page.limit());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
