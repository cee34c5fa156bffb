package org.tesseracrm.platform.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import org.tesseracrm.platform.internal.json.JsonCodec;

/** Reads and writes JSON bodies with the platform's {@link JsonCodec}. */
@Produces({MediaType.APPLICATION_JSON, "application/problem+json", "application/*+json"})
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
final class JsonBodyProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
    private final JsonCodec json;

    JsonBodyProvider(JsonCodec json) {
        this.json = json;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && type != InputStream.class && type != String.class && type != byte[].class;
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) {
        return json.read(entityStream, type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && type != String.class && type != byte[].class
                && !InputStream.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        entityStream.write(json.write(value));
    }

    private static boolean isJson(MediaType mediaType) {
        return mediaType == null || mediaType.isWildcardType()
                || mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json");
    }
}
