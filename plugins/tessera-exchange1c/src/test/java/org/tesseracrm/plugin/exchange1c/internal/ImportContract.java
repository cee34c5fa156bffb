package org.tesseracrm.plugin.exchange1c.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.crm.Address;
import org.tesseracrm.api.crm.BankAccount;
import org.tesseracrm.api.crm.Company;
import org.tesseracrm.api.crm.Contact;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.DealLine;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.api.crm.Product;
import org.tesseracrm.api.crm.Products;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.core.internal.service.CompanyService;
import org.tesseracrm.core.internal.service.ContactService;
import org.tesseracrm.core.internal.service.DealService;
import org.tesseracrm.core.internal.service.PipelineService;
import org.tesseracrm.core.internal.service.ProductService;
import org.tesseracrm.plugin.exchange1c.internal.cml.Cml;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlHandler;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlReader;
import org.tesseracrm.plugin.exchange1c.internal.conflict.ConflictQueue;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;
import org.tesseracrm.plugin.exchange1c.internal.log.ExchangeLog;
import org.tesseracrm.plugin.exchange1c.internal.sale.OrderExport;
import org.tesseracrm.plugin.exchange1c.internal.sale.OrderStatuses;
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
        "exchange1c.order_line", "exchange1c.conflict", "core.company", "core.contact", "core.product"};
    private static int connections;

    private TestDatabase db;
    private CompanyService companies;
    private ContactService contacts;
    private ProductService products;
    private CmlImporter importer;
    private PipelineService pipelines;
    private DealService deals;
    private OrderExport orders;
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
        pipelines = new PipelineService(stores, core);
        deals = new DealService(stores, core, pipelines);
        contacts = new ContactService(stores, core);
        orders = new OrderExport(exchange, deals, companies, contacts, products, pipelines);
        importer = new CmlImporter(exchange, companies, contacts, products, new OrderStatuses(deals, pipelines, orders));
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
                ImportResult.REPRESENTATIVES, 1, ImportResult.CREATED, 4, ImportResult.SKIPPED, 1);
        assertEquals(companiesBefore + 1, db.count("core.company"), "the same counterparty twice is one company");
        Company company = companies.get(recordOf("counterparty", "4a65ecb6-8b1b-11df-be16-e0cb4ed5f70f"));
        assertEquals("Kikinda (Сербия)", company.name());
        assertNull(company.inn());
        assertEquals(List.of(), company.addresses(), "the placeholder address \"Адрес\" is no address");
        assertEquals(List.of(new BankAccount("89000", "044525222", "ИНГ БАНК (ЕВРАЗИЯ) АО", "30101810500000000222"),
                new BankAccount("5678999", "044579555", "\"МИЛЛЕНИУМ БАНК\" (ЗАО)", "30101810500000000555")),
                company.bankAccounts(), "the counterparty's accounts, once though it comes twice");
        Contact smirnov = contacts.get(recordOf("representative", "5018186c-ddb3-11df-aeb7-0015e9b8c48d"));
        assertEquals(List.of("Олег", "Иванович", "Смирнов", "Контактное лицо", company.id()), List.of(
                smirnov.firstName(), smirnov.middleName(), smirnov.lastName(), smirnov.position(), smirnov.companyId()));
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

        long contactsBefore = db.count("core.contact");
        ImportResult result = load("09_");
        assertCounts(result, ImportResult.COUNTERPARTIES, 4, ImportResult.MATCHED, 1, ImportResult.CONFLICTS, 1,
                ImportResult.REPRESENTATIVES, 1, ImportResult.CREATED, 3);
        assertEquals(companiesBefore + 2, db.count("core.company"));
        assertEquals(altai.id(), recordOf("counterparty", "4141d5ec-e2a6-11db-95d9-505054503030"));
        assertNull(recordOf("counterparty", "c5b29133-e35a-11db-95d9-505054503030"));
        assertEquals(1, count("SELECT COUNT(*) FROM exchange1c.conflict WHERE connection_id = ? AND id_1c = ? AND inn = ?",
                connection, "c5b29133-e35a-11db-95d9-505054503030", "600520144856"));
        Company td = companies.get(recordOf("counterparty", "021e0e3f-e329-11db-95d9-505054503030"));
        assertEquals("ТД Уют", td.name());
        assertEquals("181620360057", td.inn());
        assertEquals(List.of("+7 (3272) 25-39-39"), td.phones());
        assertEquals(List.of("Uyt@komp.kz"), td.emails());
        assertEquals(List.of(new Address("legal", "005897, Города Республиканского значения: Алматы, Тохтарова, "
                + "дом № 18", null, "005897", null)), td.addresses());
        assertEquals(List.of(new BankAccount("798321", "190701310", "Филиал ОАО Банк ТуранАлем", "21847800")),
                td.bankAccounts());
        assertEquals(contactsBefore + 1, db.count("core.contact"));
        Contact konovalov = contacts.get(recordOf("representative", "640a2bf0-e8ac-11db-95da-505054503030"));
        assertEquals(List.of("Коновалов", "Александр", td.id()),
                List.of(konovalov.lastName(), konovalov.firstName(), konovalov.companyId()));

        // again: nothing new, the conflict stays one row
        Map<String, Long> before = rows();
        ImportResult again = load("09_");
        assertCounts(again, ImportResult.CREATED, 0, ImportResult.CONFLICTS, 1, ImportResult.SKIPPED, 3);
        assertEquals(before, rows());
        assertEquals(1, companies.list(Query.firstPage().where("inn", "181620360057")).items().size());
    }

    @Test
    void aCompanyMatchedByInnKeepsItsNameAndGainsWhat1cKnowsOfIt() {
        Company uyut = companies.create(new Company(null, null, "Уют", null, "181620360057", null, List.of(), List.of(),
                List.of("+7 3272 25 39 39"), List.of(), null, null, null, null, null, null, null, null));

        ImportResult result = load("09_");

        assertEquals(uyut.id(), recordOf("counterparty", "021e0e3f-e329-11db-95d9-505054503030"));
        assertTrue(result.count(ImportResult.MATCHED) >= 1, result.toString());
        Company after = companies.get(uyut.id());
        assertEquals(List.of("Уют", "181620360057"), List.of(after.name(), after.inn()), "linked, not renamed");
        assertNull(after.legalName());
        assertEquals(List.of("+7 3272 25 39 39"), after.phones(), "1C's phone is the one the company has");
        assertEquals(List.of("Uyt@komp.kz"), after.emails());
        assertEquals(List.of(new BankAccount("798321", "190701310", "Филиал ОАО Банк ТуранАлем", "21847800")),
                after.bankAccounts());
        assertEquals(1, after.addresses().size());
    }

    @Test
    void aKnownCounterpartyGainsNewPhonesEmailsAndAccountsFrom1cAndKeepsWhatUsersAdded(@TempDir Path temp)
            throws IOException {
        load("09_");
        Company td = companies.get(recordOf("counterparty", "021e0e3f-e329-11db-95d9-505054503030"));
        BankAccount renamed = new BankAccount("798321", "190701310", "Банк ТуранАлем, Алматы", "21847800");
        companies.update(td.id(), td.version(), new Company(td.id(), td.version(), td.name(), td.legalName(), td.inn(),
                td.kpp(), td.addresses(), List.of(renamed), List.of("+7 3272 253939", "+7 701 000 00 00"), td.emails(),
                td.website(), td.notes(), td.ownerId(), td.createdAt(), td.createdBy(), td.updatedAt(), td.updatedBy(),
                td.deletedAt()));
        String text = Files.readString(Fixtures.file("09_"));
        Path changed = temp.resolve("contractors.xml");
        Files.writeString(changed, text.replace("<ОфициальноеНаименование>ТОО \"ТД Уют\"</ОфициальноеНаименование>", "")
                .replace("<Значение>Uyt@komp.kz</Значение>",
                "<Значение>sales@uyt.kz</Значение>").replace("<Значение>+7 (3272) 25-39-39</Значение>",
                "<Значение>+7 (3272) 25-39-39</Значение></Контакт><Контакт><Тип>Телефон мобильный</Тип>"
                        + "<Значение>звонить Ивану</Значение>").replace("</РасчетныеСчета>",
                "<РасчетныйСчет><НомерСчета>40702810000000000001</НомерСчета><Банк><БИК>190701311</БИК></Банк>"
                        + "</РасчетныйСчет><РасчетныйСчет><НомерСчета>" + "4".repeat(40) + "</НомерСчета>"
                        + "</РасчетныйСчет></РасчетныеСчета>"));

        ImportResult result = importer.importFile(connection, changed);

        Company after = companies.get(td.id());
        assertEquals(List.of("+7 3272 253939", "+7 701 000 00 00"), after.phones(),
                "1C's phone is the one a user typed with other spaces; nothing invalid is added");
        assertEquals(List.of("Uyt@komp.kz", "sales@uyt.kz"), after.emails());
        assertEquals("ТОО \"ТД Уют\"", after.legalName(), "1C sent no full name this time: the legal name stays");
        assertEquals(List.of(renamed, new BankAccount("40702810000000000001", "190701311", null, null)),
                after.bankAccounts(), "the same number and bank is the account a user renamed; a new one is added");
        assertEquals(2, result.errors().size(), result.toString());
        assertTrue(result.errors().stream().anyMatch(e -> e.message().contains("звонить Ивану")), result.toString());
        assertTrue(result.errors().stream().anyMatch(e -> e.element().equals("РасчетныйСчет")
                && e.message().contains("4".repeat(40))), result.toString());
    }

    @Test
    void aRepresentativeRenamedIn1cUpdatesItsContactAndOneDeletedInTesseraStaysDeleted(@TempDir Path temp)
            throws IOException {
        load("09_");
        String konovalov = recordOf("representative", "640a2bf0-e8ac-11db-95da-505054503030");
        long contactsBefore = db.count("core.contact");
        String text = Files.readString(Fixtures.file("09_"));
        Path changed = temp.resolve("contractors.xml");
        Files.writeString(changed, text.replace("<Наименование>Коновалов Александр Зиновьевич</Наименование>",
                "<Наименование>Коновалов-Ильин Александр</Наименование>"));

        ImportResult result = importer.importFile(connection, changed);

        assertCounts(result, ImportResult.REPRESENTATIVES, 1, ImportResult.CREATED, 0);
        assertEquals(contactsBefore, db.count("core.contact"));
        Contact renamed = contacts.get(konovalov);
        assertEquals(List.of("Коновалов-Ильин", "Александр"), List.of(renamed.lastName(), renamed.firstName()));
        assertNull(renamed.middleName());

        contacts.delete(konovalov, renamed.version());
        importer.importFile(connection, Fixtures.file("09_"));
        assertTrue(contacts.find(konovalov).isEmpty(), "a contact deleted in Tessera is not brought back");
        assertEquals(contactsBefore, db.count("core.contact"), "and no new one made in its place");
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

    /** Writes a catalog of products {@code p0…p<n-1>} and their offers, each at the price {@code price(i)}. */
    private static List<Path> generatedPackage(Path dir, int n, java.util.function.IntFunction<String> price)
            throws IOException {
        StringBuilder catalog = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.08\">"
                + "<Каталог СодержитТолькоИзменения=\"false\"><Ид>cat</Ид><Наименование>Каталог</Наименование>"
                + "<Товары>\n");
        StringBuilder offers = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.08\">"
                + "<ПакетПредложений СодержитТолькоИзменения=\"false\"><Ид>off</Ид><ИдКаталога>cat</ИдКаталога>"
                + "<ТипыЦен><ТипЦены><Ид>retail</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта>"
                + "</ТипЦены></ТипыЦен><Предложения>\n");
        for (int i = 0; i < n; i++) {
            catalog.append("<Товар><Ид>p").append(i).append("</Ид><Артикул>A-").append(i)
                    .append("</Артикул><Наименование>Товар ").append(i).append("</Наименование></Товар>\n");
            offers.append("<Предложение><Ид>p").append(i).append("</Ид><Наименование>Товар ").append(i)
                    .append("</Наименование><Цены><Цена><ИдТипаЦены>retail</ИдТипаЦены><ЦенаЗаЕдиницу>")
                    .append(price.apply(i)).append("</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена></Цены>")
                    .append("</Предложение>\n");
        }
        catalog.append("</Товары></Каталог></КоммерческаяИнформация>\n");
        offers.append("</Предложения></ПакетПредложений></КоммерческаяИнформация>\n");
        Path catalogFile = Files.writeString(dir.resolve("import.xml"), catalog);
        Path offersFile = Files.writeString(dir.resolve("offers.xml"), offers);
        return List.of(catalogFile, offersFile);
    }

    @Test
    void stockKeptBeforeTheWarehousePluginRanReachesItAtTheNextImportOfTheSameNumbers() {
        ConnectionSettings settings = settings(Map.of("6abdb0b5-18fd-11e7-80c2-0cc47ab29cd1", "main-warehouse"),
                StandardCharsets.UTF_8, Set.of(), false);
        load("01_");
        ImportResult withoutWarehouse = importer.importFile(settings, Fixtures.file("02_"));
        assertCounts(withoutWarehouse, ImportResult.STOCK_ROWS, 132, ImportResult.STOCK_POSTED, 0);

        List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        importer.setWarehouse((product, warehouse, quantity) -> posted.add(product + "@" + warehouse + "=" + quantity));
        ImportResult same = importer.importFile(settings, Fixtures.file("02_")); // 1C sends the same numbers

        // 36 of the 44 offers have a product; one warehouse of three is mapped
        assertCounts(same, ImportResult.STOCK_POSTED, 36, ImportResult.CREATED, 0);
        assertEquals(36, posted.size(), posted.toString());
        assertTrue(posted.stream().allMatch(p -> p.contains("@main-warehouse=")), posted.toString());

        ImportResult again = importer.importFile(settings, Fixtures.file("02_"));
        assertCounts(again, ImportResult.STOCK_POSTED, 0, ImportResult.UPDATED, 0);
        assertEquals(36, posted.size(), "posted rows are not posted again");
    }

    @Test
    void aFullCatalogDeletesTheProductsItOmitsAndBringsThemBackWhenListedAgain(@TempDir Path temp)
            throws IOException, InterruptedException {
        ConnectionSettings settings = settings(Map.of(), StandardCharsets.UTF_8, Set.of(), true);
        Path five = generatedPackage(Files.createDirectories(temp.resolve("five")), 5, i -> "1").get(0);
        Path three = generatedPackage(Files.createDirectories(temp.resolve("three")), 3, i -> "1").get(0);
        assertTrue(importer.importFile(settings, five).fullCatalog());
        Thread.sleep(5); // the next package begins strictly later
        Instant packageStarted = Instant.now();

        ImportResult shorter = importer.importFile(settings, three); // p0..p2 unchanged: skipped, still listed
        assertCounts(shorter, ImportResult.SKIPPED, 3, ImportResult.CREATED, 0);
        assertEquals(2, importer.deleteOmitted(settings, packageStarted));

        for (int i = 0; i < 5; i++) {
            assertEquals(i < 3, products.find(recordOf("product", "p" + i)).isPresent(), "p" + i);
        }
        assertEquals(0, importer.deleteOmitted(settings, packageStarted), "deleted once");
        assertEquals(5, objects("product"), "the links stay, marked deleted");

        importer.importFile(settings, five); // listed again: restored from the recycle bin, not duplicated
        for (int i = 0; i < 5; i++) {
            assertTrue(products.find(recordOf("product", "p" + i)).isPresent(), "p" + i);
        }
        assertEquals(5, objects("product"));
    }

    @Test
    void aFileOfSeveralBatchesImportsWholeAndAgainAddsNothing(@TempDir Path temp) throws IOException {
        int n = CmlImporter.BATCH * 2 + 7;
        List<Path> files = generatedPackage(temp, n, i -> (i % 90 + 10) + ",5");
        long productsBefore = db.count("core.product");
        for (Path file : files) {
            ImportResult result = importer.importFile(connection, file);
            assertTrue(result.succeeded(), result.toString());
            assertEquals(List.of(), result.errors(), result.toString());
        }
        assertEquals(productsBefore + n, db.count("core.product"));
        assertEquals(n, objects("product"));
        assertEquals(n, count("SELECT COUNT(*) FROM exchange1c.price WHERE connection_id = ?", connection));
        Product last = products.get(recordOf("product", "p" + (n - 1)));
        assertEquals(0, new BigDecimal((n - 1) % 90 + 10 + ".5").compareTo(last.price()), last.toString());
        Map<String, Long> before = rows();
        for (Path file : files) {
            ImportResult again = importer.importFile(connection, file);
            assertEquals(0, again.count(ImportResult.CREATED) + again.count(ImportResult.UPDATED), again.toString());
        }
        assertEquals(before, rows());
    }

    @Test
    void anOfferTheCoreRefusesIsReportedAndTheRestOfItsBatchImports(@TempDir Path temp) throws IOException {
        List<Path> files = generatedPackage(temp, 3, i -> i == 1 ? "-5" : "12,50");
        assertTrue(importer.importFile(connection, files.get(0)).succeeded());
        ImportResult offers = importer.importFile(connection, files.get(1));
        assertTrue(offers.succeeded(), offers.toString());
        assertEquals(List.of("p1"), offers.errors().stream().map(ImportResult.Error::id).toList(), offers.toString());
        assertNull(products.get(recordOf("product", "p1")).price(), "a price the core refuses is not set");
        for (String id : List.of("p0", "p2")) {
            assertEquals(0, new BigDecimal("12.50").compareTo(products.get(recordOf("product", id)).price()), id);
        }
        assertEquals(3, count("SELECT COUNT(*) FROM exchange1c.price WHERE connection_id = ?", connection),
                "1C's prices are all kept in the exchange");
    }

    /**
     * The core's products, refusing one name as a rule of another bundle might: no 1C data makes the core
     * itself refuse a new product (the importer fills in and cuts every field to what the core accepts).
     */
    private static final class RefusingProducts extends ForwardingRecords<Product> implements Products {
        private final String refused;

        RefusingProducts(Products products, String refused) {
            super(products);
            this.refused = refused;
        }

        @Override
        public Product create(Product product) {
            check(product);
            return super.create(product);
        }

        @Override
        public List<Product> createAll(List<Product> all) {
            all.forEach(this::check);
            return super.createAll(all);
        }

        private void check(Product product) {
            if (product.name().equals(refused)) {
                throw ProblemException.invalid("name", "'" + refused + "' is not sold here");
            }
        }
    }

    @Test
    void aProductTheCoreRefusesIsReportedAloneAndTheOthersOfItsBatchImport(@TempDir Path temp) throws IOException {
        importer = new CmlImporter(exchange, companies, contacts, new RefusingProducts(products, "Товар 2"),
                new OrderStatuses(deals, pipelines, orders));
        Path catalog = generatedPackage(temp, 5, i -> "1").get(0);
        long productsBefore = db.count("core.product");

        ImportResult result = importer.importFile(connection, catalog);

        assertTrue(result.succeeded(), result.toString());
        assertEquals(List.of("p2"), result.errors().stream().map(ImportResult.Error::id).toList(), result.toString());
        assertEquals(productsBefore + 4, db.count("core.product"));
        assertEquals(4, objects("product"));
        for (String id : List.of("p0", "p1", "p3", "p4")) {
            assertEquals("Товар " + id.substring(1), products.get(recordOf("product", id)).name(), id);
        }
        Map<String, Long> before = rows();
        ImportResult again = importer.importFile(connection, catalog);
        assertEquals(0, again.count(ImportResult.CREATED) + again.count(ImportResult.UPDATED), again.toString());
        assertEquals(List.of("p2"), again.errors().stream().map(ImportResult.Error::id).toList(), again.toString());
        assertEquals(before, rows());
    }

    // ---------------------------------------------------------------- conflicts resolved by an operator

    @Test
    void anOperatorResolvesAConflictAndTheNextImportUpdatesThatCompany() {
        companies.create(Company.of("Туран 1").withTaxIds("600520144856", null));
        Company chosen = companies.create(Company.of("Туран 2").withTaxIds("600520144856", null));
        load("09_");
        ConflictQueue queue = new ConflictQueue(exchange, companies);
        String turan = "c5b29133-e35a-11db-95d9-505054503030";
        assertEquals(List.of(turan), queue.list(connection, false, 0, 50).items().stream()
                .map(ConflictQueue.Conflict::counterpartyId).toList());
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> queue.resolve(connection, turan, "no-such-company"));
        assertEquals("companyId", unknown.field());

        ConflictQueue.Conflict resolved = queue.resolve(connection, turan, chosen.id());
        assertEquals(chosen.id(), resolved.companyId());
        assertEquals("exchange" + connections, resolved.resolvedBy());
        assertEquals(0, queue.list(connection, false, 0, 50).total());
        assertThrows(ProblemException.class, () -> queue.resolve(connection, turan, chosen.id()), "only once");

        long companiesBefore = db.count("core.company");
        ImportResult again = load("09_");
        assertCounts(again, ImportResult.CONFLICTS, 0, ImportResult.CREATED, 0, ImportResult.UPDATED, 1);
        assertEquals(chosen.id(), recordOf("counterparty", turan));
        assertEquals(companiesBefore, db.count("core.company"), "never a silent duplicate");
        assertEquals("Банк ТуранАлем ОАО", companies.get(chosen.id()).name(), "1C's data now reaches the company");
    }

    @Test
    void anOperatorCreatesACompanyForAConflict() {
        companies.create(Company.of("Удаленный отдел \"Уют\""));
        load("09_");
        ConflictQueue queue = new ConflictQueue(exchange, companies);
        long companiesBefore = db.count("core.company");
        ConflictQueue.Conflict resolved = queue.resolve(connection, "d9510b52-e154-11db-80b9-00c09f6bedaa", null);
        assertEquals(companiesBefore + 1, db.count("core.company"));
        assertEquals(resolved.companyId(), recordOf("counterparty", "d9510b52-e154-11db-80b9-00c09f6bedaa"));
    }

    // ---------------------------------------------------------------- deals as orders, and back

    private ConnectionSettings exportSettings(java.nio.charset.Charset encoding) {
        return settings(Map.of(), encoding, Set.of("invoice"), false);
    }

    /** @return this test's connection with the defaults but for these */
    private ConnectionSettings settings(Map<String, String> warehouses, java.nio.charset.Charset encoding,
            Set<String> exportStages, boolean deleteOmitted) {
        ConnectionSettings d = ConnectionSettings.defaults(connection);
        return new ConnectionSettings(connection, d.role(), d.users(), "", warehouses, encoding, exportStages, "", "",
                "", d.fileLimit(), true, deleteOmitted);
    }

    private Deal dealInStage(String stage) {
        Pipeline pipeline = pipelines.create(new Pipeline(null, null, "Sales " + connection, List.of(
                new Stage("new", "New", StageKind.OPEN, 10), new Stage("invoice", "Счёт выставлен", StageKind.OPEN, 70),
                new Stage("won", "Won", StageKind.WON, 100), new Stage("lost", "Lost", StageKind.LOST, 0)),
                null, null, null, null, null, null));
        Company buyer = companies.create(Company.of("ООО «Ромашка»").withTaxIds("7707083893", "773601001"));
        Product chair = products.create(new Product(null, null, "Стул", "CH-1", null, "шт", null,
                new BigDecimal("1500.00"), "RUB", true, null, null, null, null, null, null));
        return deals.create(new Deal(null, null, "Стулья для офиса", buyer.id(), null, null, "RUB", pipeline.id(), stage,
                null, null, List.of(new DealLine(chair.id(), null, new BigDecimal("4"), new BigDecimal("1500.00"), null),
                        new DealLine(null, "Доставка", BigDecimal.ONE, new BigDecimal("500"), null)),
                null, null, null, null, null, null, null));
    }

    private List<Cml.Document> readOrders(byte[] document) {
        List<Cml.Document> documents = new java.util.ArrayList<>();
        new CmlReader().read(new java.io.ByteArrayInputStream(document), new CmlHandler() {
            @Override
            public void document(Cml.Document d) {
                documents.add(d);
            }
        });
        return documents;
    }

    @Test
    void aDealInAnExportStageIsAnOrderUntil1cConfirmsIt() {
        Deal deal = dealInStage("invoice");
        dealInStage("new"); // not in an export stage: never sent
        ConnectionSettings settings = exportSettings(java.nio.charset.StandardCharsets.UTF_8);

        OrderExport.Orders first = orders.query(settings, "s1");
        assertEquals(1, first.count());
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(first.document(), 3),
                "UTF-8 with a BOM");
        List<Cml.Document> read = readOrders(first.document());
        assertEquals(1, read.size());
        Cml.Document order = read.get(0);
        assertEquals(deal.id(), order.id());
        assertEquals("Заказ товара", order.operation());
        assertEquals(0, new BigDecimal("6500").compareTo(order.total()), "4 × 1500 + 500: " + order.total());
        assertEquals(1, order.counterparties().size());
        assertEquals("7707083893", order.counterparties().get(0).inn());
        assertEquals("773601001", order.counterparties().get(0).kpp());
        assertEquals(deal.companyId(), order.counterparties().get(0).id(), "the company's own Ид, never a shared one");
        assertEquals(2, order.lines().size());
        assertEquals("Стул", order.lines().get(0).name());
        assertEquals(0, new BigDecimal("6000").compareTo(order.lines().get(0).total()));
        assertEquals("Счёт выставлен", order.requisites().get("Статус заказа"));

        assertEquals(1, orders.query(settings, "s2").count(), "not confirmed: offered again");
        assertEquals(0, orders.confirm(settings, "s1"), "the older query's session confirms nothing any more");
        assertEquals(1, orders.confirm(settings, "s2"));
        assertEquals(0, orders.query(settings, "s3").count(), "confirmed: not sent again");

        deals.update(deal.id(), deal.version(), deals.get(deal.id()).withAmount(new BigDecimal("7000"), "RUB"));
        assertEquals(1, orders.query(settings, "s4").count(), "changed after its export: sent again");
    }

    @Test
    void aCompanysAccountsAddressesAndContactsGoWithItsOrderAndComeBackChangingNothing(@TempDir Path temp)
            throws IOException {
        Deal deal = dealInStage("invoice");
        Company buyer = companies.get(deal.companyId());
        Address legal = new Address("legal", "ул. Ленина, 1", "Москва", "101000", "Россия");
        Address office = new Address("office", "Москва, Тверская, 7", null, null, null);
        BankAccount account = new BankAccount("40702810938000000001", "044525225", "ПАО Сбербанк",
                "30101810400000000225");
        buyer = companies.update(buyer.id(), buyer.version(), new Company(buyer.id(), buyer.version(), buyer.name(),
                buyer.legalName(), buyer.inn(), buyer.kpp(), List.of(legal, office), List.of(account),
                List.of("+7 495 123-45-67"), List.of("buh@romashka.example"), null, null, buyer.ownerId(),
                null, null, null, null, null));
        ConnectionSettings settings = exportSettings(java.nio.charset.StandardCharsets.UTF_8);

        byte[] sent = orders.query(settings, "s1").document();

        Cml.Counterparty party = readOrders(sent).get(0).counterparties().get(0);
        assertEquals(List.of(new Cml.BankAccount("40702810938000000001", "ПАО Сбербанк", "044525225",
                "30101810400000000225")), party.bankAccounts());
        assertEquals(List.of(new Cml.Address("legal", "ул. Ленина, 1", "101000", "Москва"),
                new Cml.Address("office", "Москва, Тверская, 7", null, null)), party.addresses());
        assertEquals(List.of(new Cml.ContactDetail("Телефон рабочий", "+7 495 123-45-67"),
                new Cml.ContactDetail("Электронная почта", "buh@romashka.example")), party.contacts());

        orders.confirm(settings, "s1");
        Path back = temp.resolve("documents___1.xml");
        Files.write(back, sent);
        ImportResult result = importer.importFile(settings, back);
        assertTrue(result.succeeded(), result.toString());
        assertEquals(buyer, companies.get(buyer.id()), "what went to 1C comes back as the same values");
    }

    @Test
    void aPersonsDealGoesWithThePersonsPhonesAndEmails() {
        Deal deal = dealInStage("invoice");
        Contact person = contacts.create(new Contact(null, null, "Ольга", null, "Смирнова",
                List.of("olga@example.com"), List.of("+7 916 000-00-01"), null, null, List.of(), null, null, null,
                null, null, null, null));
        deals.update(deal.id(), deal.version(), deals.get(deal.id()).withClient(null, person.id()));

        Cml.Counterparty party = readOrders(orders.query(exportSettings(java.nio.charset.StandardCharsets.UTF_8),
                "s1").document()).get(0).counterparties().get(0);

        assertEquals("Смирнова Ольга", party.name());
        assertEquals(List.of(new Cml.ContactDetail("Телефон рабочий", "+7 916 000-00-01"),
                new Cml.ContactDetail("Электронная почта", "olga@example.com")), party.contacts());
        assertEquals(List.of(), party.bankAccounts());
        assertEquals(List.of(), party.addresses());
    }

    @Test
    void ordersInWindows1251() {
        dealInStage("invoice");
        OrderExport.Orders orders1251 = orders.query(exportSettings(ConnectionSettings.WINDOWS_1251), "s1");
        String head = new String(orders1251.document(), 0, 60, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("<?xml version=\"1.0\" encoding=\"windows-1251\""), head);
        assertEquals("Стул", readOrders(orders1251.document()).get(0).lines().get(0).name());
    }

    @Test
    void an1cStatusMovesTheDealAndTheSameFileAgainChangesNothing(@TempDir Path temp) throws IOException {
        Deal deal = dealInStage("invoice");
        ConnectionSettings settings = exportSettings(java.nio.charset.StandardCharsets.UTF_8);
        byte[] sent = orders.query(settings, "s1").document();
        orders.confirm(settings, "s1");
        String text = new String(sent, java.nio.charset.StandardCharsets.UTF_8).replace(
                "<Наименование>Отменен</Наименование><Значение>false</Значение>",
                "<Наименование>Отменен</Наименование><Значение>true</Значение>");
        assertTrue(text.contains("<Значение>true</Значение>"), "the test cancelled the order");
        Path back = temp.resolve("documents___1.xml");
        Files.writeString(back, text);
        long companiesBefore = db.count("core.company");

        ImportResult result = importer.importFile(settings, back);
        assertTrue(result.succeeded(), result.toString());
        assertEquals(1, result.count(ImportResult.DEALS_UPDATED), result.toString());
        assertEquals("lost", deals.get(deal.id()).stageId(), "cancelled in 1C: the first lost stage");
        assertEquals(companiesBefore, db.count("core.company"), "1C's counterparty is the deal's company");

        ImportResult again = importer.importFile(settings, back);
        assertEquals(0, again.count(ImportResult.DEALS_UPDATED), again.toString());
        ImportResult foreign = load("08_");
        assertEquals(2, foreign.count(ImportResult.ORDERS_UNKNOWN), "orders Tessera never sent touch no deal");
    }

    // ---------------------------------------------------------------- the exchange log

    @Test
    void theExchangeLogKeepsSessionsAndWhatHappened() {
        ExchangeLog log = new ExchangeLog(exchange);
        String session = java.util.UUID.randomUUID().toString();
        log.start(session, connection, "bookkeeper");
        ImportResult result = load("06_");
        log.record(session, "catalog", "import", "import.xml", ExchangeLog.Outcome.SUCCESS, null, result);
        log.record(session, "catalog", "import", "offers.xml", ExchangeLog.Outcome.FAILURE, "not a readable XML file",
                null);
        ExchangeLog.Session listed = log.sessions(connection, 0, 10).items().get(0);
        assertEquals(session, listed.id());
        assertEquals(2, listed.events());
        assertEquals(1, listed.failures());
        List<ExchangeLog.Event> events = log.events(session);
        assertEquals(List.of(1, 2), events.stream().map(ExchangeLog.Event::seq).toList());
        assertEquals(result.count(ImportResult.PRODUCTS), events.get(0).counts().get(ImportResult.PRODUCTS));
        assertEquals(result.count(ImportResult.CREATED), events.get(0).counts().get(ImportResult.CREATED));
        assertEquals("not a readable XML file", events.get(1).message());
    }
}
