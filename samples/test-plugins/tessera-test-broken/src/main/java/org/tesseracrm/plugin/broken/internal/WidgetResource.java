package org.tesseracrm.plugin.broken.internal;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.rest.TesseraApi;

/**
 * {@code /api/v1/broken/widgets}: would count the widgets, but never starts, because this plugin exists
 * only for the hot-plug tests and its migration fails on purpose — the platform registers no
 * {@link Database} for schema {@code broken}, so the path stays 404.
 */
@Component(service = WidgetResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=" + TesseraApi.PLUGIN_APPLICATION_PREFIX + "broken)")
@Path("widgets")
@Produces(MediaType.APPLICATION_JSON)
public final class WidgetResource {
    private final Database database;

    /** Starts only on a migrated schema {@code broken}, that is never. */
    @Activate
    public WidgetResource(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=broken)") Database database) {
        this.database = database;
    }

    /** @return how many widgets there are */
    @GET
    public Map<String, Object> count() {
        return database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM broken.widget")) {
                rows.next();
                return Map.of("count", rows.getLong(1));
            }
        });
    }
}
