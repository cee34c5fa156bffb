package org.tesseracrm.platform.internal.rest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.security.AccessService;
import org.tesseracrm.platform.internal.security.Roles;
import org.tesseracrm.platform.internal.security.Roles.Role;

/**
 * Roles and what they grant: {@code GET /api/v1/roles?lang=} lists the built-in roles and those of the
 * installed plugins; {@code PUT /api/v1/roles/{name}/permissions} with {@code {"contact": ["READ",
 * "CREATE"]}} sets, for administrators, what a role may do with the entities named.
 */
@Component(service = RolesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("roles")
@Produces(MediaType.APPLICATION_JSON)
public final class RolesResource {
    private final Roles roles;
    private final AccessService access;
    private final JsonCodec json;

    /** Works on the roles. */
    @Activate
    public RolesResource(@Reference Roles roles, @Reference AccessService access, @Reference JsonCodec json) {
        this.roles = roles;
        this.access = access;
        this.json = json;
    }

    /** @return every role */
    @GET
    public List<Map<String, Object>> list(@QueryParam("lang") String lang) {
        Locale locale = lang == null || lang.isBlank() || lang.length() > 35 ? Locale.ENGLISH : Locale.forLanguageTag(lang);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Role role : roles.all(locale).values()) {
            list.add(describe(role));
        }
        return list;
    }

    /** Sets a role's grants on the entities named. */
    @PUT
    @Path("{name}/permissions")
    @SuppressWarnings("unchecked")
    public Map<String, Object> setPermissions(@PathParam("name") String name, @Context HttpHeaders headers,
            InputStream body) {
        Administrators.only("change what roles may do");
        Map<String, Object> form = JsonBody.read(json, headers, body, Map.class);
        Map<String, Set<Action>> grants = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : form.entrySet()) {
            String entity = entry.getKey();
            if (!entity.matches("\\*|[a-z][a-z0-9.-]{0,59}")) {
                throw ProblemException.invalid(entity, "'" + entity + "' is not an entity name");
            }
            if (!(entry.getValue() instanceof List<?> actions)) {
                throw ProblemException.invalid(entity, "Give the actions as a list, such as [\"READ\", \"CREATE\"]");
            }
            Set<Action> set = EnumSet.noneOf(Action.class);
            for (Object action : actions) {
                try {
                    set.add(Action.valueOf(String.valueOf(action)));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid(entity, "Unknown action '" + action + "'; actions are "
                            + List.of(Action.values()));
                }
            }
            grants.put(entity, set);
        }
        Role role = roles.setGrants(name, grants);
        access.forgetAll();
        return describe(role);
    }

    private static Map<String, Object> describe(Role role) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", role.name());
        item.put("title", role.title());
        item.put("plugin", role.plugin());
        item.put("visibility", role.visibility());
        item.put("permissions", role.grants());
        return item;
    }
}
