import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The 1C exchange benchmark's driver (JDK only; Derby jars on the class path for {@code raw}). Commands:
 *
 * <pre>
 * generate --dir DIR --products N           writes DIR/import.xml (N products in 10 groups) and DIR/offers.xml
 *                                           (N offers: 2 price types, stock in 2 warehouses), as 1C writes them
 * exchange --base http://127.0.0.1:PORT --user admin --password P --dir DIR --out FILE [--files import.xml,offers.xml]
 *                                           runs 1C's catalog sequence over HTTP (checkauth, init, file in
 *                                           file_limit chunks, import polled like 1C) and times each import
 * raw --dir DIR --rows N --batch 1000 --repeat 3 --out FILE
 *                                           the yardstick: N product-like rows into a fresh embedded Derby
 *                                           database on disk, batched inserts, one commit per batch; repeated,
 *                                           each time into a fresh database, and the median rate reported
 * rowset --dir DIR --products N --batch 500 --repeat 1 --parts product,terms,audit,link --out FILE
 *                                           what the import writes, without the import: for each product the
 *                                           rows Tessera stores (the core product with its indexes, its search
 *                                           terms, its audit entry, the exchange's Ид link), as plain JDBC
 *                                           batches, one commit per batch of products; --parts writes only
 *                                           some of them, to see what each costs; repeated like raw
 * </pre>
 */
public final class Exchange1cBench {
    /** What the import stores per product, for {@code rowset --parts}. */
    private static final List<String> ROWSET_PARTS = List.of("product", "terms", "audit", "link");

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "generate" -> generate(Path.of(option(args, "--dir", null)),
                    Integer.parseInt(option(args, "--products", "100000")));
            case "exchange" -> exchange(args);
            case "raw" -> raw(Path.of(option(args, "--dir", null)), Integer.parseInt(option(args, "--rows", "100000")),
                    Integer.parseInt(option(args, "--batch", "1000")), Integer.parseInt(option(args, "--repeat", "3")),
                    Path.of(option(args, "--out", null)));
            case "rowset" -> rowset(Path.of(option(args, "--dir", null)),
                    Integer.parseInt(option(args, "--products", "100000")),
                    Integer.parseInt(option(args, "--batch", "500")), Integer.parseInt(option(args, "--repeat", "1")),
                    Set.of(option(args, "--parts", String.join(",", ROWSET_PARTS)).split(",")),
                    Path.of(option(args, "--out", null)));
            default -> throw new IllegalArgumentException("command: generate | exchange | raw | rowset");
        }
    }

    // ---------------------------------------------------------------- generate

    static String guid(String kind, int i) {
        return UUID.nameUUIDFromBytes((kind + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static void generate(Path dir, int products) throws IOException {
        Files.createDirectories(dir);
        try (Writer xml = writer(dir.resolve("import.xml"))) {
            xml.write("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация "
                    + "xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.08\" ДатаФормирования=\"2026-11-23T10:00:00\">\n"
                    + "<Классификатор><Ид>bench-classifier</Ид><Наименование>Классификатор</Наименование><Группы>\n");
            for (int g = 0; g < 10; g++) {
                xml.write("<Группа><Ид>" + guid("group", g) + "</Ид><Наименование>Группа " + g
                        + "</Наименование></Группа>\n");
            }
            xml.write("</Группы><Свойства><Свойство><Ид>" + guid("property", 0) + "</Ид><Наименование>Цвет"
                    + "</Наименование><ТипЗначений>Строка</ТипЗначений></Свойство></Свойства></Классификатор>\n"
                    + "<Каталог СодержитТолькоИзменения=\"false\"><Ид>bench-catalog</Ид><ИдКлассификатора>"
                    + "bench-classifier</ИдКлассификатора><Наименование>Каталог</Наименование><Товары>\n");
            for (int i = 0; i < products; i++) {
                xml.write("<Товар><Ид>" + guid("product", i) + "</Ид><Артикул>ART-" + i + "</Артикул>"
                        + "<Штрихкод>46" + String.format("%011d", i) + "</Штрихкод><Наименование>Товар номер " + i
                        + "</Наименование><БазоваяЕдиница Код=\"796 \" НаименованиеПолное=\"Штука\" "
                        + "МеждународноеСокращение=\"PCE\">шт</БазоваяЕдиница><Группы><Ид>" + guid("group", i % 10)
                        + "</Ид></Группы><ЗначенияСвойств><ЗначенияСвойства><Ид>" + guid("property", 0)
                        + "</Ид><Значение>цвет " + (i % 7) + "</Значение></ЗначенияСвойства></ЗначенияСвойств>"
                        + "<СтавкиНалогов><СтавкаНалога><Наименование>НДС</Наименование><Ставка>20</Ставка>"
                        + "</СтавкаНалога></СтавкиНалогов></Товар>\n");
            }
            xml.write("</Товары></Каталог></КоммерческаяИнформация>\n");
        }
        try (Writer xml = writer(dir.resolve("offers.xml"))) {
            xml.write("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация "
                    + "xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.08\" ДатаФормирования=\"2026-11-23T10:00:00\">\n"
                    + "<ПакетПредложений СодержитТолькоИзменения=\"false\"><Ид>bench-offers</Ид><Наименование>"
                    + "Пакет предложений</Наименование><ИдКаталога>bench-catalog</ИдКаталога><ТипыЦен>"
                    + "<ТипЦены><Ид>" + guid("price", 0) + "</Ид><Наименование>Розничная</Наименование>"
                    + "<Валюта>RUB</Валюта></ТипЦены><ТипЦены><Ид>" + guid("price", 1) + "</Ид><Наименование>"
                    + "Оптовая</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен><Склады><Склад><Ид>"
                    + guid("store", 0) + "</Ид><Наименование>Основной</Наименование></Склад><Склад><Ид>"
                    + guid("store", 1) + "</Ид><Наименование>Дальний</Наименование></Склад></Склады>"
                    + "<Предложения>\n");
            for (int i = 0; i < products; i++) {
                BigDecimal price = BigDecimal.valueOf(1000 + i % 5000, 2);
                xml.write("<Предложение><Ид>" + guid("product", i) + "</Ид><Наименование>Товар номер " + i
                        + "</Наименование><Цены><Цена><ИдТипаЦены>" + guid("price", 0) + "</ИдТипаЦены><ЦенаЗаЕдиницу>"
                        + price.toPlainString().replace('.', ',') + "</ЦенаЗаЕдиницу><Валюта>руб</Валюта><Единица>шт"
                        + "</Единица><Коэффициент>1</Коэффициент></Цена><Цена><ИдТипаЦены>" + guid("price", 1)
                        + "</ИдТипаЦены><ЦенаЗаЕдиницу>" + price.multiply(BigDecimal.valueOf(9, 1)).toPlainString()
                        + "</ЦенаЗаЕдиницу><Валюта>руб</Валюта></Цена></Цены><Количество>" + (i % 40)
                        + "</Количество><Склад ИдСклада=\"" + guid("store", 0) + "\" КоличествоНаСкладе=\"" + (i % 30)
                        + "\"/><Склад ИдСклада=\"" + guid("store", 1) + "\" КоличествоНаСкладе=\"" + (i % 10)
                        + "\"/></Предложение>\n");
            }
            xml.write("</Предложения></ПакетПредложений></КоммерческаяИнформация>\n");
        }
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    // ---------------------------------------------------------------- exchange

    static void exchange(String[] args) throws Exception {
        String base = option(args, "--base", null);
        String auth = "Basic " + Base64.getEncoder().encodeToString((option(args, "--user", "admin") + ":"
                + option(args, "--password", null)).getBytes(StandardCharsets.UTF_8));
        Path dir = Path.of(option(args, "--dir", null));
        Path out = Path.of(option(args, "--out", null));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, String> results = new LinkedHashMap<>();

        String[] login = call(http, base, "checkauth", null, auth, null, null).split("\n");
        if (!login[0].equals("success")) {
            throw new IllegalStateException("checkauth: " + String.join(" ", login));
        }
        String cookie = login[1] + "=" + login[2];
        String init = call(http, base, "init", null, null, cookie, null);
        long limit = Long.parseLong(init.substring(init.indexOf("file_limit=") + "file_limit=".length()).strip());
        String[] files = option(args, "--files", "import.xml,offers.xml").split(",");
        for (String file : files) {
            long begin = System.nanoTime();
            int chunks = 0;
            try (InputStream in = Files.newInputStream(dir.resolve(file))) {
                byte[] chunk;
                while ((chunk = in.readNBytes((int) limit)).length > 0) {
                    String reply = call(http, base, "file", file, null, cookie, chunk);
                    if (!reply.equals("success")) {
                        throw new IllegalStateException("file " + file + ": " + reply);
                    }
                    chunks++;
                }
            }
            results.put(file + ".uploadSeconds", seconds(begin));
            results.put(file + ".chunks", String.valueOf(chunks));
        }
        for (String file : files) {
            long begin = System.nanoTime();
            int progress = 0;
            long longestRequestMillis = 0;
            String reply;
            while (true) {
                long request = System.nanoTime();
                reply = call(http, base, "import", file, null, cookie, null);
                longestRequestMillis = Math.max(longestRequestMillis, (System.nanoTime() - request) / 1_000_000);
                if (!reply.startsWith("progress")) {
                    break;
                }
                progress++;
                Thread.sleep(500);
            }
            if (!reply.equals("success")) {
                throw new IllegalStateException("import " + file + ": " + reply);
            }
            results.put(file + ".importSeconds", seconds(begin));
            results.put(file + ".progressReplies", String.valueOf(progress));
            results.put(file + ".longestRequestMillis", String.valueOf(longestRequestMillis));
            System.out.println("[bench] " + file + " imported in " + results.get(file + ".importSeconds") + " s ("
                    + progress + " progress replies, longest request " + longestRequestMillis + " ms)");
        }
        results.put("session", login[2]);
        write(out, results);
    }

    private static String call(HttpClient http, String base, String mode, String filename, String authorization,
            String cookie, byte[] body) throws Exception {
        String uri = base + "/exchange/1c?type=catalog&mode=" + mode + (filename == null ? "" : "&filename=" + filename);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(5));
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    // ---------------------------------------------------------------- raw Derby

    static void raw(Path dir, int rows, int batch, int repeat, Path out) throws Exception {
        double[] rates = new double[repeat];
        Map<String, String> results = new LinkedHashMap<>();
        for (int run = 0; run < repeat; run++) {
            double seconds = rawOnce(dir, rows, batch);
            rates[run] = rows / seconds;
            results.put("raw.run" + (run + 1) + ".rowsPerSecond", String.format("%.0f", rates[run]));
            System.out.println("[bench] raw Derby, run " + (run + 1) + ": " + rows + " rows in "
                    + String.format("%.2f", seconds) + " s = " + String.format("%.0f", rates[run]) + " rows/s");
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        results.put("raw.rows", String.valueOf(rows));
        results.put("raw.batch", String.valueOf(batch));
        results.put("raw.rowsPerSecond", String.format("%.0f", sorted[repeat / 2]));
        write(out, results);
        System.out.println("[bench] raw Derby median: " + results.get("raw.rowsPerSecond") + " rows/s");
    }

    /** @return seconds to insert the rows into a fresh database */
    private static double rawOnce(Path dir, int rows, int batch) throws Exception {
        Path db = freshDatabase(dir);
        double seconds;
        try (Connection sql = create(db, "CREATE TABLE product (id VARCHAR(36) NOT NULL PRIMARY KEY, "
                + "version BIGINT NOT NULL, name VARCHAR(200) NOT NULL, sku VARCHAR(64), barcode VARCHAR(64), "
                + "unit VARCHAR(20), price DECIMAL(19, 4), currency VARCHAR(3), active BOOLEAN NOT NULL, "
                + "created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)")) {
            long begin = System.nanoTime();
            java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO product VALUES (?, 1, ?, ?, ?, ?, ?, "
                    + "'RUB', TRUE, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setString(1, guid("product", i));
                    insert.setString(2, "Товар номер " + i);
                    insert.setString(3, "ART-" + i);
                    insert.setString(4, "46" + String.format("%011d", i));
                    insert.setString(5, "шт");
                    insert.setBigDecimal(6, BigDecimal.valueOf(1000 + i % 5000, 2));
                    insert.setTimestamp(7, now);
                    insert.setTimestamp(8, now);
                    insert.addBatch();
                    if ((i + 1) % batch == 0 || i == rows - 1) {
                        insert.executeBatch();
                        sql.commit();
                    }
                }
            }
            seconds = (System.nanoTime() - begin) / 1e9;
        }
        shutdown(db);
        return seconds;
    }

    // ---------------------------------------------------------------- the import's rows, without the import

    /**
     * Writes, with plain JDBC, the rows the import stores for each new product: the core product (primary key
     * and the indexes of core V002), its search terms (platform V002/V005: the lookup index on 16 KB pages),
     * its audit entry (a JSON CLOB) and the exchange's Ид link (exchange1c V001). Ids are time-ordered as
     * the platform makes them. Terms as the platform cuts them: the lower-case name and its words, the
     * article, the barcode.
     */
    static void rowset(Path dir, int products, int batch, int repeat, Set<String> parts, Path out)
            throws Exception {
        if (!ROWSET_PARTS.containsAll(parts)) {
            throw new IllegalArgumentException("--parts: some of " + ROWSET_PARTS);
        }
        double[] rates = new double[repeat];
        for (int run = 0; run < repeat; run++) {
            rates[run] = products / rowsetOnce(dir, products, batch, parts);
            System.out.println("[bench] " + parts + " with plain JDBC, run " + (run + 1) + ": "
                    + String.format("%.0f", rates[run]) + " products/s");
        }
        Arrays.sort(rates);
        List<String> written = ROWSET_PARTS.stream().filter(parts::contains).toList();
        String key = written.equals(ROWSET_PARTS) ? "rowset" : "rowset." + String.join("+", written);
        Map<String, String> results = new LinkedHashMap<>();
        results.put("rowset.products", String.valueOf(products));
        results.put(key + ".productsPerSecond", String.format("%.0f", rates[repeat / 2]));
        write(out, results);
        System.out.println("[bench] the import's rows " + written + " with plain JDBC, median of " + repeat + ": "
                + results.get(key + ".productsPerSecond") + " products/s");
    }

    /** @return seconds to write the parts of the products' rows into a fresh database */
    private static double rowsetOnce(Path dir, int products, int batch, Set<String> parts) throws Exception {
        Path db = freshDatabase(dir);
        double seconds;
        try (Connection sql = create(db,
                "CREATE TABLE product (id VARCHAR(36) NOT NULL PRIMARY KEY, version BIGINT NOT NULL, "
                        + "name VARCHAR(200) NOT NULL, sku VARCHAR(64), barcode VARCHAR(64), unit VARCHAR(20), "
                        + "description VARCHAR(4000), price DECIMAL(19, 4), currency VARCHAR(3), active BOOLEAN, "
                        + "owner_id VARCHAR(100), created_at TIMESTAMP NOT NULL, created_by VARCHAR(100) NOT NULL, "
                        + "updated_at TIMESTAMP NOT NULL, updated_by VARCHAR(100) NOT NULL, deleted_at TIMESTAMP)",
                "CREATE INDEX product_sku ON product (sku)",
                "CREATE INDEX product_order_created ON product (created_at, id)",
                "CREATE INDEX product_order_name ON product (name, id)",
                "CREATE TABLE search_term (entity VARCHAR(60) NOT NULL, record_id VARCHAR(36) NOT NULL, "
                        + "term VARCHAR(100) NOT NULL, created_at TIMESTAMP, deleted BOOLEAN DEFAULT FALSE NOT NULL)",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '16384')",
                "CREATE INDEX search_term_lookup ON search_term (entity, term, deleted, created_at, record_id)",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', NULL)",
                "CREATE TABLE audit_entry (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "occurred_at TIMESTAMP NOT NULL, actor VARCHAR(100) NOT NULL, entity VARCHAR(60) NOT NULL, "
                        + "entity_id VARCHAR(64) NOT NULL, action VARCHAR(20) NOT NULL, changes CLOB)",
                "CREATE INDEX audit_entry_record ON audit_entry (entity, entity_id)",
                "CREATE TABLE exchange_object (connection_id VARCHAR(100) NOT NULL, kind VARCHAR(20) "
                        + "NOT NULL, id_1c VARCHAR(200) NOT NULL, record_id VARCHAR(36), name VARCHAR(1000), "
                        + "parent_id_1c VARCHAR(200), details VARCHAR(32000), hash VARCHAR(64) NOT NULL, "
                        + "deleted BOOLEAN NOT NULL, updated_at TIMESTAMP NOT NULL, "
                        + "PRIMARY KEY (connection_id, kind, id_1c))",
                "CREATE INDEX exchange_object_record ON exchange_object (record_id)")) {
            java.security.SecureRandom random = new java.security.SecureRandom();
            java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
            long begin = System.nanoTime();
            try (PreparedStatement product = sql.prepareStatement("INSERT INTO product VALUES (?, 1, ?, ?, ?, ?, NULL, "
                    + "NULL, NULL, TRUE, 'admin', ?, 'admin', ?, 'admin', NULL)");
                    PreparedStatement term = sql.prepareStatement("INSERT INTO search_term (entity, record_id, term, "
                            + "created_at, deleted) VALUES ('product', ?, ?, ?, FALSE)");
                    PreparedStatement audit = sql.prepareStatement("INSERT INTO audit_entry (occurred_at, actor, "
                            + "entity, entity_id, action, changes) VALUES (?, 'admin', 'product', ?, 'CREATED', ?)");
                    PreparedStatement link = sql.prepareStatement("INSERT INTO exchange_object VALUES ('default', "
                            + "'product', ?, ?, ?, ?, ?, ?, FALSE, ?)")) {
                for (int i = 0; i < products; i++) {
                    long millis = System.currentTimeMillis();
                    String id = new UUID(millis << 16 | 0x7000 | (i & 0xfff),
                            random.nextLong() & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L).toString();
                    String name = "Товар номер " + i;
                    String sku = "ART-" + i;
                    String barcode = "46" + String.format("%011d", i);
                    product.setString(1, id);
                    product.setString(2, name);
                    product.setString(3, sku);
                    product.setString(4, barcode);
                    product.setString(5, "шт");
                    product.setTimestamp(6, now);
                    product.setTimestamp(7, now);
                    if (parts.contains("product")) {
                        product.addBatch();
                    }
                    for (String t : new java.util.LinkedHashSet<>(List.of(name.toLowerCase(), "товар", "номер",
                            String.valueOf(i), sku.toLowerCase(), barcode))) {
                        term.setString(1, id);
                        term.setString(2, t);
                        term.setTimestamp(3, now);
                        if (parts.contains("terms")) {
                            term.addBatch();
                        }
                    }
                    audit.setTimestamp(1, now);
                    audit.setString(2, id);
                    audit.setString(3, "{" + change("id", id) + "," + change("name", name) + ","
                            + change("sku", sku) + "," + change("barcode", barcode) + "," + change("unit", "шт")
                            + ",\"active\":{\"oldValue\":null,\"newValue\":true}," + change("ownerId", "admin") + "}");
                    if (parts.contains("audit")) {
                        audit.addBatch();
                    }
                    link.setString(1, guid("product", i));
                    link.setString(2, id);
                    link.setString(3, name);
                    link.setString(4, guid("group", i % 10));
                    link.setString(5, "groups=[" + guid("group", i % 10) + "]\ntaxes=[НДС=20]\nproperties={"
                            + guid("property", 0) + "=цвет " + (i % 7) + "}\npictures=[]");
                    link.setString(6, String.format("%064x", i));
                    link.setTimestamp(7, now);
                    if (parts.contains("link")) {
                        link.addBatch();
                    }
                    if ((i + 1) % batch == 0 || i == products - 1) {
                        product.executeBatch();
                        term.executeBatch();
                        audit.executeBatch();
                        link.executeBatch();
                        sql.commit();
                    }
                }
            }
            seconds = (System.nanoTime() - begin) / 1e9;
        }
        shutdown(db);
        return seconds;
    }

    /** @return one field of a creation's audit entry, as the platform writes it */
    private static String change(String field, String value) {
        return "\"" + field + "\":{\"oldValue\":null,\"newValue\":\"" + value + "\"}";
    }

    /** @return a connection to a new database at {@code db} after these statements, not auto-committing */
    private static Connection create(Path db, String... ddl) throws java.sql.SQLException {
        Connection sql = DriverManager.getConnection("jdbc:derby:" + db + ";create=true");
        try (Statement statement = sql.createStatement()) {
            for (String text : ddl) {
                statement.execute(text);
            }
        }
        sql.setAutoCommit(false);
        return sql;
    }

    private static Path freshDatabase(Path dir) throws IOException {
        Path db = dir.resolve("db");
        if (Files.exists(db)) {
            try (var walk = Files.walk(db)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        return db;
    }

    private static void shutdown(Path db) {
        try {
            DriverManager.getConnection("jdbc:derby:" + db + ";shutdown=true");
        } catch (java.sql.SQLException expected) {
            // Derby says it shut down with an exception
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String seconds(long begin) {
        return String.format("%.2f", (System.nanoTime() - begin) / 1e9);
    }

    private static void write(Path out, Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(out)) {
            try (InputStream in = Files.newInputStream(out)) {
                properties.load(in);
            }
        }
        properties.putAll(values);
        try (Writer writer = Files.newBufferedWriter(out)) {
            properties.store(writer, null);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        int at = Arrays.asList(args).indexOf(name);
        if (at >= 0 && at + 1 < args.length) {
            return args[at + 1];
        }
        if (fallback == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return fallback;
    }
}
