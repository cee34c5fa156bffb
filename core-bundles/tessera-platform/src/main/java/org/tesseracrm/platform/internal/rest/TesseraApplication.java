package org.tesseracrm.platform.internal.rest;

import java.util.Set;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.security.Authenticator;
import org.tesseracrm.platform.internal.security.Sessions;

/**
 * The one JAX-RS application of Tessera, at {@code /api/v1}. Core and plugin resources join it through
 * the whiteboard; it brings the JSON body reader and writer, authentication, and the mapping of every
 * failure to {@code application/problem+json}.
 */
@Component(service = {Application.class, TesseraApplication.class})
@JaxrsApplicationBase(TesseraApi.BASE)
@JaxrsName(TesseraApi.APPLICATION_NAME)
public final class TesseraApplication extends Application {
    private final Set<Object> singletons;
    private final JsonCodec json;
    private final Authenticator authenticator;
    private final Sessions sessions;

    /** Assembles the application's providers. */
    @Activate
    public TesseraApplication(@Reference JsonCodec json, @Reference Authenticator authenticator,
            @Reference Sessions sessions) {
        this.json = json;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.singletons = Set.of(new JsonBodyProvider(json), new ProblemMapper(json),
                new AuthenticationFilter(authenticator, sessions, json));
    }

    /** @return a new application with providers of its own, for a plugin (not a DS component) */
    TesseraApplication copy() {
        return new TesseraApplication(json, authenticator, sessions);
    }

    @Override
    public Set<Object> getSingletons() {
        return singletons;
    }
}
