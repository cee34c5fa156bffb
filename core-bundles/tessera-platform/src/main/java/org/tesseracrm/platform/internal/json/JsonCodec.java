package org.tesseracrm.platform.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.rest.Json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of Tessera: strict on input (unknown fields, numbers for text, text for
 * numbers, trailing garbage and duplicate keys are refused with a problem naming the field), ISO-8601
 * dates and plain decimals on output.
 */
@Component(service = {Json.class, JsonCodec.class})
public final class JsonCodec implements Json {
    private final ObjectMapper mapper;

    /** Builds the mapper. */
    public JsonCodec() {
        JsonMapper jsonMapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        jsonMapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(40).maxStringLength(1 << 20).build());
        for (LogicalType textual : new LogicalType[] {LogicalType.Textual}) {
            jsonMapper.coercionConfigFor(textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        jsonMapper.coercionConfigFor(LogicalType.Collection)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        this.mapper = jsonMapper;
    }

    /** @return the configured mapper, for the JAX-RS body writer */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public <T> T read(InputStream body, Class<T> type) {
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (IOException e) {
            throw problem(e);
        }
        if (value == null) {
            throw ProblemException.malformed(null, "Send a JSON object, not null");
        }
        return value;
    }

    /** Reads stored JSON of a known type (a column), trusting it. */
    public Object readType(String text, Type type) {
        try {
            return mapper.readValue(text, mapper.getTypeFactory().constructType(type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON cannot be read as " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads stored JSON of a known generic type, trusting it. */
    public <T> T readType(String text, TypeReference<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass() + " as JSON", e);
        }
    }

    /** @return the value as JSON text */
    public String writeString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass() + " as JSON", e);
        }
    }

    @Override
    public Object toPlain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return mapper.convertValue(value, Object.class);
    }

    private static ProblemException problem(IOException e) {
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonProcessingException cause
                && !(cause instanceof JsonMappingException)) {
            // A syntax or size error inside a list arrives wrapped with the element's path; it is still
            // a body that is not JSON (or too large), not a field with a wrong value.
            return problem(cause);
        }
        if (e instanceof StreamConstraintsException) {
            return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The JSON is nested too deep or has a value too long: " + e.getMessage(), null);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String path = path(unknown);
            return ProblemException.invalid(path, "Unknown field '" + unknown.getPropertyName() + "'"
                    + (unknown.getKnownPropertyIds() == null ? "" : "; known fields: "
                            + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                                    .collect(Collectors.joining(", "))));
        }
        if (e instanceof InvalidDefinitionException) {
            throw new IllegalStateException(e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (mismatch.getPath().isEmpty() && e.getMessage() != null
                    && e.getMessage().startsWith("No content to map")) {
                return ProblemException.malformed(null, "The body is empty; send a JSON object");
            }
            String path = path(mismatch);
            Class<?> target = mismatch.getTargetType();
            if (path.isEmpty()) {
                return ProblemException.malformed(null, "Send a JSON object" + (target == null ? ""
                        : " of " + target.getSimpleName()));
            }
            return ProblemException.invalid(path, path + " must be " + describe(target));
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping);
            Throwable cause = mapping.getCause();
            if (cause instanceof ProblemException problem) {
                return problem;
            }
            return ProblemException.invalid(path.isEmpty() ? null : path,
                    (path.isEmpty() ? "The body" : path) + " has an invalid value");
        }
        if (e instanceof StreamReadException read) {
            String where = read.getLocation() == null ? ""
                    : " at line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr();
            return ProblemException.malformed(null, "The body is not valid JSON" + where + ": "
                    + firstLine(read.getOriginalMessage()));
        }
        return ProblemException.malformed(null, "The body could not be read");
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == String.class) {
            return "text";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        if (target == BigDecimal.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == LocalDate.class) {
            return "a date like 2026-12-31";
        }
        if (target == Instant.class) {
            return "a time like 2026-12-31T09:30:00Z";
        }
        if (target.isEnum()) {
            return "one of " + Arrays.toString(target.getEnumConstants());
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "a list";
        }
        return "an object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
