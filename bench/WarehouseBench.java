import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.tesseracrm.api.crm.Product;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.core.internal.service.ProductService;
import org.tesseracrm.platform.internal.audit.AuditLogService;
import org.tesseracrm.platform.internal.db.MigrationScripts;
import org.tesseracrm.platform.internal.db.SchemaDatabase;
import org.tesseracrm.platform.internal.db.SchemaMigrator;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.records.RecordAccess;
import org.tesseracrm.platform.internal.records.RecordStore;
import org.tesseracrm.plugin.warehouse.internal.data.Document;
import org.tesseracrm.plugin.warehouse.internal.data.DocumentKind;
import org.tesseracrm.plugin.warehouse.internal.data.DocumentLine;
import org.tesseracrm.plugin.warehouse.internal.data.Documents;
import org.tesseracrm.plugin.warehouse.internal.data.Ledger;
import org.tesseracrm.plugin.warehouse.internal.data.LowStock;
import org.tesseracrm.plugin.warehouse.internal.data.Warehouse;
import org.tesseracrm.plugin.warehouse.internal.data.Warehouses;
import org.tesseracrm.testing.TestDatabase;

/**
 * The warehouse benchmark (issue 6), in one JVM on one embedded Derby database on disk, with the plugin's
 * real components (Documents, Ledger, LowStock over the platform's real RecordStore and migrations) and raw
 * JDBC on the same database as the yardstick. The components take their connections from HikariCP (at most
 * 16), as in the distribution; the raw runs hold one open connection per thread:
 *
 * <ol>
 * <li><b>post</b>: post a 10-line receipt, two ways: <i>draft, then post</i> (a draft through the records
 *     API — numbering, validation, audit — then the posting transaction: two requests, as a keeper who
 *     saves a draft first) and <i>create and post</i> ({@code Ledger.createPosted}, "post and close": the
 *     same work in one transaction), at concurrency 1 and 4, each worker in its own of four warehouses
 *     (documents are numbered per warehouse: one warehouse's postings wait for each other), lines from PRODUCTS
 *     products; against <b>raw</b>: the same rows written by hand-written JDBC in one transaction per
 *     document (a document row, 10 stock updates, 10 movement inserts) on one open connection per thread,
 *     and raw single-row autocommit inserts. Every path is warmed up before any is timed, and the timed
 *     phases take turns;</li>
 * <li><b>stock query</b> after MOVEMENTS movements were bulk-loaded into the ledger (and the stock rows
 *     set to their sums): {@code Stock.availability(product, warehouse)} of random products, and the
 *     on-hand quantity as of a past date (a sum over the product's movements), p50/p99; against a raw
 *     primary-key read of the stock row.</li>
 * </ol>
 *
 * Run by {@code bench/warehouse.sh}; prints {@code key=value} lines and a summary.
 */
public final class WarehouseBench {
    private static final int LINES = 10;
    /** The worker's number in its phase (0 … threads - 1): worker n posts in warehouse n % 4. */
    private static final ThreadLocal<Integer> SLOT = ThreadLocal.withInitial(() -> 0);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/work/warehouse");
        int products = Integer.getInteger("products", 1000);
        int seconds = Integer.getInteger("seconds", 20);
        long movements = Long.getLong("movements", 1_000_000);
        int queries = Integer.getInteger("queries", 20000);
        if (System.getProperty("derby.system.durability") != null) {
            throw new IllegalStateException("derby.system.durability must not be set: commits are durable");
        }
        deleteRecursively(dir);
        Files.createDirectories(dir);
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        EmbeddedDataSource data = new EmbeddedDataSource();
        data.setDatabaseName(dir.resolve("db").toString());
        data.setCreateDatabase("create");

        // the components get connections as in the distribution: HikariCP over Derby, at most 16
        HikariConfig poolConfig = new HikariConfig();
        poolConfig.setDataSource(data);
        poolConfig.setMaximumPoolSize(16);
        poolConfig.setMinimumIdle(2);
        HikariDataSource pool = new HikariDataSource(poolConfig);
        Database platform = migrate(pool, "platform", SchemaMigrator.class); // audit log, record counts
        Database core = migrate(pool, "core", ProductService.class);
        Database schema = migrate(pool, "warehouse", Ledger.class);
        JsonCodec json = new JsonCodec();
        RecordStores stores = new RecordStores() {
            @Override
            public <T> org.tesseracrm.api.data.Records<T> create(Class<T> type, Database database,
                    org.tesseracrm.api.data.RecordRules<T> rules) {
                return new RecordStore<>(type, database, rules, json, (topic, properties) -> { },
                        RecordAccess.UNRESTRICTED);
            }
        };
        EventAdmin events = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
            }

            @Override
            public void sendEvent(Event event) {
            }
        };
        Documents documents = new Documents(stores, schema);
        Ledger ledger = new Ledger(schema, documents, new LowStock(schema, events),
                new AuditLogService(platform, json));
        Warehouses warehouses = new Warehouses(stores, schema);
        ProductService catalog = new ProductService(stores, core);

        List<String> warehouseIds = new ArrayList<>();
        List<String> productIds = new ArrayList<>();
        try (CurrentUser.Scope ignored = CurrentUser.enter(new TesseraUser("bench", Set.of(TesseraUser.ADMINISTRATOR)))) {
            for (int i = 0; i < 4; i++) {
                warehouseIds.add(warehouses.create(Warehouse.of("Bench " + i, null, false)).id());
            }
            for (int i = 0; i < products; i++) {
                productIds.add(catalog.create(Product.of("Bench product " + i, "pcs", new BigDecimal("10"), "RUB")).id());
            }
            // steady state: every product has its stock row in every warehouse
            for (String warehouse : warehouseIds) {
                for (String product : productIds) {
                    ledger.ensureStockRow(warehouse, product);
                }
            }
        }
        System.out.printf("setup.products=%d%nsetup.warehouses=%d%n", products, warehouseIds.size());

        // ---- posting: warm up, then c=1 and c=4, against raw JDBC of the same rows
        Callable<Void> post = () -> {
            Document draft = documents.create(receipt(warehouseIds, productIds));
            ledger.post(draft.id());
            return null;
        };
        Callable<Void> postAtOnce = () -> {
            ledger.createPosted(receipt(warehouseIds, productIds));
            return null;
        };
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> open(data));
        Callable<Void> raw = () -> {
            rawDocument(connections.get(), warehouseIds, productIds);
            return null;
        };
        // both paths warm (JIT) before anything is timed, then timed in turns, so neither profits from
        // running later on a warmer JVM or a quieter machine
        timed("warmup.post", 1, Math.min(seconds, 5), post, true);
        timed("warmup.raw", 1, Math.min(seconds, 5), raw, false);
        timed("warmup.once", 1, Math.min(seconds, 5), postAtOnce, true);
        timed("warmup.post4", 4, Math.min(seconds, 5), post, true);
        split(documents, ledger, warehouseIds.get(0), productIds);
        double post1 = timed("post.c1", 1, seconds, post, true);
        double once1 = timed("once.c1", 1, seconds, postAtOnce, true);
        double raw1 = timed("raw.document.c1", 1, seconds, raw, false);
        double post4 = timed("post.c4", 4, seconds, post, true);
        double once4 = timed("once.c4", 4, seconds, postAtOnce, true);
        double raw4 = timed("raw.document.c4", 4, seconds, raw, false);
        try (Connection c = open(data); var s = c.createStatement()) {
            s.execute("CREATE TABLE bench_commit (id VARCHAR(36) NOT NULL PRIMARY KEY, v INTEGER)");
            c.commit();
        }
        ThreadLocal<Connection> autocommit = ThreadLocal.withInitial(() -> {
            Connection connection = open(data);
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return connection;
        });
        Callable<Void> commit = () -> {
            try (PreparedStatement insert = autocommit.get().prepareStatement("INSERT INTO bench_commit VALUES (?, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setInt(2, 1);
                insert.executeUpdate();
            }
            return null;
        };
        double commit1 = timed("raw.commit.c1", 1, seconds, commit, false);
        double commit4 = timed("raw.commit.c4", 4, seconds, commit, false);

        // ---- stock query at MOVEMENTS movements
        long loaded = load(data, movements, warehouseIds, productIds);
        LocalDate past = LocalDate.now().minusDays(180);
        long[] availability = latencies(queries, () -> {
            ledger.availability(productIds.get(ThreadLocalRandom.current().nextInt(productIds.size())),
                    warehouseIds.get(ThreadLocalRandom.current().nextInt(warehouseIds.size())));
            return null;
        });
        long[] asOf = latencies(queries / 4, () -> {
            ledger.onHandAsOf(productIds.get(ThreadLocalRandom.current().nextInt(productIds.size())),
                    warehouseIds.get(ThreadLocalRandom.current().nextInt(warehouseIds.size())), past);
            return null;
        });
        Connection reader = open(data);
        long[] rawRead = latencies(queries, () -> {
            try (PreparedStatement select = reader.prepareStatement("SELECT on_hand, reserved, average_cost"
                    + " FROM warehouse.stock WHERE warehouse_id = ? AND product_id = ?")) {
                select.setString(1, warehouseIds.get(ThreadLocalRandom.current().nextInt(warehouseIds.size())));
                select.setString(2, productIds.get(ThreadLocalRandom.current().nextInt(productIds.size())));
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                }
            }
            reader.commit();
            return null;
        });
        print("query.availability", availability);
        print("query.asOf", asOf);
        print("query.raw", rawRead);

        System.out.println();
        System.out.println("== warehouse benchmark (embedded Derby on disk, one JVM) ==");
        System.out.printf("draft, then post      c=1 %8.1f docs/s   c=4 %8.1f docs/s   (target >= 500 at c=4)%n", post1, post4);
        System.out.printf("create and post       c=1 %8.1f docs/s   c=4 %8.1f docs/s   (target >= 500 at c=4)%n", once1, once4);
        System.out.printf("raw same rows, JDBC   c=1 %8.1f docs/s   c=4 %8.1f docs/s%n", raw1, raw4);
        System.out.printf("raw 1-row commits     c=1 %8.1f /s       c=4 %8.1f /s%n", commit1, commit4);
        System.out.printf("ratio draft+post/raw same rows: c=1 %.2f   c=4 %.2f%n", post1 / raw1, post4 / raw4);
        System.out.printf("ratio create-and-post/raw same rows: c=1 %.2f   c=4 %.2f%n", once1 / raw1, once4 / raw4);
        System.out.printf("ratio post/raw 1-row commit: c=1 %.2f   c=4 %.2f%n", post1 / commit1, post4 / commit4);
        System.out.printf("movements in the ledger: %d%n", loaded);
        System.out.printf("Stock.availability  p50 %.3f ms  p99 %.3f ms  (target p99 <= 10 ms)%n",
                ms(availability, 50), ms(availability, 99));
        System.out.printf("on hand as of a date p50 %.3f ms  p99 %.3f ms%n", ms(asOf, 50), ms(asOf, 99));
        System.out.printf("raw PK read of stock p50 %.3f ms  p99 %.3f ms%n", ms(rawRead, 50), ms(rawRead, 99));
        System.out.printf("ratio availability/raw p99: %.2f%n", ms(availability, 99) / ms(rawRead, 99));
    }

    /** Where the time of one posting goes at c=1: the draft (records API) and the posting, in ms. */
    private static void split(Documents documents, Ledger ledger, String warehouse, List<String> productIds) {
        long create = 0;
        long post = 0;
        int n = 50;
        try (CurrentUser.Scope ignored = CurrentUser.enter(new TesseraUser("bench", Set.of(TesseraUser.ADMINISTRATOR)))) {
            for (int i = 0; i < n; i++) {
                List<DocumentLine> lines = randomProducts(productIds).stream()
                        .map(p -> new DocumentLine(p, BigDecimal.ONE, new BigDecimal("12.5"))).toList();
                long t0 = System.nanoTime();
                Document draft = documents.create(Document.draft(DocumentKind.RECEIPT, warehouse, null, null, lines));
                long t1 = System.nanoTime();
                ledger.post(draft.id());
                long t2 = System.nanoTime();
                create += t1 - t0;
                post += t2 - t1;
            }
        }
        System.out.printf("split.createDraftMs=%.2f%nsplit.postMs=%.2f%n", create / 1e6 / n, post / 1e6 / n);
    }

    private static Database migrate(DataSource data, String schema, Class<?> bundleClass) {
        new SchemaMigrator(data).migrate(schema, MigrationScripts.select(TestDatabase.scripts(bundleClass),
                Database.Dialect.DERBY));
        return new SchemaDatabase(schema, Database.Dialect.DERBY, data);
    }

    /** @return a new 10-line receipt in the worker's warehouse, random products and quantities at 12.5 */
    private static Document receipt(List<String> warehouseIds, List<String> productIds) {
        String warehouse = warehouseIds.get(SLOT.get() % warehouseIds.size());
        List<DocumentLine> lines = new ArrayList<>();
        for (String product : randomProducts(productIds)) {
            lines.add(new DocumentLine(product, BigDecimal.valueOf(1 + ThreadLocalRandom.current().nextInt(20)),
                    new BigDecimal("12.5")));
        }
        return Document.draft(DocumentKind.RECEIPT, warehouse, null, null, lines);
    }

    private static List<String> randomProducts(List<String> productIds) {
        return ThreadLocalRandom.current().ints(0, productIds.size()).distinct().limit(LINES)
                .mapToObj(productIds::get).toList();
    }

    private static Connection open(DataSource data) {
        try {
            Connection connection = data.getConnection();
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows a 10-line receipt writes, by hand: a document, 10 stock updates, 10 movements, one commit. */
    private static void rawDocument(Connection connection, List<String> warehouseIds, List<String> productIds)
            throws SQLException {
        String warehouse = warehouseIds.get(SLOT.get() % warehouseIds.size());
        String document = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        try {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO warehouse.document (id, version,"
                    + " kind, warehouse_id, number, posting_date, status, lines, created_at, created_by, updated_at,"
                    + " updated_by) VALUES (?, 1, 'RECEIPT', ?, ?, ?, 'POSTED', '[]', ?, 'raw', ?, 'raw')")) {
                insert.setString(1, document);
                insert.setString(2, warehouse);
                insert.setString(3, "raw-" + document);
                insert.setDate(4, Date.valueOf(LocalDate.now()));
                insert.setTimestamp(5, now);
                insert.setTimestamp(6, now);
                insert.executeUpdate();
            }
            List<String> products = new ArrayList<>(randomProducts(productIds));
            products.sort(Comparator.naturalOrder());
            try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.stock"
                    + " SET on_hand = on_hand + ? WHERE warehouse_id = ? AND product_id = ?");
                    PreparedStatement movement = connection.prepareStatement("INSERT INTO warehouse.movement (id,"
                            + " document_id, kind, reversal, warehouse_id, product_id, quantity, unit_cost, posting_date,"
                            + " created_at, created_by) VALUES (?, ?, 'RECEIPT', FALSE, ?, ?, ?, ?, ?, ?, 'raw')")) {
                for (String product : products) {
                    update.setBigDecimal(1, BigDecimal.ONE);
                    update.setString(2, warehouse);
                    update.setString(3, product);
                    update.executeUpdate();
                    movement.setString(1, UUID.randomUUID().toString());
                    movement.setString(2, document);
                    movement.setString(3, warehouse);
                    movement.setString(4, product);
                    movement.setBigDecimal(5, BigDecimal.ONE);
                    movement.setBigDecimal(6, new BigDecimal("12.5"));
                    movement.setDate(7, Date.valueOf(LocalDate.now()));
                    movement.setTimestamp(8, now);
                    movement.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * Bulk-loads movements (spread over every product and warehouse, dated over the last two years) until
     * the ledger holds the target count, and sets every stock row to the sum of its movements.
     */
    private static long load(DataSource data, long target, List<String> warehouseIds, List<String> productIds)
            throws SQLException {
        long start = System.nanoTime();
        long existing;
        try (Connection connection = open(data)) {
            try (var s = connection.createStatement(); ResultSet rows = s.executeQuery(
                    "SELECT COUNT(*) FROM warehouse.movement")) {
                rows.next();
                existing = rows.getLong(1);
            }
            String document = UUID.randomUUID().toString();
            Timestamp now = Timestamp.from(Instant.now());
            LocalDate today = LocalDate.now();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO warehouse.movement (id,"
                    + " document_id, kind, reversal, warehouse_id, product_id, quantity, unit_cost, posting_date,"
                    + " created_at, created_by) VALUES (?, ?, 'RECEIPT', FALSE, ?, ?, ?, ?, ?, ?, 'load')")) {
                for (long i = existing; i < target; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, document);
                    insert.setString(3, warehouseIds.get((int) (i % warehouseIds.size())));
                    insert.setString(4, productIds.get((int) ((i / warehouseIds.size()) % productIds.size())));
                    insert.setBigDecimal(5, BigDecimal.ONE);
                    insert.setBigDecimal(6, new BigDecimal("12.5"));
                    insert.setDate(7, Date.valueOf(today.minusDays(i % 730)));
                    insert.setTimestamp(8, now);
                    insert.addBatch();
                    if ((i + 1) % 5000 == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            try (var s = connection.createStatement()) {
                s.executeUpdate("UPDATE warehouse.stock SET on_hand = (SELECT COALESCE(SUM(m.quantity), 0)"
                        + " FROM warehouse.movement m WHERE m.warehouse_id = warehouse.stock.warehouse_id"
                        + " AND m.product_id = warehouse.stock.product_id)");
            }
            connection.commit();
            try (var s = connection.createStatement(); ResultSet rows = s.executeQuery(
                    "SELECT COUNT(*) FROM warehouse.movement")) {
                rows.next();
                long count = rows.getLong(1);
                connection.commit();
                System.out.printf("load.movements=%d%nload.seconds=%.1f%n", count, (System.nanoTime() - start) / 1e9);
                return count;
            }
        }
    }

    /** Runs the work on threads for the time given; @return completed operations per second. */
    private static double timed(String name, int threads, int seconds, Callable<Void> work, boolean asUser)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            futures.add(pool.submit(() -> {
                SLOT.set(slot);
                try (CurrentUser.Scope ignored = asUser
                        ? CurrentUser.enter(new TesseraUser("bench", Set.of(TesseraUser.ADMINISTRATOR))) : null) {
                    while (System.nanoTime() < end) {
                        try {
                            work.call();
                            done.incrementAndGet();
                        } catch (Exception e) {
                            if (errors.incrementAndGet() == 1) {
                                e.printStackTrace();
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double rate = done.get() / ((System.nanoTime() - start) / 1e9);
        System.out.printf("%s.threads=%d%n%s.ops=%d%n%s.errors=%d%n%s.perSecond=%.1f%n", name, threads, name, done.get(),
                name, errors.get(), name, rate);
        return rate;
    }

    private static long[] latencies(int count, Callable<Void> work) throws Exception {
        try (CurrentUser.Scope ignored = CurrentUser.enter(new TesseraUser("bench", Set.of(TesseraUser.ADMINISTRATOR)))) {
            for (int i = 0; i < Math.min(2000, count); i++) {
                work.call(); // warm up
            }
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                work.call();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            return nanos;
        }
    }

    private static double ms(long[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1e6;
    }

    private static void print(String name, long[] sorted) {
        System.out.printf("%s.count=%d%n%s.p50ms=%.3f%n%s.p99ms=%.3f%n%s.maxms=%.3f%n", name, sorted.length, name,
                ms(sorted, 50), name, ms(sorted, 99), name, sorted[sorted.length - 1] / 1e6);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
