package org.tesseracrm.platform.internal.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Database.Dialect;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.platform.internal.backup.DatabaseStructure.Column;
import org.tesseracrm.platform.internal.backup.DatabaseStructure.Identity;
import org.tesseracrm.platform.internal.backup.DatabaseStructure.Table;
import org.tesseracrm.platform.internal.security.AccessService;
import org.tesseracrm.platform.internal.security.Authenticator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Full backups of a Tessera installation, and restores of them: every table of every Tessera schema —
 * the platform's, the core's and every plugin's that ever ran here (the schemas of
 * {@code platform.schema_history}) — with the schema versions, in one zip archive that Derby and
 * PostgreSQL installations read alike.
 *
 * <p>The archive holds {@value #MANIFEST} (format, when, which database, schema versions, and per table
 * its columns and row count) and one {@code tables/<schema>.<table>.json} per table: a JSON array of
 * rows, each an array of values in the manifest's column order ({@link ColumnValues}).
 *
 * <p>A backup reads all tables in one transaction, so it is consistent. A restore is all-or-nothing: in
 * one transaction it checks the archive against the running database (the same schema versions, the
 * same tables and columns), empties every table and fills it from the archive, so the database equals
 * the one backed up; anything wrong rolls everything back.
 */
@Component(service = Backups.class)
public final class Backups {
    /** The archive's table of contents. */
    static final String MANIFEST = "tessera-backup.json";
    /** What {@code format} in the manifest says. */
    static final String FORMAT = "tessera-backup/1";
    private static final String TABLES = "tables/";
    private static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    private final Database platform;
    private final Runnable afterRestore;
    /** Decimals are read as written: never through a double. */
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    private final JsonFactory factory = mapper.getFactory();

    /** What a backup or a restore did. */
    public record Summary(Map<String, Integer> schemaVersions, int tables, long rows) {
    }

    /**
     * @param platform      the platform schema's database (any schema's would do: SQL names every schema)
     * @param authenticator forgets remembered logins after a restore, which may change every password
     * @param access        forgets what it worked out about users, departments and grants after a restore
     */
    @Activate
    public Backups(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=platform)") Database platform,
            @Reference Authenticator authenticator, @Reference AccessService access) {
        this(platform, () -> {
            authenticator.forgetAll();
            access.forgetAll();
        });
    }

    /**
     * @param platform     the platform schema's database
     * @param afterRestore drops whatever was remembered of the data a restore replaced
     */
    public Backups(Database platform, Runnable afterRestore) {
        this.platform = platform;
        this.afterRestore = afterRestore;
    }

    /**
     * Writes a backup of the whole database as a zip archive.
     *
     * @param out where the archive goes; not closed
     */
    public Summary backup(OutputStream out) {
        return platform.inTransaction(connection -> {
            connection.setTransactionIsolation(platform.dialect() == Dialect.DERBY
                    ? Connection.TRANSACTION_SERIALIZABLE : Connection.TRANSACTION_REPEATABLE_READ);
            // the pool resets the isolation level when the connection comes back
            try {
                return backup(connection, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Summary backup(Connection connection, OutputStream out) throws SQLException, IOException {
        DatabaseStructure structure = DatabaseStructure.read(connection);
        ZipOutputStream zip = new ZipOutputStream(out);
        ArrayNode tables = mapper.createArrayNode();
        long total = 0;
        for (Table table : structure.tables()) {
            zip.putNextEntry(new ZipEntry(TABLES + table.key() + ".json"));
            long rows = writeRows(connection, structure.dialect(), table, zip);
            zip.closeEntry();
            ObjectNode entry = tables.addObject();
            entry.put("table", table.key());
            table.columnKeys().forEach(entry.putArray("columns")::add);
            entry.put("rows", rows);
            total += rows;
        }
        ObjectNode manifest = mapper.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("createdAt", Instant.now().toString());
        manifest.put("database", structure.dialect().name().toLowerCase(java.util.Locale.ROOT));
        ObjectNode versions = manifest.putObject("schemaVersions");
        structure.versions().forEach(versions::put);
        manifest.set("tables", tables);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
        out.flush();
        return new Summary(structure.versions(), structure.tables().size(), total);
    }

    private long writeRows(Connection connection, Dialect dialect, Table table, OutputStream zip)
            throws SQLException, IOException {
        JsonGenerator json = factory.createGenerator(new NonClosing(zip), JsonEncoding.UTF8);
        long rows = 0;
        List<Column> columns = table.columns();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + String.join(", ",
                        columns.stream().map(c -> DatabaseStructure.quote(c.name())).toList())
                        + " FROM " + table.sql(dialect))) {
            json.writeStartArray();
            while (result.next()) {
                json.writeRaw('\n');
                json.writeStartArray();
                for (int i = 0; i < columns.size(); i++) {
                    ColumnValues.write(json, result, i + 1, columns.get(i).type());
                }
                json.writeEndArray();
                rows++;
            }
            json.writeRaw('\n');
            json.writeEndArray();
        }
        json.close();
        return rows;
    }

    /**
     * Replaces every table's rows with the archive's, all or nothing.
     *
     * @param archive a zip archive written by {@link #backup}
     * @throws ProblemException MALFORMED_REQUEST when the file is not such an archive or is damaged,
     *                          CONFLICT when its schema versions or tables differ from the running ones
     */
    public Summary restore(Path archive) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            JsonNode manifest = manifest(zip);
            Summary summary = platform.inTransaction(connection -> {
                try (Statement lock = connection.createStatement()) {
                    // no plugin migrates while the tables are replaced
                    lock.execute("LOCK TABLE platform.schema_history IN EXCLUSIVE MODE");
                }
                DatabaseStructure structure = DatabaseStructure.read(connection);
                Map<String, JsonNode> tables = check(manifest, structure);
                return restore(connection, structure, tables, zip);
            });
            afterRestore.run();
            LOG.warn("{} restored a backup of {} ({} tables, {} rows)", CurrentUser.get().username(),
                    manifest.path("createdAt").asText("?"), summary.tables(), summary.rows());
            return summary;
        } catch (ZipException e) {
            throw ProblemException.malformed(null, "This is not a Tessera backup: not a zip archive");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode manifest(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw ProblemException.malformed(null, "This is not a Tessera backup: the archive has no " + MANIFEST);
        }
        JsonNode manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = mapper.readTree(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ProblemException.malformed(null, "The archive is damaged: " + MANIFEST + " is not JSON");
        }
        if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
            throw ProblemException.malformed(null, "This is not a Tessera backup of format " + FORMAT);
        }
        if (!manifest.path("schemaVersions").isObject() || !manifest.path("tables").isArray()) {
            throw ProblemException.malformed(null, "The archive is damaged: " + MANIFEST
                    + " lacks schemaVersions or tables");
        }
        return manifest;
    }

    /** @return the manifest's table entries by table key, when they fit the running database */
    private static Map<String, JsonNode> check(JsonNode manifest, DatabaseStructure structure) {
        Map<String, Integer> archived = new TreeMap<>();
        manifest.path("schemaVersions").fields().forEachRemaining(e -> archived.put(e.getKey(), e.getValue().asInt(-1)));
        if (!archived.equals(structure.versions())) {
            throw new ProblemException(ProblemType.CONFLICT, "The backup has the schema versions " + archived
                    + ", this installation " + structure.versions() + "; restore it into an installation with the"
                    + " same plugins in the same versions", null);
        }
        Map<String, JsonNode> tables = new LinkedHashMap<>();
        for (JsonNode table : manifest.path("tables")) {
            tables.put(table.path("table").asText(), table);
        }
        Map<String, List<String>> expected = new TreeMap<>();
        structure.tables().forEach(t -> expected.put(t.key(), t.columnKeys()));
        Map<String, List<String>> found = new TreeMap<>();
        tables.forEach((key, table) -> {
            List<String> columns = new ArrayList<>();
            table.path("columns").forEach(c -> columns.add(c.asText()));
            found.put(key, columns.stream().sorted().toList());
        });
        expected.replaceAll((key, columns) -> columns.stream().sorted().toList());
        if (!found.equals(expected)) {
            throw new ProblemException(ProblemType.CONFLICT, "The backup's tables and columns differ from this"
                    + " installation's although the schema versions are the same; it was not written by Tessera", null);
        }
        return tables;
    }

    private Summary restore(Connection connection, DatabaseStructure structure, Map<String, JsonNode> manifest,
            ZipFile zip) throws SQLException {
        Dialect dialect = structure.dialect();
        List<Table> tables = structure.tables();
        try (Statement statement = connection.createStatement()) {
            for (int i = tables.size() - 1; i >= 0; i--) {
                statement.executeUpdate("DELETE FROM " + tables.get(i).sql(dialect));
            }
        }
        long total = 0;
        for (Table table : tables) {
            JsonNode entry = manifest.get(table.key());
            List<String> order = new ArrayList<>();
            entry.path("columns").forEach(c -> order.add(c.asText()));
            long rows = insertRows(connection, dialect, table, order, zip);
            if (rows != entry.path("rows").asLong(-1)) {
                throw ProblemException.malformed(null, "The archive is damaged: " + table.key() + " has " + rows
                        + " rows, its manifest says " + entry.path("rows"));
            }
            total += rows;
        }
        return new Summary(structure.versions(), tables.size(), total);
    }

    private long insertRows(Connection connection, Dialect dialect, Table table, List<String> order, ZipFile zip)
            throws SQLException {
        Map<String, Column> byKey = new LinkedHashMap<>();
        table.columns().forEach(c -> byKey.put(c.key(), c));
        List<Column> columns = order.stream().map(byKey::get).toList();
        Column identity = table.identity();
        if (identity != null && identity.identity() == Identity.ALWAYS && dialect == Dialect.DERBY) {
            alterIdentity(connection, dialect, table, identity, "SET GENERATED BY DEFAULT");
        }
        String insert = "INSERT INTO " + table.sql(dialect) + " ("
                + String.join(", ", columns.stream().map(c -> DatabaseStructure.quote(c.name())).toList()) + ")"
                + (identity != null && dialect == Dialect.POSTGRESQL ? " OVERRIDING SYSTEM VALUE" : "")
                + " VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        long rows = 0;
        ZipEntry entry = zip.getEntry(TABLES + table.key() + ".json");
        if (entry == null) {
            throw ProblemException.malformed(null, "The archive is damaged: it has no rows of " + table.key());
        }
        try (InputStream in = zip.getInputStream(entry);
                JsonParser parser = factory.createParser(in);
                PreparedStatement statement = connection.prepareStatement(insert)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.malformed(null, "The archive is damaged: " + entry.getName() + " is not a list");
            }
            List<JsonNode> all = new ArrayList<>();
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                JsonNode row = mapper.readTree(parser);
                if (row.size() != columns.size()) {
                    throw ProblemException.malformed(null, "The archive is damaged: row " + (all.size() + 1) + " of "
                            + table.key() + " has " + row.size() + " values for " + columns.size() + " columns");
                }
                all.add(row);
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw ProblemException.malformed(null, "The archive is damaged: " + entry.getName()
                        + " holds something other than rows");
            }
            for (JsonNode row : referencedFirst(all, table, order)) {
                for (int i = 0; i < columns.size(); i++) {
                    ColumnValues.bind(statement, i + 1, columns.get(i).type(), row.get(i),
                            table.key() + "." + columns.get(i).key() + " of row " + (rows + 1));
                }
                statement.addBatch();
                if (++rows % BATCH == 0) {
                    execute(statement, table);
                }
            }
            execute(statement, table);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ProblemException.malformed(null, "The archive is damaged: " + entry.getName() + " is not JSON");
        } catch (ZipException e) {
            throw ProblemException.malformed(null, "The archive is damaged: " + entry.getName() + " cannot be read");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (identity != null) {
            restartIdentity(connection, dialect, table, identity);
        }
        return rows;
    }

    /**
     * Orders the rows of a table that refers to itself so that a row comes after the row it refers to
     * (a department after its parent); rows of other tables stay in the archive's order.
     */
    private static List<JsonNode> referencedFirst(List<JsonNode> rows, Table table, List<String> order) {
        if (table.selfReferences().isEmpty()) {
            return rows;
        }
        List<JsonNode> ordered = new ArrayList<>(rows.size());
        Map<String, java.util.Set<String>> placed = new LinkedHashMap<>();
        table.selfReferences().forEach(r -> placed.put(r.referenced(), new java.util.HashSet<>()));
        List<JsonNode> pending = rows;
        while (!pending.isEmpty()) {
            List<JsonNode> later = new ArrayList<>();
            for (JsonNode row : pending) {
                boolean ready = table.selfReferences().stream().allMatch(r -> {
                    JsonNode value = row.get(order.indexOf(r.column()));
                    return value == null || value.isNull() || placed.get(r.referenced()).contains(value.asText());
                });
                if (ready) {
                    ordered.add(row);
                    placed.forEach((column, values) -> values.add(row.get(order.indexOf(column)).asText()));
                } else {
                    later.add(row);
                }
            }
            if (later.size() == pending.size()) {
                ordered.addAll(later); // a cycle, or a reference to nothing: the database will say which
                break;
            }
            pending = later;
        }
        return ordered;
    }

    private static void execute(PreparedStatement statement, Table table) throws SQLException {
        try {
            statement.executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            String state = cause.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                // a value that does not fit, a duplicate key, a reference to nothing: the archive's fault
                throw ProblemException.malformed(null, "The archive's rows of " + table.key()
                        + " cannot be stored: " + cause.getMessage());
            }
            throw e;
        }
    }

    /**
     * Sets the identity to continue after the largest restored value (Derby: and to ALWAYS again;
     * PostgreSQL: through the column's sequence, identity or serial alike).
     */
    private static void restartIdentity(Connection connection, Dialect dialect, Table table, Column identity)
            throws SQLException {
        long next;
        try (Statement statement = connection.createStatement();
                ResultSet max = statement.executeQuery("SELECT MAX(" + DatabaseStructure.quote(identity.name())
                        + ") FROM " + table.sql(dialect))) {
            max.next();
            next = max.getLong(1) + 1;
        }
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement sequence = connection.prepareStatement(
                    "SELECT setval(pg_get_serial_sequence(?, ?), ?, false)")) {
                sequence.setString(1, table.sql(dialect));
                sequence.setString(2, identity.name());
                sequence.setLong(3, next);
                sequence.execute();
            }
            return;
        }
        alterIdentity(connection, dialect, table, identity, "RESTART WITH " + next);
        if (identity.identity() == Identity.ALWAYS) {
            alterIdentity(connection, dialect, table, identity, "SET GENERATED ALWAYS");
        }
    }

    private static void alterIdentity(Connection connection, Dialect dialect, Table table, Column identity,
            String change) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table.sql(dialect) + " ALTER COLUMN "
                    + DatabaseStructure.quote(identity.name()) + " " + change);
        }
    }

    /** Lets a JSON generator write into the zip without closing the entry. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
