package org.tesseracrm.plugin.exchange1c.internal.connection;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One 1C base Tessera exchanges with: a factory configuration of PID {@value #FACTORY_PID}
 * ({@code etc/org.tesseracrm.plugin.exchange1c.connection-<name>.cfg}). A change of the configuration
 * replaces this component, so the next 1C request sees the new settings.
 */
@Component(service = ExchangeConnection.class, configurationPid = ExchangeConnection.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ExchangeConnection.Config.class, factory = true)
public final class ExchangeConnection {
    /** The factory PID of connections. */
    public static final String FACTORY_PID = "org.tesseracrm.plugin.exchange1c.connection";

    /** A connection's settings, as typed by an administrator. */
    @ObjectClassDefinition(name = "Tessera 1C exchange connection",
            description = "One 1C base (legal entity) exchanging with Tessera at /exchange/1c/<name>")
    public @interface Config {
        /** @return the name in the URL; "default" is served at /exchange/1c */
        @AttributeDefinition(description = "Name in the URL /exchange/1c/<name>; 'default' is /exchange/1c")
        String name();

        /** @return the role whose users may exchange */
        @AttributeDefinition(description = "Role whose users may exchange (administrators always may)")
        String role() default ConnectionSettings.EXCHANGE_ROLE;

        /** @return logins allowed to exchange */
        @AttributeDefinition(required = false, description = "Only these logins may exchange (empty: any user with the role)")
        String[] users() default {};

        /** @return the 1C price type that becomes the product price */
        @AttributeDefinition(required = false, description = "1C price type (Ид or name) that becomes the product price; empty: the first")
        String priceType() default "";

        /** @return warehouse mapping */
        @AttributeDefinition(required = false, description = "1C warehouse Ид = Tessera warehouse id, comma separated")
        String[] warehouses() default {};

        /** @return the encoding of orders sent to 1C */
        @AttributeDefinition(description = "Encoding of what Tessera sends to 1C", options = {
            @Option(label = "UTF-8 with BOM", value = "UTF-8"),
            @Option(label = "windows-1251", value = "windows-1251")})
        String encoding() default "UTF-8";

        /** @return stages whose deals are sent to 1C */
        @AttributeDefinition(required = false, description = "Stage ids whose deals are sent to 1C as orders")
        String[] exportStages() default {};

        /** @return stage of paid orders */
        @AttributeDefinition(required = false, description = "Stage for deals whose order 1C marks paid (empty: unchanged)")
        String paidStage() default "";

        /** @return stage of shipped orders */
        @AttributeDefinition(required = false, description = "Stage for deals whose order 1C marks shipped or final (empty: the first won stage)")
        String shippedStage() default "";

        /** @return stage of cancelled orders */
        @AttributeDefinition(required = false, description = "Stage for deals whose order 1C cancels (empty: the first lost stage)")
        String cancelledStage() default "";

        /** @return the chunk size */
        @AttributeDefinition(description = "Largest chunk 1C sends in one request, bytes")
        long fileLimit() default ConnectionSettings.DEFAULT_FILE_LIMIT;

        /** @return whether 1C sends zip archives */
        @AttributeDefinition(description = "Ask 1C to send zip archives")
        boolean zip() default true;

        /** @return whether a complete full catalog deletes the products it omits */
        @AttributeDefinition(description = "After a complete package with a full catalog (1C's mode=deactivate or "
                + "mode=complete), delete to the recycle bin this connection's products the package did not list")
        boolean deleteOmitted() default false;
    }

    private final ConnectionSettings settings;

    /**
     * Reads the configuration.
     *
     * @throws IllegalArgumentException on a bad name, encoding, mapping or file limit: the component does
     *                                  not start and SCR logs the reason
     */
    @Activate
    public ExchangeConnection(Config config) {
        this.settings = settings(config);
    }

    /** @return the connection's settings */
    public ConnectionSettings settings() {
        return settings;
    }

    static ConnectionSettings settings(Config config) {
        String name = config.name() == null ? "" : config.name().strip();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
            throw new IllegalArgumentException("connection name '" + name
                    + "' must be 1-100 letters, digits, '.', '_' or '-'");
        }
        Charset encoding = switch (config.encoding().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "windows-1251", "cp1251" -> ConnectionSettings.WINDOWS_1251;
            default -> throw new IllegalArgumentException("encoding '" + config.encoding()
                    + "' of connection " + name + " must be UTF-8 or windows-1251");
        };
        if (config.fileLimit() < 1024) {
            throw new IllegalArgumentException("fileLimit of connection " + name + " must be at least 1024 bytes");
        }
        return new ConnectionSettings(name, blank(config.role(), ConnectionSettings.EXCHANGE_ROLE),
                list(config.users()), config.priceType().strip(),
                ConnectionSettings.pairs(Arrays.asList(config.warehouses())), encoding, list(config.exportStages()),
                config.paidStage().strip(), config.shippedStage().strip(), config.cancelledStage().strip(),
                config.fileLimit(), config.zip(), config.deleteOmitted());
    }

    private static Set<String> list(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private static String blank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
