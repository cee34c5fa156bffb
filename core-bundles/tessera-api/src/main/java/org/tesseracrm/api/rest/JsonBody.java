package org.tesseracrm.api.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;

/**
 * Reads a request body the way every Tessera endpoint does: only {@code application/json} (no wildcard)
 * in well-formed UTF-8,
 * at most {@value #MAX_BYTES} bytes, strictly parsed — each failure a problem naming what is wrong.
 */
public final class JsonBody {
    /** Largest request body accepted, in bytes. */
    public static final int MAX_BYTES = 1 << 20;

    private JsonBody() {
    }

    /**
     * @param json    the platform's codec
     * @param headers the request headers (for Content-Type)
     * @param body    the request body
     * @param type    what to read
     * @throws ProblemException UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, MALFORMED_REQUEST or INVALID_FIELD
     */
    public static <T> T read(Json json, HttpHeaders headers, InputStream body, Class<T> type) {
        MediaType mediaType = headers.getMediaType();
        if (mediaType == null || mediaType.isWildcardType() || mediaType.isWildcardSubtype()
                || !mediaType.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json", "Content-Type");
        }
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body in UTF-8, not " + charset, "Content-Type");
        }
        return json.read(limited(body), type);
    }

    private static InputStream limited(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                        "The body may have at most " + MAX_BYTES + " bytes", null);
            }
            // the JSON parser alone would read an overlong C0 AF as a slash
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return new ByteArrayInputStream(bytes);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ProblemException.malformed(null, "The body is not well-formed UTF-8");
        } catch (IOException e) {
            throw ProblemException.malformed(null, "The body could not be read");
        }
    }
}
