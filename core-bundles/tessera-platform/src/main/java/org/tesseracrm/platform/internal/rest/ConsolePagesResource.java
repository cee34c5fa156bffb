package org.tesseracrm.platform.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.spi.console.ConsolePage;

/**
 * {@code GET /api/v1/console/pages}: the console pages of what is installed now, in menu order, and
 * {@code GET /api/v1/console/pages/{id}/script}: a page's script, read from the bundle that contributes it.
 */
@Component(service = ConsolePagesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("console/pages")
@Produces(MediaType.APPLICATION_JSON)
public final class ConsolePagesResource {
    private final Map<ConsolePage, Bundle> pages = new ConcurrentHashMap<>();

    /** A page's bundle starts. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPage(ConsolePage page, ServiceReference<ConsolePage> reference) {
        pages.put(page, reference.getBundle());
    }

    /** A page's bundle stops. */
    void removePage(ConsolePage page) {
        pages.remove(page);
    }

    /**
     * @param lang the user's language ({@code ru}, {@code en}); titles are in English without it
     * @return id, title, route, script URL and contributing bundle of each page
     */
    @GET
    public List<Map<String, Object>> list(@QueryParam("lang") String lang) {
        Locale locale = lang == null || lang.isBlank() || lang.length() > 35 ? Locale.ENGLISH
                : Locale.forLanguageTag(lang);
        List<Map.Entry<ConsolePage, Bundle>> entries = new ArrayList<>(pages.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<ConsolePage, Bundle> e) -> e.getKey().order())
                .thenComparing(e -> e.getKey().id()));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<ConsolePage, Bundle> entry : entries) {
            ConsolePage page = entry.getKey();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", page.id());
            item.put("title", page.title(locale));
            item.put("route", page.route());
            item.put("script", TesseraApi.BASE + "/console/pages/" + page.id() + "/script");
            item.put("order", page.order());
            item.put("bundle", entry.getValue().getSymbolicName());
            list.add(item);
        }
        return list;
    }

    /** @return the page's script as JavaScript */
    @GET
    @Path("{id}/script")
    @Produces("text/javascript")
    public Response script(@PathParam("id") String id) {
        for (Map.Entry<ConsolePage, Bundle> entry : pages.entrySet()) {
            if (entry.getKey().id().equals(id)) {
                URL resource = entry.getValue().getEntry(entry.getKey().script());
                if (resource == null) {
                    break;
                }
                try (InputStream in = resource.openStream()) {
                    CacheControl noCache = new CacheControl();
                    noCache.setNoCache(true);
                    return Response.ok(in.readAllBytes(), "text/javascript; charset=utf-8").cacheControl(noCache)
                            .build();
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot read " + resource, e);
                }
            }
        }
        throw ProblemException.notFound("console page script", id);
    }
}
