package org.tesseracrm.plugin.exchange1c.internal.rest;

import java.io.InputStream;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.plugin.exchange1c.internal.conflict.ConflictQueue;

/**
 * The conflict queue: {@code GET /api/v1/exchange1c/conflicts?connection=&resolved=false&offset=&limit=}
 * lists counterparties from 1C that could not be matched safely; {@code POST …/conflicts/resolutions} with
 * {@code {"connection","counterpartyId","companyId"}} links one to a company, or with
 * {@code "create": true} instead of a company creates one from what 1C sent.
 */
@Component(service = ConflictsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ExchangeApplication.SELECT)
@Path("conflicts")
@Produces(MediaType.APPLICATION_JSON)
public final class ConflictsResource {
    /** An operator's decision. */
    public record Resolution(String connection, String counterpartyId, String companyId, Boolean create) { }

    private final ConflictQueue conflicts;
    private final Json json;

    /** Serves the queue. */
    @Activate
    public ConflictsResource(@Reference ConflictQueue conflicts, @Reference Json json) {
        this.conflicts = conflicts;
        this.json = json;
    }

    /** Lists conflicts, oldest first. */
    @GET
    public Page<ConflictQueue.Conflict> list(@QueryParam("connection") String connection,
            @QueryParam("resolved") String resolved, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        ExchangeApplication.requireExchangeRole();
        Boolean state = switch (resolved == null ? "" : resolved.strip()) {
            case "" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid("resolved", "resolved must be true or false");
        };
        return conflicts.list(connection == null || connection.isBlank() ? null : connection.strip(), state,
                ExchangeApplication.paging("offset", offset, 0, 0, Integer.MAX_VALUE),
                ExchangeApplication.paging("limit", limit, Query.DEFAULT_LIMIT, 1, Query.MAX_LIMIT));
    }

    /** Resolves a conflict. */
    @POST
    @Path("resolutions")
    public ConflictQueue.Conflict resolve(@Context HttpHeaders headers, InputStream body) {
        ExchangeApplication.requireExchangeRole();
        Resolution resolution = JsonBody.read(json, headers, body, Resolution.class);
        if (resolution.connection() == null || resolution.connection().isBlank()) {
            throw ProblemException.invalid("connection", "connection is required");
        }
        if (resolution.counterpartyId() == null || resolution.counterpartyId().isBlank()) {
            throw ProblemException.invalid("counterpartyId", "counterpartyId is required");
        }
        boolean create = Boolean.TRUE.equals(resolution.create());
        boolean link = resolution.companyId() != null && !resolution.companyId().isBlank();
        if (create == link) {
            throw ProblemException.invalid("companyId", "give either companyId (link to that company) or "
                    + "\"create\": true (create a company), not both");
        }
        return conflicts.resolve(resolution.connection(), resolution.counterpartyId(),
                link ? resolution.companyId().strip() : null);
    }
}
