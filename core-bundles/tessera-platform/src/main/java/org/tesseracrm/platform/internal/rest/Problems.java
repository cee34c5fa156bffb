package org.tesseracrm.platform.internal.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.platform.internal.json.JsonCodec;

/** Builds {@code application/problem+json} answers (RFC 9457). */
final class Problems {
    private Problems() {
    }

    /** @return the answer for a problem */
    static Response response(JsonCodec json, ProblemType type, String detail, String field, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(type.status()).type(TesseraApi.PROBLEM_JSON).entity(json.write(body)).build();
    }
}
