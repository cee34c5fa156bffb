package org.tesseracrm.plugin.exchange1c.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tesseracrm.api.crm.Company;
import org.tesseracrm.api.crm.Product;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.core.internal.service.CompanyService;
import org.tesseracrm.core.internal.service.ProductService;
import org.tesseracrm.testing.TestDatabase;

/**
 * What the importer promises on every supported database, with the real core services for companies and
 * products: the fixtures import with the counts the files hold, a second import adds no row, offers for
 * unknown products are reported and not invented, counterparties match by Ид, INN+KPP or go to the conflict
 * table, and a truncated or non-XML file writes nothing. Each test uses a connection of its own, so the
 * tests do not see each other's links (core companies and products are shared: assertions count per
 * connection or compare before and after).
 */
abstract class ImportContract {
    private static final String[] TABLES = {"exchange1c.exchange_object", "exchange1c.price", "exchange1c.stock",
        "exchange1c.order_line", "exchange1c.conflict", "core.company", "core.product"};
    private static int connections;

    private TestDatabase db;
    private CompanyService companies;
    private ProductService products;
    private CmlImporter importer;
    private Database exchange;
    private String connection;
    private CurrentUser.Scope scope;

    /** @return a new, empty database of the dialect under test */
    abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase(); // a fresh database per test: core companies and products are not shared
        RecordStores stores = db.stores();
        Database core = db.database("core", CompanyService.class);
        companies = new CompanyService(stores, core);
        products = new ProductService(stores, core);
        exchange = db.database("exchange1c", CmlImporter.class);
        importer = new CmlImporter(exchange, companies, products);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    @BeforeEach
    void newConnection() {
        connection = "c" + ++connections;
        scope = CurrentUser.enter(new TesseraUser("exchange" + connections, Set.of(TesseraUser.ADMINISTRATOR)));
    }

    @AfterEach
    void leave() {
        if (scope != null) {
            scope.close();
            scope = null;
        }
    }

    // ---------------------------------------------------------------- helpers

    private ImportResult load(String prefix) {
        ImportResult result = importer.importFile(connection, Fixtures.file(prefix));
        assertTrue(result.succeeded(), result.toString());
        assertEquals(List.of(), result.errors(), result.toString());
        return result;
    }

    private static void assertCounts(ImportResult result, Object... expected) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i += 2) {
            wanted.put((String) expected[i], (Integer) expected[i + 1]);
        }
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (String name : wanted.keySet()) {
            actual.put(name, result.count(name));
        }
        assertEquals(wanted, actual, result.toString());
    }

    private Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, db.count(table));
        }
        return rows;
    }

    private long count(String sql, Object... parameters) {
        return exchange.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    private long objects(String kind) {
        return count("SELECT COUNT(*) FROM exchange1c.exchange_object WHERE connection_id = ? AND kind = ?", connection, kind);
    }

    private String recordOf(String kind, String id) {
        return exchange.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT record_id FROM exchange1c.exchange_object "
                    + "WHERE connection_id = ? AND kind = ? AND id_1c = ?")) {
                select.setString(1, connection);
                select.setString(2, kind);
                select.setString(3, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }

    // ---------------------------------------------------------------- the fixtures

    @Test
    void catalogThenOffersOfTheSamePackage() {
        long productsBefore = db.count("core.product");
        ImportResult catalog = load("01_");
        assertCounts(catalog, ImportResult.GROUPS, 1, ImportResult.PROPERTIES, 12, ImportResult.PRODUCTS, 36,
                ImportResult.CREATED, 1 + 12 + 36, ImportResult.SKIPPED, 0);
        assertEquals(productsBefore + 36, db.count("core.product"));
        Product product = products.get(recordOf("product", "bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1"));
        assertEquals("PM-421-WP", product.sku());
        assertEquals("8809288404089", product.barcode());
        assertEquals("PCE", product.unit());
        assertTrue(product.active());

        ImportResult offers = load("02_");
        assertCounts(offers, ImportResult.PRICE_TYPES, 1, ImportResult.WAREHOUSES, 3, ImportResult.OFFERS, 44,
                ImportResult.PRICES, 44, ImportResult.STOCK_ROWS, 132, ImportResult.UNKNOWN, 8,
                ImportResult.PRODUCTS, 0);
        assertEquals(productsBefore + 36, db.count("core.product"), "offers of unknown products invent nothing");
        assertEquals(44, count("SELECT COUNT(*) FROM exchange1c.price WHERE connection_id = ?", connection));
        assertEquals(132, count("SELECT COUNT(*) FROM exchange1c.stock WHERE connection_id = ?", connection));
        assertEquals(8, count("SELECT COUNT(*) FROM exchange1c.exchange_object WHERE connection_id = ? AND kind = 'offer' "
                + "AND record_id IS NULL", connection));
        product = products.get(product.id());
        assertEquals(0, new BigDecimal("100").compareTo(product.price()), "the offer's price reaches the product");
        assertEquals("RUB", product.currency());
    }

    @Test
    void aSecondImportOfTheSameFilesAddsNoRow() {
        List<String> files = List.of("01_", "02_", "03_", "04_", "05_", "06_", "08_", "09_", "10_");
        for (String file : files) {
            load(file);
        }
        Map<String, Long> before = rows();
        long events = db.events.size();
        for (String file : files) {
            ImportResult again = load(file);
            assertEquals(0, again.count(ImportResult.CREATED), again.toString());
            assertEquals(0, again.count(ImportResult.UPDATED), again.toString());
        }
        assertEquals(before, rows());
        assertEquals(events, db.events.size(), "no core record was written again");
    }

    @Test
    void classifierPricesAndRestsWithoutTheirProductFile() {
        assertCounts(load("03_"), ImportResult.GROUPS, 97, ImportResult.PROPERTIES, 1908,
                ImportResult.PRICE_TYPES, 1, ImportResult.WAREHOUSES, 1, ImportResult.CREATED, 97 + 1908 + 1 + 1);
        assertTrue(load("03_").changesOnly());
        assertEquals(97, objects("group"));
        assertEquals(1800, objects("value"));
        // 1 group at depth 1, 9 at 2, 82 at 3, 5 at 4 (counted in the file)
        assertEquals(5, count("SELECT COUNT(*) FROM exchange1c.exchange_object g1 JOIN exchange1c.exchange_object g2 "
                + "ON g2.connection_id = g1.connection_id AND g2.kind = 'group' AND g2.id_1c = g1.parent_id_1c "
                + "JOIN exchange1c.exchange_object g3 ON g3.connection_id = g2.connection_id AND g3.kind = 'group' "
                + "AND g3.id_1c = g2.parent_id_1c WHERE g1.connection_id = ? AND g1.kind = 'group' "
                + "AND g3.parent_id_1c IS NOT NULL", connection), "groups at depth 4");
        long productsBefore = db.count("core.product");
        assertCounts(load("04_"), ImportResult.OFFERS, 978, ImportResult.PRICES, 978, ImportResult.UNKNOWN, 978,
                ImportResult.CREATED, 978);
        assertCounts(load("05_"), ImportResult.OFFERS, 978, ImportResult.STOCK_ROWS, 978, ImportResult.UNKNOWN, 978,
                ImportResult.UPDATED, 978, ImportResult.CREATED, 0);
        assertEquals(productsBefore, db.count("core.product"));
        assertEquals(978, count("SELECT COUNT(*) FROM exchange1c.price WHERE connection_id = ?", connection),
                "the stock-only package left the prices alone");
        assertEquals(978, count("SELECT COUNT(*) FROM exchange1c.stock WHERE connection_id = ?", connection));
    }

    @Test
    void catalogWithDeepGroups() {
        assertCounts(load("06_"), ImportResult.GROUPS, 22, ImportResult.PROPERTIES, 10, ImportResult.PRODUCTS, 2,
                ImportResult.CREATED, 34);
        assertEquals(2, objects("product"));
    }

    @Test
    void ordersWithTheirCounterparty() {
        long companiesBefore = db.count("core.company");
        ImportResult result = load("08_");
        assertCounts(result, ImportResult.ORDERS, 2, ImportResult.ORDER_LINES, 4, ImportResult.COUNTERPARTIES, 2,
                ImportResult.CREATED, 3, ImportResult.SKIPPED, 1);
        assertEquals(companiesBefore + 1, db.count("core.company"), "the same counterparty twice is one company");
        Company company = companies.get(recordOf("counterparty", "4a65ecb6-8b1b-11df-be16-e0cb4ed5f70f"));
        assertEquals("Kikinda (Сербия)", company.name());
        assertNull(company.inn());
        assertEquals(4, count("SELECT COUNT(*) FROM exchange1c.order_line WHERE connection_id = ?", connection));
    }

    @Test
    void bitrixOrdersInWindows1251() {
        ImportResult result = load("10_");
        assertCounts(result, ImportResult.ORDERS, 2, ImportResult.ORDER_LINES, 8, ImportResult.COUNTERPARTIES, 2);
        assertEquals(8, count("SELECT COUNT(*) FROM exchange1c.order_line WHERE connection_id = ?", connection));
        assertEquals(1, count("SELECT COUNT(*) FROM exchange1c.order_line WHERE connection_id = ? AND order_id_1c = '132' "
                + "AND quantity = 1 AND price = 231.74", connection));
        assertTrue(companies.find(recordOf("counterparty", "38#catalog_exchange#")).isPresent());
    }

    // ---------------------------------------------------------------- counterparties

    @Test
    void counterpartiesCreateMatchOrConflict() {
        // an existing company with the INN of "Алтай ТОО" and no KPP: linked, not duplicated
        Company altai = companies.create(Company.of("Алтай").withTaxIds("181310839110", null));
        // two companies with the INN of "Банк ТуранАлем ОАО": ambiguous, so a conflict
        companies.create(Company.of("Туран 1").withTaxIds("600520144856", null));
        companies.create(Company.of("Туран 2").withTaxIds("600520144856", null));
        long companiesBefore = db.count("core.company");

        ImportResult result = load("09_");
        assertCounts(result, ImportResult.COUNTERPARTIES, 4, ImportResult.MATCHED, 1, ImportResult.CONFLICTS, 1,
                ImportResult.CREATED, 2);
        assertEquals(companiesBefore + 2, db.count("core.company"));
        assertEquals(altai.id(), recordOf("counterparty", "4141d5ec-e2a6-11db-95d9-505054503030"));
        assertNull(recordOf("counterparty", "c5b29133-e35a-11db-95d9-505054503030"));
        assertEquals(1, count("SELECT COUNT(*) FROM exchange1c.conflict WHERE connection_id = ? AND id_1c = ? AND inn = ?",
                connection, "c5b29133-e35a-11db-95d9-505054503030", "600520144856"));
        Company td = companies.get(recordOf("counterparty", "021e0e3f-e329-11db-95d9-505054503030"));
        assertEquals("ТД Уют", td.name());
        assertEquals("181620360057", td.inn());

        // again: nothing new, the conflict stays one row
        Map<String, Long> before = rows();
        ImportResult again = load("09_");
        assertCounts(again, ImportResult.CREATED, 0, ImportResult.CONFLICTS, 1, ImportResult.SKIPPED, 3);
        assertEquals(before, rows());
        assertEquals(1, companies.list(Query.firstPage().where("inn", "181620360057")).items().size());
    }

    @Test
    void aCounterpartyWithoutInnNamedLikeAnExistingCompanyIsAConflict() {
        companies.create(Company.of("Удаленный отдел \"Уют\""));
        ImportResult result = load("09_");
        assertEquals(1, result.count(ImportResult.CONFLICTS), result.toString());
        assertNull(recordOf("counterparty", "d9510b52-e154-11db-80b9-00c09f6bedaa"));
    }

    // ---------------------------------------------------------------- broken files

    @Test
    void truncatedAndNonXmlFilesWriteNothing(@TempDir Path temp) throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("01_"));
        Path truncated = temp.resolve("import0_1.xml");
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 2000));
        Path garbage = temp.resolve("offers0_1.xml");
        Files.write(garbage, new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        Map<String, Long> before = rows();
        for (Path file : List.of(truncated, garbage)) {
            ImportResult result = importer.importFile(connection, file);
            assertFalse(result.succeeded(), result.toString());
            assertTrue(result.failure().startsWith("not a readable XML file"), result.failure());
            assertEquals(0, result.count(ImportResult.CREATED));
        }
        assertEquals(before, rows(), "nothing half-imported");
    }

    @Test
    void aChangedProductIsUpdatedInPlace(@TempDir Path temp) throws IOException, SQLException {
        load("06_");
        long productsBefore = db.count("core.product");
        String text = Files.readString(Fixtures.file("06_"));
        assertTrue(text.contains("<Каталог"), "a catalog");
        Path changed = temp.resolve("import.xml");
        String renamed = text.replaceFirst("(<Товар>\\s*<Ид>[^<]+</Ид>(?:\\s*<[^>]+>[^<]*</[^>]+>)*?\\s*<Наименование>)",
                "$1Новое имя: ");
        assertFalse(renamed.equals(text), "the test changed a product's name");
        Files.writeString(changed, renamed);
        ImportResult result = importer.importFile(connection, changed);
        assertTrue(result.succeeded(), result.toString());
        assertCounts(result, ImportResult.UPDATED, 1, ImportResult.CREATED, 0);
        assertEquals(productsBefore, db.count("core.product"));
        assertEquals(1, products.list(Query.firstPage().page(0, Query.MAX_LIMIT)).items().stream()
                .filter(p -> p.name().startsWith("Новое имя: ")).count());
        try (Connection ignored = db.dataSource().getConnection()) {
            // the database is still usable after the import
        }
    }
}
