package org.tesseracrm.plugin.exchange1c.internal.connection;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How Tessera exchanges with one 1C base (a legal entity): who may exchange, which 1C price type becomes
 * the products' price, which 1C warehouse is which Tessera warehouse, which deals go to 1C as orders and
 * which stages 1C's order statuses move them to, and the encoding of what Tessera sends.
 *
 * @param name           the connection's name: {@code /exchange/1c/<name>}; {@value #DEFAULT} for {@code /exchange/1c}
 * @param role           the role (besides administrator) whose users may exchange
 * @param users          logins allowed to exchange; empty: any user with the role
 * @param priceType      the 1C price type (Ид or name) whose price becomes a product's price; empty: the first
 * @param warehouses     1C warehouse Ид → Tessera warehouse id, for stock into the warehouse plugin
 * @param encoding       what Tessera writes: UTF-8 (with a BOM) or windows-1251
 * @param exportStages   stage ids of the deals sent to 1C as orders by {@code mode=query}
 * @param paidStage      stage a deal moves to when 1C says its order is paid (blank: stays)
 * @param shippedStage   stage a deal moves to when 1C says its order is shipped or final (blank: first won stage)
 * @param cancelledStage stage a deal moves to when 1C cancels its order (blank: first lost stage)
 * @param fileLimit      the largest chunk 1C may send in one request, in bytes
 * @param zip            whether 1C is asked to send zip archives
 * @param deleteOmitted  whether a complete package with a full catalog deletes (to the recycle bin) the products
 *                       of this connection it did not list; off by default: a full package of a subset must not
 *                       wipe the rest
 */
public record ConnectionSettings(String name, String role, Set<String> users, String priceType,
        Map<String, String> warehouses, Charset encoding, Set<String> exportStages, String paidStage,
        String shippedStage, String cancelledStage, long fileLimit, boolean zip, boolean deleteOmitted) {
    /** The connection served at {@code /exchange/1c}. */
    public static final String DEFAULT = "default";
    /** The role that may exchange with 1C, besides administrators. */
    public static final String EXCHANGE_ROLE = "exchange1c";
    /** windows-1251, which older 1C releases require for orders. */
    public static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    /** Default chunk size: 1C splits larger files into several requests. */
    public static final long DEFAULT_FILE_LIMIT = 8L * 1024 * 1024;

    public ConnectionSettings {
        users = Set.copyOf(users);
        warehouses = Map.copyOf(warehouses);
        exportStages = Set.copyOf(exportStages);
    }

    /** @return the settings of a connection nobody configured: administrators and the exchange role, UTF-8, zip */
    public static ConnectionSettings defaults(String name) {
        return new ConnectionSettings(name, EXCHANGE_ROLE, Set.of(), "", Map.of(), StandardCharsets.UTF_8,
                Set.of(), "", "", "", DEFAULT_FILE_LIMIT, true, false);
    }

    /** @return whether Tessera writes windows-1251 (else UTF-8 with a BOM) */
    public boolean windows1251() {
        return encoding.equals(WINDOWS_1251);
    }

    /**
     * Reads {@code key=value} pairs separated by commas or new lines ({@code "a1=w1, a2=w2"}).
     *
     * @throws IllegalArgumentException naming the pair without {@code =}
     */
    public static Map<String, String> pairs(List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            for (String pair : entry.split("[,\\n]")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + pair.strip() + "' is not <1C id>=<Tessera id>");
                }
                map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return map;
    }
}
