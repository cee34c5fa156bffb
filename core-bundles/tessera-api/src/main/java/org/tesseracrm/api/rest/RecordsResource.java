package org.tesseracrm.api.rest;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.Records;
import org.tesseracrm.api.security.Access;
import org.tesseracrm.api.security.Action;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * The REST face of a {@link Records}: list ({@code GET ?q=&sort=&offset=&limit=&<field>=}), read
 * ({@code GET /{id}}, with an ETag), create ({@code POST}, 201 with {@code Location}), update
 * ({@code PUT /{id}} with {@code If-Match}: 428 without, 412 when stale), soft delete
 * ({@code DELETE /{id}}, optional {@code If-Match}), restore ({@code POST /{id}/restore}) and CSV
 * export of every record the list would show ({@code GET /export.csv?q=&sort=&<field>=}).
 *
 * <p>A core or plugin resource extends this class, adds {@code @Path} and the whiteboard annotations,
 * and passes its records to the constructor; it may add more methods.
 *
 * @param <T> the record type
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class RecordsResource<T> {
    private final Records<T> records;
    private final Json json;
    private final Access access;

    /**
     * A resource whose CSV export asks the platform's {@link Access} service, found through the
     * subclass' bundle, for the {@link Action#EXPORT} permission.
     *
     * @param records the records this resource serves
     * @param json    the platform's JSON codec
     */
    protected RecordsResource(Records<T> records, Json json) {
        this(records, json, null);
    }

    /**
     * @param records the records this resource serves
     * @param json    the platform's JSON codec
     * @param access  decides whether the caller may export ({@link Action#EXPORT})
     */
    protected RecordsResource(Records<T> records, Json json, Access access) {
        this.records = records;
        this.json = json;
        this.access = access;
    }

    /** @return one page of records */
    @GET
    public Page<T> list(@Context UriInfo uri) {
        return records.list(Query.fromParameters(uri.getQueryParameters()));
    }

    /**
     * Every record the list with the same {@code q}, filters, {@code sort} and {@code deleted} would show,
     * on all its pages, as CSV ({@link CsvExport}): a header row of the record's fields in declaration
     * order, then one row per record; lists and objects (addresses, deal lines) are written as their
     * JSON. {@code offset} and {@code limit} are checked like the list's, then ignored. The caller needs
     * the {@link Action#EXPORT} permission on the entity (403 otherwise); records are read through
     * {@link Records#list}, so exactly what the caller may see is exported. The query is checked before
     * the first byte is sent, so a bad parameter is a problem answer, never a broken file.
     */
    @GET
    @Path("export.csv")
    @Produces(CsvExport.MEDIA_TYPE)
    public Response export(@Context UriInfo uri) {
        requireExport();
        Query.fromParameters(uri.getQueryParameters()); // a bad offset or limit is a problem, even here
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>(uri.getQueryParameters());
        parameters.remove("offset");
        parameters.remove("limit");
        Query query = Query.fromParameters(parameters).page(0, Query.MAX_LIMIT);
        Page<T> first = records.list(query);
        List<String> header = new ArrayList<>();
        for (RecordComponent component : records.type().getRecordComponents()) {
            header.add(component.getName());
        }
        return CsvExport.response(records.entity() + ".csv", header, sink -> {
            Page<T> page = first;
            while (true) {
                for (T record : page.items()) {
                    sink.row(cells(header, record));
                }
                int next = page.offset() + page.items().size();
                if (page.items().size() < page.limit() || next >= page.total()) {
                    return;
                }
                page = records.list(query.page(next, Query.MAX_LIMIT));
            }
        });
    }

    /**
     * Demands the export permission of the one {@link Access} service: the one passed in, else the one
     * the subclass' bundle sees; without either no export runs (fail closed).
     */
    private void requireExport() {
        if (access != null) {
            access.require(records.entity(), Action.EXPORT);
            return;
        }
        Bundle bundle = FrameworkUtil.getBundle(getClass());
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        ServiceReference<Access> reference = context == null ? null : context.getServiceReference(Access.class);
        Access found = reference == null ? null : context.getService(reference);
        if (found == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE,
                    "Exports are unavailable until access control is running", null);
        }
        try {
            found.require(records.entity(), Action.EXPORT);
        } finally {
            context.ungetService(reference);
        }
    }

    private List<Object> cells(List<String> header, T record) {
        Map<?, ?> plain = (Map<?, ?>) json.toPlain(record);
        List<Object> cells = new ArrayList<>(header.size());
        for (String field : header) {
            Object value = plain.get(field);
            cells.add(value instanceof Map || value instanceof List
                    ? new String(json.write(value), StandardCharsets.UTF_8) : value);
        }
        return cells;
    }

    /** @return the record, with its version as ETag */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        T record = records.get(id);
        return Response.ok(record).tag(etag(record)).build();
    }

    /** Creates a record from the JSON body. */
    @POST
    public Response create(@Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        T record = records.create(read(headers, body));
        URI location = uri.getAbsolutePathBuilder().path(idOf(record)).build();
        return Response.created(location).entity(record).tag(etag(record)).build();
    }

    /** Replaces a record; the body's {@code version} is ignored, {@code If-Match} decides. */
    @PUT
    @Path("{id}")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers, InputStream body) {
        if (ifMatch == null || ifMatch.isBlank()) {
            records.get(id); // an unknown id is a 404 before it is a 428
            throw new ProblemException(ProblemType.VERSION_REQUIRED,
                    "Send the version you read as If-Match (the ETag of GET " + id + ")", "If-Match");
        }
        long version = parseVersion(ifMatch);
        T record = records.update(id, version, read(headers, body));
        return Response.ok(record).tag(etag(record)).build();
    }

    /** Moves a record to the recycle bin. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        records.delete(id, ifMatch == null || ifMatch.isBlank() ? null : parseVersion(ifMatch));
        return Response.noContent().build();
    }

    /** Brings a deleted record back. */
    @POST
    @Path("{id}/restore")
    public Response restore(@PathParam("id") String id) {
        T record = records.restore(id);
        return Response.ok(record).tag(etag(record)).build();
    }

    /** @return the records this resource serves */
    protected Records<T> records() {
        return records;
    }

    /**
     * Reads a JSON body of the given type the way every endpoint does ({@link JsonBody#read}): only
     * {@code application/json} in well-formed UTF-8, at most {@link JsonBody#MAX_BYTES}.
     */
    protected <B> B readBody(HttpHeaders headers, InputStream body, Class<B> type) {
        return JsonBody.read(json, headers, body, type);
    }

    private T read(HttpHeaders headers, InputStream body) {
        return readBody(headers, body, records.type());
    }

    /** @return the ETag of a record: its version */
    protected static EntityTag etag(Object record) {
        return new EntityTag(String.valueOf(component(record, "version")));
    }

    private static String idOf(Object record) {
        return String.valueOf(component(record, "id"));
    }

    private static Object component(Object record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException(record.getClass() + " has no component " + name);
    }

    /**
     * Reads a version from {@code If-Match}: {@code "3"}, {@code W/"3"} or {@code 3}.
     *
     * @throws ProblemException when it is not a version
     */
    protected static long parseVersion(String ifMatch) {
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.malformed("If-Match", "If-Match must be the ETag of the record, like \"3\"");
        }
    }
}
