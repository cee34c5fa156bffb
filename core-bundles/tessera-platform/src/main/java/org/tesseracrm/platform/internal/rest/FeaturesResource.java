package org.tesseracrm.platform.internal.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;

/**
 * Plugins and editions are Karaf features; administrators install and uninstall them in the running
 * system here, without restarting anything: {@code GET /api/v1/platform/features} lists Tessera's
 * features, {@code POST} with {@code {"name": "...", "repository": "mvn:..."}} installs one (the
 * repository is optional), {@code DELETE /{name}} uninstalls it. Bundles that are already running are
 * never refreshed by these changes; an uninstalled plugin's tables and data stay in the database.
 */
@Component(service = FeaturesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("platform/features")
@Produces(MediaType.APPLICATION_JSON)
public final class FeaturesResource {
    private static final Logger LOG = LoggerFactory.getLogger(FeaturesResource.class);
    private static final EnumSet<FeaturesService.Option> NO_REFRESH =
            EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    /** What a feature's name looks like; anything else is no feature (Karaf would read it as a pattern). */
    private static final String FEATURE_NAME = "[A-Za-z0-9._-]{1,100}";

    private final FeaturesService features;
    private final Json json;

    /** Works on Karaf's features service. */
    @Activate
    public FeaturesResource(@Reference FeaturesService features, @Reference Json json) {
        this.features = features;
        this.json = json;
    }

    /** What {@code POST} takes. */
    public record Install(String name, String repository) {
    }

    /** @return Tessera's features with whether each is installed */
    @GET
    public List<Map<String, Object>> list() throws Exception {
        administratorOnly();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Feature feature : features.listFeatures()) {
            if (feature.getName().startsWith("tessera-")) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", feature.getName());
                item.put("version", feature.getVersion());
                item.put("description", feature.getDescription());
                item.put("installed", features.isInstalled(feature));
                list.add(item);
            }
        }
        return list;
    }

    /** Installs a feature (and, first, its repository when one is named). */
    @POST
    public Response install(@Context HttpHeaders headers, java.io.InputStream body) throws Exception {
        administratorOnly();
        Install request = JsonBody.read(json, headers, body, Install.class);
        if (request.name() == null || !request.name().matches(FEATURE_NAME)) {
            throw ProblemException.invalid("name", "name must be a feature name like tessera-sample-plugin");
        }
        if (request.repository() != null) {
            URI repository;
            try {
                repository = URI.create(request.repository());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("repository", "repository must be a URI like mvn:group/artifact/version/xml/features");
            }
            features.addRepository(repository);
        }
        if (features.getFeatures(request.name()).length == 0) {
            throw ProblemException.invalid("name", "No feature named '" + request.name() + "' is known");
        }
        LOG.info("{} installs feature {}", CurrentUser.get().username(), request.name());
        features.installFeature(request.name(), NO_REFRESH);
        return Response.ok(state(request.name())).build();
    }

    /** Uninstalls a feature; its data stays. */
    @DELETE
    @Path("{name}")
    public Response uninstall(@PathParam("name") String name) throws Exception {
        administratorOnly();
        if (!name.matches(FEATURE_NAME) || installed(name) == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "Feature '" + name + "' is not installed", null);
        }
        LOG.info("{} uninstalls feature {}", CurrentUser.get().username(), name);
        features.uninstallFeature(name, NO_REFRESH);
        return Response.ok(state(name)).build();
    }

    private Map<String, Object> state(String name) throws Exception {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", name);
        Feature feature = installed(name);
        state.put("installed", feature != null);
        if (feature != null) {
            state.put("version", feature.getVersion());
        }
        return state;
    }

    /** @return the installed version of a feature (several versions may be known), or {@code null} */
    private Feature installed(String name) throws Exception {
        for (Feature feature : features.getFeatures(name)) {
            if (features.isInstalled(feature)) {
                return feature;
            }
        }
        return null;
    }

    private static void administratorOnly() {
        if (!CurrentUser.get().hasRole(TesseraUser.ADMINISTRATOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only administrators install or remove features", null);
        }
    }
}
