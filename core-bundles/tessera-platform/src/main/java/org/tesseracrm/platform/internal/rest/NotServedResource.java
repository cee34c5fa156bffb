package org.tesseracrm.platform.internal.rest;

import java.net.URI;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.platform.internal.json.JsonCodec;

/**
 * What answers a request that nothing else serves: a path outside {@code /api/v1}, {@code /console} and the
 * plugins' own servlets. It lives in the JAX-RS whiteboard's default application (at {@code /}), which
 * would otherwise answer with an HTML page of its own; here {@code GET /} leads to the console, and every
 * other path is a 404 problem like the API's (HEAD and OPTIONS are answered from GET as JAX-RS does).
 */
@Component(service = NotServedResource.class)
@JaxrsResource
@Path("/")
public final class NotServedResource {
    /** Where {@code GET /} leads: the web console. */
    static final String CONSOLE = "/console/";

    private final JsonCodec json = new JsonCodec();

    /** Serves the default application. */
    @Activate
    public NotServedResource() {
    }

    /** {@code GET /} leads to the console (303); any other path is a 404 problem. */
    @GET
    @Path("{path: .*}")
    public Response get(@PathParam("path") String path, @Context UriInfo uri) {
        return path.isEmpty() ? Response.seeOther(URI.create(CONSOLE)).build() : notFound(uri);
    }

    /** @return a 404 problem */
    @POST
    @Path("{path: .*}")
    public Response post(@Context UriInfo uri) {
        return notFound(uri);
    }

    /** @return a 404 problem */
    @PUT
    @Path("{path: .*}")
    public Response put(@Context UriInfo uri) {
        return notFound(uri);
    }

    /** @return a 404 problem */
    @PATCH
    @Path("{path: .*}")
    public Response patch(@Context UriInfo uri) {
        return notFound(uri);
    }

    /** @return a 404 problem */
    @DELETE
    @Path("{path: .*}")
    public Response delete(@Context UriInfo uri) {
        return notFound(uri);
    }

    private Response notFound(UriInfo uri) {
        return Problems.response(json, ProblemType.NOT_FOUND, "Nothing is served at this path", null,
                uri.getRequestUri().getRawPath());
    }
}
