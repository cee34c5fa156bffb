package org.tesseracrm.platform.internal.rest;

import javax.ws.rs.NotAcceptableException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.platform.internal.json.JsonCodec;

/**
 * Turns every failure into a problem answer. Problems the caller caused keep their detail; anything
 * else is logged in full and answered as a 500 that says only where to look.
 */
final class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private final JsonCodec json;
    @Context
    private UriInfo uri;

    ProblemMapper(JsonCodec json) {
        this.json = json;
    }

    @Override
    public Response toResponse(Throwable failure) {
        String path = path();
        if (failure instanceof ProblemException problem) {
            return Problems.response(json, problem.type(), problem.getMessage(), problem.field(), path);
        }
        if (failure instanceof NotFoundException
                || failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
            return Problems.response(json, ProblemType.NOT_FOUND, "Nothing is served at this path", null, path);
        }
        if (failure instanceof NotAllowedException) {
            Response response = Problems.response(json, ProblemType.METHOD_NOT_ALLOWED,
                    "This method is not allowed here", null, path);
            return Response.fromResponse(response)
                    .header("Allow", ((NotAllowedException) failure).getResponse().getHeaderString("Allow")).build();
        }
        if (failure instanceof NotSupportedException) {
            return Problems.response(json, ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json",
                    "Content-Type", path);
        }
        if (failure instanceof NotAcceptableException) {
            return Problems.response(json, ProblemType.MALFORMED_REQUEST, "This resource answers application/json",
                    "Accept", path);
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            ProblemType type = ProblemType.MALFORMED_REQUEST;
            for (ProblemType candidate : ProblemType.values()) {
                if (candidate.status() == status) {
                    type = candidate;
                    break;
                }
            }
            return Problems.response(json, type, web.getMessage(), null, path);
        }
        LOG.error("Request {} failed", path, failure);
        return Problems.response(json, ProblemType.INTERNAL_ERROR,
                "The server failed to answer; the details are in the server log", null, path);
    }

    private String path() {
        try {
            return uri == null ? null : uri.getRequestUri().getPath();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
