package org.tesseracrm.plugin.exchange1c.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one imported file contained and what became of it. Object counts say what the file held
 * ({@link #GROUPS}, {@link #PRODUCTS}, …); outcome counts say what the import did: {@link #CREATED} new
 * objects, {@link #UPDATED} changed ones, {@link #SKIPPED} unchanged ones, {@link #UNKNOWN} offers whose
 * product Tessera does not know, {@link #CONFLICTS} counterparties queued for an operator.
 */
public final class ImportResult {
    /** Classifier groups read. */
    public static final String GROUPS = "groups";
    /** Classifier properties read. */
    public static final String PROPERTIES = "properties";
    /** Price types read. */
    public static final String PRICE_TYPES = "priceTypes";
    /** Warehouses read. */
    public static final String WAREHOUSES = "warehouses";
    /** Catalog products read. */
    public static final String PRODUCTS = "products";
    /** Offers read. */
    public static final String OFFERS = "offers";
    /** Prices read (one per offer and price type). */
    public static final String PRICES = "prices";
    /** Stock rows read (one per offer and warehouse). */
    public static final String STOCK_ROWS = "stockRows";
    /** Counterparties read (also those of documents). */
    public static final String COUNTERPARTIES = "counterparties";
    /** Representatives of counterparties read (each becomes a contact of the counterparty's company). */
    public static final String REPRESENTATIVES = "representatives";
    /** Orders (documents) read. */
    public static final String ORDERS = "orders";
    /** Order lines read. */
    public static final String ORDER_LINES = "orderLines";
    /** Objects new to this connection. */
    public static final String CREATED = "created";
    /** Known objects that changed. */
    public static final String UPDATED = "updated";
    /** Known objects sent again unchanged. */
    public static final String SKIPPED = "skipped";
    /** Offers for products Tessera does not know (kept, not turned into products). */
    public static final String UNKNOWN = "unknown";
    /** Counterparties new to this connection linked to an existing company by INN and KPP. */
    public static final String MATCHED = "matched";
    /** Counterparties queued in the conflict table. */
    public static final String CONFLICTS = "conflicts";
    /** Deals moved to another stage by the status of their order in 1C. */
    public static final String DEALS_UPDATED = "dealsUpdated";
    /** Orders from 1C that are no deal Tessera sent. */
    public static final String ORDERS_UNKNOWN = "ordersUnknown";
    /** Stock rows posted to the warehouse plugin. */
    public static final String STOCK_POSTED = "stockPosted";
    /** Stock rows kept in the plugin only (no warehouse plugin, no mapping, or a receipt would be needed). */
    public static final String STOCK_KEPT = "stockKept";

    /**
     * An object that could not be imported.
     *
     * @param element the element's local name ({@code Товар})
     * @param line    the line it starts on, or -1
     * @param id      its Ид when known
     * @param message what went wrong
     */
    public record Error(String element, int line, String id, String message) { }

    private final String file;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final List<Error> errors = new ArrayList<>();
    private String schemaVersion;
    private boolean changesOnly;
    private boolean fullCatalog;
    private String failure;

    /** @param file the file's name, for the exchange log */
    public ImportResult(String file) {
        this.file = file;
        for (String name : new String[] {GROUPS, PROPERTIES, PRICE_TYPES, WAREHOUSES, PRODUCTS, OFFERS, PRICES,
            STOCK_ROWS, COUNTERPARTIES, ORDERS, ORDER_LINES, CREATED, UPDATED, SKIPPED, UNKNOWN, MATCHED, CONFLICTS}) {
            counts.put(name, 0);
        }
    }

    /** @return the file's name */
    public String file() {
        return file;
    }

    /** @return one count by name, 0 when nothing was counted */
    public int count(String name) {
        return counts.getOrDefault(name, 0);
    }

    /** @return all counts, in a stable order */
    public Map<String, Integer> counts() {
        return Collections.unmodifiableMap(counts);
    }

    void add(String name, int amount) {
        counts.merge(name, amount, Integer::sum);
    }

    void add(String name) {
        add(name, 1);
    }

    /** @return the objects that could not be imported */
    public List<Error> errors() {
        return Collections.unmodifiableList(errors);
    }

    void error(String element, int line, String id, String message) {
        errors.add(new Error(element, line, id, message));
    }

    /** @return why the whole file was refused (nothing imported), or {@code null} when it was imported */
    public String failure() {
        return failure;
    }

    /** Refuses the file as a whole, for the reason given (one line, shown to 1C after {@code failure}). */
    public void fail(String reason) {
        failure = reason;
    }

    /** @return whether the file was imported (possibly with errors on single objects) */
    public boolean succeeded() {
        return failure == null;
    }

    /** @return the file's {@code ВерсияСхемы} */
    public String schemaVersion() {
        return schemaVersion;
    }

    void schemaVersion(String version) {
        schemaVersion = version;
    }

    /** @return whether a section declared that it holds only changes */
    public boolean changesOnly() {
        return changesOnly;
    }

    void changesOnly(boolean value) {
        changesOnly = changesOnly || value;
    }

    /** @return whether the file held a catalog ({@code Каталог}) that is full: not only changes */
    public boolean fullCatalog() {
        return fullCatalog;
    }

    void fullCatalog(boolean value) {
        fullCatalog = value;
    }

    @Override
    public String toString() {
        return file + " " + counts + (errors.isEmpty() ? "" : " errors=" + errors)
                + (failure == null ? "" : " FAILED: " + failure);
    }
}
