package org.tesseracrm.plugin.exchange1c.internal.rest;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.plugin.exchange1c.internal.log.ExchangeLog;

/**
 * The exchange log: {@code GET /api/v1/exchange1c/sessions?connection=&offset=&limit=} lists 1C sessions,
 * newest first, with how many entries and failures each has; {@code GET …/sessions/{id}} gives one with its
 * entries (files received, imports with counts created/updated/skipped and the elements that failed,
 * orders sent and confirmed).
 */
@Component(service = SessionsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ExchangeApplication.SELECT)
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionsResource {
    /** A session with its entries. */
    public record SessionLog(ExchangeLog.Session session, List<ExchangeLog.Event> events) { }

    private final ExchangeLog log;

    /** Reads the exchange log. */
    @Activate
    public SessionsResource(@Reference ExchangeLog log) {
        this.log = log;
    }

    /** Lists sessions. */
    @GET
    public Page<ExchangeLog.Session> list(@QueryParam("connection") String connection,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        ExchangeApplication.requireExchangeRole();
        return log.sessions(connection == null || connection.isBlank() ? null : connection.strip(),
                ExchangeApplication.paging("offset", offset, 0, 0, Integer.MAX_VALUE),
                ExchangeApplication.paging("limit", limit, Query.DEFAULT_LIMIT, 1, Query.MAX_LIMIT));
    }

    /** One session with its entries. */
    @GET
    @Path("{id}")
    public SessionLog get(@PathParam("id") String id) {
        ExchangeApplication.requireExchangeRole();
        ExchangeLog.Session session = log.session(id).orElseThrow(() -> ProblemException.notFound("session", id));
        return new SessionLog(session, log.events(id));
    }
}
