package org.tesseracrm.platform.internal.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.audit.AuditEntry;
import org.tesseracrm.api.audit.AuditLog;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.rest.CsvExport;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.records.RecordStoresService;

/**
 * {@code GET /api/v1/audit?entity=&id=&offset=&limit=}: the audit log, newest first (administrators read
 * all of it; others one record's history, of a record they may see);
 * {@code GET /api/v1/audit/export.csv?entity=&id=}: all of it as CSV, for administrators.
 */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    /** The columns of the CSV export: one row per changed field of an entry. */
    static final List<String> EXPORT_HEADER = List.of("id", "at", "actor", "entity", "entityId", "action",
            "field", "oldValue", "newValue");

    private final AuditLog audit;
    private final Json json;
    private final RecordStoresService stores;

    /** Reads the audit log. */
    @Activate
    public AuditResource(@Reference AuditLog audit, @Reference Json json, @Reference RecordStoresService stores) {
        this.audit = audit;
        this.json = json;
        this.stores = stores;
    }

    /** @return a page of audit entries */
    @GET
    public Page<AuditEntry> list(@Context UriInfo uri) {
        var parameters = uri.getQueryParameters();
        String entity = parameters.getFirst("entity");
        String id = parameters.getFirst("id");
        onlyParameters(parameters, "entity", "id", "offset", "limit");
        var filters = new java.util.LinkedHashMap<>(parameters);
        filters.remove("entity");
        filters.remove("id");
        Query page = Query.fromParameters(filters);
        if (!CurrentUser.get().hasRole(TesseraUser.ADMINISTRATOR)) {
            requireReadable(blankToNull(entity), blankToNull(id));
        }
        return audit.list(blankToNull(entity), blankToNull(id), page.offset(), page.limit());
    }

    /**
     * Who is not an administrator reads the history of one record at a time, and only of a record they
     * may see: one out of their reach is answered exactly like a missing one.
     */
    private void requireReadable(String entity, String id) {
        if (entity == null || id == null) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Only administrators read the whole audit log; ask for one record's history with entity and id",
                    null);
        }
        var store = stores.store(entity).orElseThrow(() -> ProblemException.notFound(entity, id));
        if (store.find(id).isEmpty()) {
            throw ProblemException.notFound(entity, id);
        }
    }

    /**
     * The whole audit log (or one entity's, or one record's: {@code entity}, {@code id}), newest first, as
     * CSV with one row per changed field ({@link #EXPORT_HEADER}; an entry without field changes has one
     * row with empty field cells). Values are written in their JSON form. Administrators only.
     */
    @GET
    @Path("export.csv")
    @Produces(CsvExport.MEDIA_TYPE)
    public Response export(@Context UriInfo uri) {
        if (!CurrentUser.get().hasRole(TesseraUser.ADMINISTRATOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only administrators export the audit log", null);
        }
        var parameters = uri.getQueryParameters();
        onlyParameters(parameters, "entity", "id");
        for (String name : parameters.keySet()) {
            if (parameters.get(name).size() != 1) {
                throw ProblemException.invalid(name, "parameter '" + name + "' must be given once");
            }
        }
        String entity = blankToNull(parameters.getFirst("entity"));
        String id = blankToNull(parameters.getFirst("id"));
        Page<AuditEntry> first = audit.list(entity, id, 0, Query.MAX_LIMIT);
        return CsvExport.response("audit.csv", EXPORT_HEADER, sink -> {
            Page<AuditEntry> page = first;
            // newest first: entries written meanwhile push older ones to later pages, so an entry can come
            // round twice; ids only go down, so one that is not below the last written id is skipped
            long below = Long.MAX_VALUE;
            int offset = 0;
            while (!page.items().isEmpty()) {
                for (AuditEntry entry : page.items()) {
                    if (entry.id() < below) {
                        below = entry.id();
                        for (List<Object> row : rows(entry)) {
                            sink.row(row);
                        }
                    }
                }
                if (page.items().size() < page.limit()) {
                    return;
                }
                offset += page.items().size();
                page = audit.list(entity, id, offset, Query.MAX_LIMIT);
            }
        });
    }

    private List<List<Object>> rows(AuditEntry entry) {
        List<List<Object>> rows = new ArrayList<>();
        if (entry.changes().isEmpty()) {
            rows.add(Arrays.asList(entry.id(), entry.at(), entry.actor(), entry.entity(), entry.entityId(),
                    entry.action(), null, null, null));
        }
        for (Map.Entry<String, AuditEntry.FieldChange> change : new LinkedHashMap<>(entry.changes()).entrySet()) {
            rows.add(Arrays.asList(entry.id(), entry.at(), entry.actor(), entry.entity(), entry.entityId(),
                    entry.action(), change.getKey(), jsonText(change.getValue().oldValue()),
                    jsonText(change.getValue().newValue())));
        }
        return rows;
    }

    private String jsonText(Object value) {
        return value == null ? null : value instanceof String text ? text
                : new String(json.write(value), StandardCharsets.UTF_8);
    }

    private static void onlyParameters(MultivaluedMap<String, String> parameters, String... allowed) {
        List<String> names = List.of(allowed);
        for (String name : parameters.keySet()) {
            if (!names.contains(name)) {
                throw ProblemException.invalid(name, "Unknown parameter '" + name + "'; use " + String.join(", ", names));
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
