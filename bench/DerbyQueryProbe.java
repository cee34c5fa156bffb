import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/**
 * Diagnosis, not part of the benchmark run: times the SQL that Tessera's contact list and search issue
 * (as RecordStore issues it at commit 67c9d70: ordered-index hint for lists, slot counts for totals,
 * search candidates from the search_term index, and the IN-subquery fallback above 20,000 candidates),
 * directly on a COPY of a distribution's Derby database (the distribution must not run on it), and prints
 * Derby's plan for each statement. Usage (see bench/probe.sh):
 *
 * <pre>
 * java -cp derby.jar:derbyshared.jar:derbytools.jar bench/DerbyQueryProbe.java /path/to/copy/of/derby [prefix ...]
 * </pre>
 */
public final class DerbyQueryProbe {
    private static final String COLUMNS = "id, version, first_name, middle_name, last_name, emails, phones, position, "
            + "company_id, tags, notes, owner_id, created_at, created_by, updated_at, updated_by, deleted_at";
    private static final String SEARCH = " AND id IN (SELECT record_id FROM platform.search_term WHERE entity = ? AND term >= ? AND term < ? AND deleted = ?)";
    /** RecordStore.MAX_SEARCH_CANDIDATES: above this, the search falls back to the SQL with the IN subquery. */
    private static final int MAX_CANDIDATES = 20_000;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DerbyQueryProbe <derby database folder> [prefix ...]");
            System.exit(2);
        }
        String url = "jdbc:derby:" + args[0];
        String[] prefixes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"ivan.petrov.1", "petrov", "pet", "s"};
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_STATISTICS_TIMING(1)");
            }
            long contacts = single(c, "SELECT COUNT(*) FROM core.contact");
            long terms = single(c, "SELECT COUNT(*) FROM platform.search_term");
            System.out.printf(Locale.ROOT, "%,d contacts, %,d search terms%n%n", contacts, terms);

            String hint = " --DERBY-PROPERTIES index=CONTACT_ORDER_CREATED\n";
            String page = "SELECT " + COLUMNS + " FROM core.contact" + hint
                    + " WHERE deleted_at IS NULL ORDER BY created_at, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
            time(c, "list: first page of 50 (ordered index)", page, 0, 50);
            time(c, "list: total from record_count slots", "SELECT SUM(live) FROM platform.record_count WHERE entity = ?", "contact");
            time(c, "list: page at offset " + (contacts / 2), page, (int) (contacts / 2), 50);
            String id = singleString(c, "SELECT id FROM core.contact ORDER BY id OFFSET " + (contacts / 3) + " ROWS FETCH NEXT 1 ROWS ONLY");
            time(c, "get by id", "SELECT " + COLUMNS + " FROM core.contact WHERE id = ?", id);
            for (String prefix : prefixes) {
                String p = prefix.toLowerCase(Locale.ROOT);
                String upper = p + Character.MAX_VALUE;
                int candidates = time(c, "search '" + p + "': candidates from the search_term index (fast path)",
                        "SELECT record_id, created_at FROM platform.search_term WHERE entity = ? AND term >= ? AND term < ? AND deleted = ?",
                        "contact", p, upper, false);
                if (candidates > MAX_CANDIDATES) {
                    System.out.printf(Locale.ROOT, "   %,d candidates > %,d: RecordStore falls back to the IN-subquery SQL:%n%n", candidates, MAX_CANDIDATES);
                    time(c, "search '" + p + "': fallback first page", "SELECT " + COLUMNS + " FROM core.contact WHERE deleted_at IS NULL" + SEARCH
                            + " ORDER BY created_at, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", "contact", p, upper, false, 0, 50);
                    time(c, "search '" + p + "': fallback count", "SELECT COUNT(*) FROM core.contact WHERE deleted_at IS NULL" + SEARCH,
                            "contact", p, upper, false);
                }
            }
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
            } catch (SQLException expected) {
                // XJ015: the engine shut down
            }
        }
    }

    /** @return the rows the statement returned */
    private static int time(Connection c, String label, String sql, Object... parameters) throws SQLException {
        int runs = 20;
        double[] ms = new double[runs];
        long budget = System.nanoTime() + 5_000_000_000L; // slow statements get fewer runs
        int rows = 0;
        String plan = null;
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            long first = System.nanoTime();
            rows = drain(statement); // warm-up; a statement slower than 2 s is timed by this one cold run alone
            int done = 0;
            if (System.nanoTime() - first > 2_000_000_000L) {
                ms[done++] = (System.nanoTime() - first) / 1e6;
            }
            while (done < runs && (done == 0 || System.nanoTime() < budget)) {
                long start = System.nanoTime();
                rows = drain(statement);
                ms[done++] = (System.nanoTime() - start) / 1e6;
            }
            ms = Arrays.copyOf(ms, done);
            runs = done;
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                plan = r.next() ? r.getString(1) : "";
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "== %s: %d rows, median %.2f ms, max %.2f ms (%d runs)%n", label, rows, ms[runs / 2], ms[runs - 1], runs);
        System.out.println(summarize(plan));
        return rows;
    }

    /** The plan's lines naming operators, indexes, rows seen and times, not the whole text. */
    private static String summarize(String plan) {
        StringBuilder out = new StringBuilder();
        for (String line : plan.split("\n")) {
            String t = line.strip();
            if (t.matches("(?i).*(result set|index scan|table scan|using index|rows seen|rows filtered|number of opens|"
                    + "rows input|rows returned|scan type|constructor time|next time|sort|join|subquery|project|materializ).*")
                    && !t.toLowerCase(Locale.ROOT).startsWith("optimizer estimated")) {
                out.append("   ").append(line.stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }

    private static int drain(PreparedStatement statement) throws SQLException {
        int rows = 0;
        try (ResultSet r = statement.executeQuery()) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                for (int i = 1; i <= columns; i++) {
                    r.getObject(i);
                }
                rows++;
            }
        }
        return rows;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String singleString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : "";
        }
    }
}
