package org.tesseracrm.api.rest;

import java.io.InputStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's JSON codec: strict reading (unknown fields, wrong types and malformed text are
 * problems naming the field) and the one output format of the API (ISO dates, no nulls omitted).
 */
@ProviderType
public interface Json {

    /**
     * Reads a value.
     *
     * @throws org.tesseracrm.api.ProblemException MALFORMED_REQUEST or INVALID_FIELD, naming the field
     */
    <T> T read(InputStream body, Class<T> type);

    /** @return the value as UTF-8 JSON */
    byte[] write(Object value);

    /** @return the value converted to plain maps, lists, strings, numbers and booleans */
    Object toPlain(Object value);
}
