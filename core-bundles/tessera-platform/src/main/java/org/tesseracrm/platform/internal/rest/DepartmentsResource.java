package org.tesseracrm.platform.internal.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.security.AccessService;
import org.tesseracrm.platform.internal.security.Departments;
import org.tesseracrm.platform.internal.security.Departments.Department;

/**
 * The department tree: everyone may read it ({@code GET /api/v1/departments}); administrators create,
 * rename, move and remove departments.
 */
@Component(service = DepartmentsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("departments")
@Produces(MediaType.APPLICATION_JSON)
public final class DepartmentsResource {
    private final Departments departments;
    private final AccessService access;
    private final JsonCodec json;

    /** What {@code POST} and {@code PUT} take. */
    public record DepartmentForm(String name, String parentId) {
    }

    /** Works on the departments. */
    @Activate
    public DepartmentsResource(@Reference Departments departments, @Reference AccessService access,
            @Reference JsonCodec json) {
        this.departments = departments;
        this.access = access;
        this.json = json;
    }

    /** @return every department */
    @GET
    public List<Department> list() {
        return departments.list();
    }

    /** @return one department */
    @GET
    @Path("{id}")
    public Department get(@PathParam("id") String id) {
        return departments.get(id);
    }

    /** Creates a department. */
    @POST
    public Response create(@Context HttpHeaders headers, InputStream body) {
        Administrators.only("manage departments");
        DepartmentForm form = JsonBody.read(json, headers, body, DepartmentForm.class);
        Department created = departments.create(form.name(), blankToNull(form.parentId()));
        return Response.created(URI.create(TesseraApi.BASE + "/departments/" + created.id())).entity(created).build();
    }

    /** Renames or moves a department. */
    @PUT
    @Path("{id}")
    public Department update(@PathParam("id") String id, @Context HttpHeaders headers, InputStream body) {
        Administrators.only("manage departments");
        DepartmentForm form = JsonBody.read(json, headers, body, DepartmentForm.class);
        Department updated = departments.update(id, form.name(), blankToNull(form.parentId()));
        access.forgetAll();
        return updated;
    }

    /** Removes an empty department. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Administrators.only("manage departments");
        departments.delete(id);
        access.forgetAll();
        return Response.noContent().build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
