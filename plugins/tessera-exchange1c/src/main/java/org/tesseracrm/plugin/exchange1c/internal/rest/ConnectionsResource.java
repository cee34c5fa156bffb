package org.tesseracrm.plugin.exchange1c.internal.rest;

import java.util.List;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;
import org.tesseracrm.plugin.exchange1c.internal.connection.Connections;

/**
 * {@code GET /api/v1/exchange1c/connections}: the 1C bases Tessera exchanges with, as configured
 * (factory PID {@code org.tesseracrm.plugin.exchange1c.connection}), with the URL to type into 1C.
 */
@Component(service = ConnectionsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ExchangeApplication.SELECT)
@Path("connections")
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectionsResource {
    /** A connection as shown to administrators (no secrets: credentials are Tessera users). */
    public record ConnectionView(String name, String path, String role, Set<String> users, String priceType,
            java.util.Map<String, String> warehouses, String encoding, Set<String> exportStages, String paidStage,
            String shippedStage, String cancelledStage, long fileLimit, boolean zip, boolean deleteOmitted) { }

    private final Connections connections;

    /** Lists the connections. */
    @Activate
    public ConnectionsResource(@Reference Connections connections) {
        this.connections = connections;
    }

    /** Lists the connections, the default one included. */
    @GET
    public List<ConnectionView> list() {
        ExchangeApplication.requireExchangeRole();
        return connections.all().stream().map(c -> new ConnectionView(c.name(),
                c.name().equals(ConnectionSettings.DEFAULT) ? "/exchange/1c" : "/exchange/1c/" + c.name(), c.role(),
                c.users(), c.priceType(), c.warehouses(), c.encoding().name(), c.exportStages(), c.paidStage(),
                c.shippedStage(), c.cancelledStage(), c.fileLimit(), c.zip(), c.deleteOmitted())).toList();
    }
}
