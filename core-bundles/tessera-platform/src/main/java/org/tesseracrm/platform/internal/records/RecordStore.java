package org.tesseracrm.platform.internal.records;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.audit.AuditEntry.FieldChange;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.RecordEvents;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.Records;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.platform.internal.audit.AuditWriter;
import org.tesseracrm.platform.internal.db.SchemaDatabase;
import org.tesseracrm.platform.internal.json.JsonCodec;

/**
 * {@link Records} over one table: every write validates, runs the type's rules, writes the row, its
 * search terms and its audit entry in one transaction, then announces the change.
 *
 * @param <T> the record type
 */
public final class RecordStore<T> implements Records<T> {
    /** Largest JSON text a list or nested-record column holds. */
    static final int MAX_JSON = 32000;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final String INSERT_TERM = "INSERT INTO platform.search_term "
            + "(entity, record_id, term, created_at, deleted) VALUES (?, ?, ?, ?, ?)";
    /** A search term's whole key, as {@link #bindTermKey} binds it. */
    private static final String TERM_KEY = "entity = ? AND term = ? AND deleted = ? AND created_at = ? AND record_id = ?";
    private static final String DELETE_TERM = "DELETE FROM platform.search_term WHERE " + TERM_KEY;
    private static final String MARK_TERM = "UPDATE platform.search_term SET deleted = ? WHERE " + TERM_KEY;

    private final RecordType<T> type;
    private final Database database;
    private final RecordRules<T> rules;
    private final JsonCodec json;
    private final RecordEventSink events;
    private final String columns;
    private final String insertSql;
    private final String updateSql;
    private final String selectSql;
    private final boolean searchable;
    private final boolean softDelete;
    private final boolean owned;
    private final RecordAccess access;
    /** Indexes on (column, id), by column: a page in that order is read from the index (Derby needs telling). */
    private volatile Map<String, String> orderIndexes;

    /**
     * @param type     the record type (a record annotated with {@code @Entity})
     * @param database the schema that holds the table
     * @param rules    the type's domain rules
     * @param json     the JSON codec for list and nested columns
     * @param events   where changes are announced
     */
    public RecordStore(Class<T> type, Database database, RecordRules<T> rules, JsonCodec json,
            RecordEventSink events) {
        this(type, database, rules, json, events, RecordAccess.UNRESTRICTED);
    }

    /**
     * @param type     the record type (a record annotated with {@code @Entity})
     * @param database the schema that holds the table
     * @param rules    the type's domain rules
     * @param json     the JSON codec for list and nested columns
     * @param events   where changes are announced
     * @param access   who may do what, and see whose records
     */
    public RecordStore(Class<T> type, Database database, RecordRules<T> rules, JsonCodec json,
            RecordEventSink events, RecordAccess access) {
        this.access = access;
        this.type = new RecordType<>(type);
        this.database = database;
        this.rules = rules;
        this.json = json;
        this.events = events;
        List<RecordField> fields = this.type.fields();
        this.columns = fields.stream().map(RecordField::column).collect(Collectors.joining(", "));
        String table = this.type.table();
        this.insertSql = "INSERT INTO " + table + " (" + columns + ") VALUES ("
                + fields.stream().map(f -> "?").collect(Collectors.joining(", ")) + ")";
        this.updateSql = "UPDATE " + table + " SET "
                + fields.stream().map(f -> f.column() + " = ?").collect(Collectors.joining(", "))
                + " WHERE id = ? AND version = ?";
        this.selectSql = "SELECT " + columns + " FROM " + table + " WHERE id = ?";
        this.searchable = fields.stream().anyMatch(f -> f.searchable() != null);
        this.softDelete = this.type.has("deletedAt");
        this.owned = this.type.restrictedToOwner();
        if (owned && !this.type.has("ownerId")) {
            throw new IllegalArgumentException(type + " is restricted to its owner but has no ownerId");
        }
        if (owned) {
            RESTRICTED_TABLES.put(table.toLowerCase(java.util.Locale.ROOT),
                    new String[] {this.type.entity(), this.type.field("ownerId").column()});
        }
        database.inTransaction(connection -> {
            RecordCounts.recount(connection, this.type.entity(), table, softDelete);
            reindexIfNeeded(connection);
            return null;
        });
    }

    @Override
    public String entity() {
        return type.entity();
    }

    @Override
    public Class<T> type() {
        return type.type();
    }

    @Override
    public T create(T record) {
        Objects.requireNonNull(record, "record");
        RecordAccess.Scope scope = access.scope(type.entity(), Action.CREATE);
        String actor = CurrentUser.get().username();
        if (owned) {
            checkOwner(scope, (String) type.value(record, "ownerId"), actor);
        }
        T draft = draft(record, actor, now());
        RecordValidator.validate(draft, RecordType.SERVER_FIELDS);
        T stored = database.inTransaction(connection -> {
            RecordValidator.checkReferences(draft, null, connection, "", this::referenceVisible);
            T completed = normalised(rules.beforeWrite(null, draft, connection));
            try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                bind(insert, completed);
                insert.executeUpdate();
            }
            writeTerms(connection, completed);
            RecordCounts.add(connection, type.entity(), 1, 0);
            AuditWriter.write(connection, actor, type.entity(), id(completed), RecordEvents.CREATED,
                    changes(null, completed));
            return completed;
        });
        announce(RecordEvents.CREATED, null, stored, actor);
        return stored;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One access check for all; each record validated, its references checked and its rules run in
     * turn; then one batched insert each for the rows, their search terms and their audit entries, and
     * one update of the record count. The events follow the commit, as for {@link #create}.
     */
    @Override
    public List<T> createAll(List<T> records) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            return List.of();
        }
        RecordAccess.Scope scope = access.scope(type.entity(), Action.CREATE);
        String actor = CurrentUser.get().username();
        Instant now = now();
        List<T> drafts = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            T record = records.get(i);
            if (record == null) {
                throw ProblemException.invalid("[" + i + "]", "Record " + i + " is missing");
            }
            try {
                if (owned) {
                    checkOwner(scope, (String) type.value(record, "ownerId"), actor);
                }
                T draft = draft(record, actor, now);
                RecordValidator.validate(draft, RecordType.SERVER_FIELDS);
                drafts.add(draft);
            } catch (ProblemException e) {
                throw atIndex(i, e);
            }
        }
        List<T> stored = database.inTransaction(connection -> {
            List<T> completed = new ArrayList<>(drafts.size());
            for (int i = 0; i < drafts.size(); i++) {
                try {
                    RecordValidator.checkReferences(drafts.get(i), null, connection, "", this::referenceVisible);
                    completed.add(normalised(rules.beforeWrite(null, drafts.get(i), connection)));
                } catch (ProblemException e) {
                    throw atIndex(i, e);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                for (int i = 0; i < completed.size(); i++) {
                    try {
                        bind(insert, completed.get(i));
                    } catch (ProblemException e) {
                        throw atIndex(i, e);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (searchable) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_TERM)) {
                    for (T record : completed) {
                        addTerms(insert, record);
                    }
                    insert.executeBatch();
                }
            }
            RecordCounts.add(connection, type.entity(), completed.size(), 0);
            writeCreationAudit(connection, actor, completed);
            return completed;
        });
        for (T record : stored) {
            announce(RecordEvents.CREATED, null, record, actor);
        }
        return stored;
    }

    /** @return the record with the server's fields of a new record */
    private T draft(T record, String actor, Instant now) {
        Map<String, Object> server = new HashMap<>();
        server.put("id", RecordIds.next());
        server.put("version", 1L);
        server.put("createdAt", now);
        server.put("createdBy", actor);
        server.put("updatedAt", now);
        server.put("updatedBy", actor);
        server.put("deletedAt", null);
        if (type.has("ownerId") && type.value(record, "ownerId") == null) {
            server.put("ownerId", actor);
        }
        return type.with(record, server);
    }

    /** @return the problem with its field prefixed by the record's index in a list */
    private static ProblemException atIndex(int index, ProblemException problem) {
        String field = "[" + index + "]" + (problem.field() == null ? "" : "." + problem.field());
        ProblemException indexed = new ProblemException(problem.type(), "Record " + index + ": "
                + problem.getMessage(), field);
        indexed.setStackTrace(problem.getStackTrace());
        return indexed;
    }

    /** The audit entries of new records, in one batch of the caller's transaction. */
    private void writeCreationAudit(Connection connection, String actor, List<T> created) throws SQLException {
        Map<String, Map<String, FieldChange>> changes = new LinkedHashMap<>();
        for (T record : created) {
            changes.put(id(record), changes(null, record));
        }
        AuditWriter.writeAll(connection, actor, type.entity(), RecordEvents.CREATED, changes);
    }

    @Override
    public Optional<T> find(String id) {
        RecordAccess.Scope scope = access.scope(type.entity(), Action.READ);
        return database.inTransaction(connection -> select(connection, id).filter(r -> !isDeleted(r))
                .filter(r -> visible(connection, scope, r, Action.READ)));
    }

    @Override
    public T get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound(type.entity(), id));
    }

    @Override
    public T update(String id, long expectedVersion, T record) {
        Objects.requireNonNull(record, "record");
        RecordAccess.Scope scope = access.scope(type.entity(), Action.UPDATE);
        String actor = CurrentUser.get().username();
        List<T> result = database.inTransaction(connection -> {
            T previous = select(connection, id).filter(r -> !isDeleted(r))
                    .filter(r -> visible(connection, scope, r, Action.UPDATE))
                    .orElseThrow(() -> ProblemException.notFound(type.entity(), id));
            if (owned) {
                Object before = type.value(previous, "ownerId");
                Object wanted = type.value(record, "ownerId");
                if (wanted != null && !wanted.equals(before)) {
                    checkOwner(scope, (String) wanted, actor);
                }
            }
            long version = version(previous);
            if (version != expectedVersion) {
                throw stale(id, version);
            }
            Map<String, Object> server = new HashMap<>();
            for (String name : RecordType.SERVER_FIELDS) {
                server.put(name, type.value(previous, name));
            }
            if (type.has("ownerId") && type.value(record, "ownerId") == null) {
                server.put("ownerId", type.value(previous, "ownerId"));
            }
            T draft = type.with(record, server);
            RecordValidator.validate(draft, RecordType.SERVER_FIELDS);
            RecordValidator.checkReferences(draft, previous, connection, "", this::referenceVisible);
            T completed = normalised(rules.beforeWrite(previous, draft, connection));
            Map<String, FieldChange> changes = changes(previous, completed);
            if (changes.isEmpty()) {
                return List.of(previous); // the same content again: nothing to do
            }
            T next = type.with(completed, Map.of("version", version + 1, "updatedAt", now(), "updatedBy", actor));
            try (PreparedStatement update = connection.prepareStatement(updateSql)) {
                int index = bind(update, next);
                update.setString(index++, id);
                update.setLong(index, version);
                if (update.executeUpdate() != 1) {
                    throw stale(id, version + 1);
                }
            }
            if (searchable && !SearchTerms.of(type, previous).equals(SearchTerms.of(type, next))) {
                deleteTerms(connection, previous); // only when a searchable field changed
                writeTerms(connection, next);
            }
            AuditWriter.write(connection, actor, type.entity(), id, RecordEvents.UPDATED, changes);
            return List.of(previous, next);
        });
        if (result.size() == 1) {
            return result.get(0);
        }
        announce(RecordEvents.UPDATED, result.get(0), result.get(1), actor);
        return result.get(1);
    }

    @Override
    public void delete(String id, Long expectedVersion) {
        T[] change = markDeleted(id, expectedVersion, true);
        announce(RecordEvents.DELETED, change[0], change[1], CurrentUser.get().username());
    }

    @Override
    public T restore(String id) {
        T[] change = markDeleted(id, null, false);
        announce(RecordEvents.RESTORED, change[0], change[1], CurrentUser.get().username());
        return change[1];
    }

    @SuppressWarnings("unchecked")
    private T[] markDeleted(String id, Long expectedVersion, boolean delete) {
        RecordAccess.Scope scope = access.scope(type.entity(), Action.DELETE);
        String actor = CurrentUser.get().username();
        return database.inTransaction(connection -> {
            T previous = select(connection, id).filter(r -> isDeleted(r) != delete)
                    .filter(r -> visible(connection, scope, r, Action.DELETE))
                    .orElseThrow(() -> ProblemException.notFound(type.entity(), id));
            long version = version(previous);
            if (expectedVersion != null && expectedVersion != version) {
                throw stale(id, version);
            }
            Instant now = now();
            Map<String, Object> server = new HashMap<>();
            server.put("version", version + 1);
            server.put("updatedAt", now);
            server.put("updatedBy", actor);
            server.put("deletedAt", delete ? now : null);
            T next = type.with(previous, server);
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + type.table()
                    + " SET deleted_at = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?")) {
                if (delete) {
                    update.setTimestamp(1, Timestamp.from(now), utc());
                } else {
                    update.setNull(1, Types.TIMESTAMP);
                }
                update.setLong(2, version + 1);
                update.setTimestamp(3, Timestamp.from(now), utc());
                update.setString(4, actor);
                update.setString(5, id);
                update.setLong(6, version);
                if (update.executeUpdate() != 1) {
                    throw stale(id, version + 1);
                }
            }
            markTerms(connection, previous, delete);
            RecordCounts.add(connection, type.entity(), delete ? -1 : 1, delete ? 1 : -1);
            AuditWriter.write(connection, actor, type.entity(), id,
                    delete ? RecordEvents.DELETED : RecordEvents.RESTORED, changes(previous, next));
            Object[] pair = (Object[]) java.lang.reflect.Array.newInstance(type.type(), 2);
            pair[0] = previous;
            pair[1] = next;
            return (T[]) pair;
        });
    }

    @Override
    public Page<T> list(Query query) {
        RecordAccess.Scope scope = access.scope(type.entity(), Action.READ);
        boolean restricted = owned && !scope.all();
        if (!restricted && query.search() != null && query.filters().isEmpty() && query.sort() == null) {
            Page<T> found = searchInCreationOrder(query);
            if (found != null) {
                return found;
            }
        }
        List<Object> parameters = new ArrayList<>();
        String join = "";
        StringBuilder where = new StringBuilder(query.includeDeleted() ? " WHERE deleted_at IS NOT NULL"
                : " WHERE deleted_at IS NULL");
        for (Map.Entry<String, String> filter : query.filters().entrySet()) {
            RecordField field = type.field(filter.getKey());
            if (field == null || !field.kind().isScalar()) {
                throw ProblemException.invalid(filter.getKey(), "Cannot filter " + type.entity() + " by '"
                        + filter.getKey() + "'; filter by one of " + scalarFields());
            }
            where.append(" AND ").append(field.column()).append(" = ?");
            parameters.add(parse(field, filter.getValue()));
        }
        if (restricted) {
            where.append(" AND (").append(type.field("ownerId").column()).append(" IN (")
                    .append(scope.owners().stream().map(o -> "?").collect(Collectors.joining(", ")))
                    .append(") OR id IN (SELECT record_id FROM platform.record_share WHERE entity = ? AND username = ?))");
            parameters.addAll(scope.owners());
            parameters.add(type.entity());
            parameters.add(scope.username());
        }
        if (query.search() != null) {
            if (!searchable) {
                throw ProblemException.invalid("q", type.entity() + " cannot be searched");
            }
            List<String> prefixes = SearchTerms.prefixes(query.search());
            List<Object> termParameters = new ArrayList<>();
            for (String prefix : prefixes) {
                termParameters.add(type.entity());
                termParameters.add(prefix);
                termParameters.add(SearchTerms.upperBound(prefix));
                termParameters.add(query.includeDeleted());
            }
            if (prefixes.size() == 1) {
                // DISTINCT lets Derby read the matching ids first, instead of probing the terms of every row
                where.append(" AND id IN (SELECT DISTINCT record_id FROM platform.search_term"
                        + " WHERE entity = ? AND term >= ? AND term < ? AND deleted = ?)");
                parameters.addAll(termParameters);
            } else {
                // the ids having every word, once, joined: Derby answers an IN of a set operation row by row
                join = " JOIN (" + String.join(" INTERSECT ", Collections.nCopies(prefixes.size(),
                        "SELECT record_id AS search_match_id FROM platform.search_term"
                                + " WHERE entity = ? AND term >= ? AND term < ? AND deleted = ?"))
                        + ") search_match ON id = search_match.search_match_id";
                parameters.addAll(0, termParameters);
            }
        }
        RecordField orderField = type.has("createdAt") ? type.field("createdAt") : type.field("id");
        if (query.sort() != null) {
            orderField = type.field(query.sort());
            if (orderField == null || !orderField.kind().isScalar()) {
                throw ProblemException.invalid("sort", "Cannot sort " + type.entity() + " by '" + query.sort()
                        + "'; sort by one of " + scalarFields());
            }
        }
        String direction = query.descending() ? " DESC" : "";
        String order = orderField.name().equals("id") ? "id" + direction
                : orderField.column() + direction + ", id" + direction;
        boolean unfiltered = query.filters().isEmpty() && query.search() == null;
        String from = type.table() + (unfiltered ? indexHint(orderField.column()) : "");
        String select = "SELECT " + columns + " FROM " + from + join + where + " ORDER BY " + order
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        String count = "SELECT COUNT(*) FROM " + type.table() + join + where;
        return database.inTransaction(connection -> {
            List<T> items = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                int index = setAll(statement, parameters);
                statement.setInt(index++, query.offset());
                statement.setInt(index, query.limit());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        items.add(read(rows));
                    }
                }
            }
            long total;
            if (query.offset() == 0 && items.size() < query.limit()) {
                total = items.size(); // the whole result is on this page
            } else if (unfiltered && softDelete && !restricted) {
                total = RecordCounts.total(connection, type.entity(), query.includeDeleted());
            } else {
                try (PreparedStatement statement = connection.prepareStatement(count)) {
                    setAll(statement, parameters);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        total = rows.getLong(1);
                    }
                }
            }
            return new Page<>(items, total, query.offset(), query.limit());
        });
    }

    /** Most matches a search sorts in memory; beyond that the database sorts. */
    static final int MAX_SEARCH_CANDIDATES = 20_000;

    /**
     * A search of one word in creation order, answered from the search index: the matching ids and their
     * creation times come from one index range, the page's records by id.
     *
     * @return the page, or {@code null} when the search has several words or matches too many records to
     *         sort them here
     */
    private Page<T> searchInCreationOrder(Query query) {
        if (!searchable) {
            throw ProblemException.invalid("q", type.entity() + " cannot be searched");
        }
        List<String> prefixes = SearchTerms.prefixes(query.search());
        if (prefixes.size() != 1) {
            return null;
        }
        String prefix = prefixes.get(0);
        return database.inTransaction(connection -> {
            Map<String, Instant> matches = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT record_id, created_at "
                    + "FROM platform.search_term WHERE entity = ? AND term >= ? AND term < ? AND deleted = ?")) {
                select.setString(1, type.entity());
                select.setString(2, prefix);
                select.setString(3, SearchTerms.upperBound(prefix));
                select.setBoolean(4, query.includeDeleted());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Timestamp created = rows.getTimestamp(2, utc());
                        matches.putIfAbsent(rows.getString(1), created == null ? Instant.MAX : created.toInstant());
                        if (matches.size() > MAX_SEARCH_CANDIDATES) {
                            return null;
                        }
                    }
                }
            }
            List<Map.Entry<String, Instant>> ordered = new ArrayList<>(matches.entrySet());
            Comparator<Map.Entry<String, Instant>> byCreation =
                    Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey());
            ordered.sort(query.descending() ? byCreation.reversed() : byCreation);
            int from = Math.min(query.offset(), ordered.size());
            int to = Math.min(from + query.limit(), ordered.size());
            List<String> ids = ordered.subList(from, to).stream().map(Map.Entry::getKey).toList();
            Map<String, T> byId = new HashMap<>();
            if (!ids.isEmpty()) {
                String placeholders = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT " + columns + " FROM " + type.table() + " WHERE id IN (" + placeholders + ")")) {
                    for (int i = 0; i < ids.size(); i++) {
                        select.setString(i + 1, ids.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            T record = read(rows);
                            byId.put(id(record), record);
                        }
                    }
                }
            }
            List<T> items = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
            return new Page<>(items, matches.size(), query.offset(), query.limit());
        });
    }

    /**
     * @return whether the record is within the user's scope (owned by someone they see, or shared with
     *         them); a record out of scope is audited as denied and answered as missing
     */
    private boolean visible(Connection connection, RecordAccess.Scope scope, T record, Action action) {
        if (!owned || scope.owns((String) type.value(record, "ownerId"))) {
            return true;
        }
        try (PreparedStatement share = connection.prepareStatement("SELECT 1 FROM platform.record_share "
                + "WHERE entity = ? AND record_id = ? AND username = ?")) {
            share.setString(1, type.entity());
            share.setString(2, id(record));
            share.setString(3, scope.username());
            try (ResultSet rows = share.executeQuery()) {
                if (rows.next()) {
                    return true;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the shares of " + type.entity() + " " + id(record), e);
        }
        access.denied(type.entity(), id(record), action);
        return false;
    }

    /**
     * @return the users a record is shared with, by name
     * @throws ProblemException NOT_FOUND when the record is missing or out of the user's reach
     */
    public List<String> sharedWith(String id) {
        RecordAccess.Scope scope = access.scope(type.entity(), Action.READ);
        return database.inTransaction(connection -> {
            select(connection, id).filter(r -> !isDeleted(r)).filter(r -> visible(connection, scope, r, Action.READ))
                    .orElseThrow(() -> ProblemException.notFound(type.entity(), id));
            return shares(connection, id);
        });
    }

    /**
     * Shares a record with exactly these users (others lose it). Its owner may share it, and whoever may
     * give records to other owners.
     *
     * @return the users it is shared with now
     * @throws ProblemException NOT_FOUND for a record out of reach, FORBIDDEN when the user may not
     *                          share it, INVALID_FIELD for an unknown or inactive user
     */
    public List<String> shareWith(String id, List<String> usernames) {
        if (!owned) {
            throw ProblemException.invalid("usernames", type.entity() + " records are seen by everyone; nothing to share");
        }
        RecordAccess.Scope scope = access.scope(type.entity(), Action.UPDATE);
        String actor = CurrentUser.get().username();
        return database.inTransaction(connection -> {
            T record = select(connection, id).filter(r -> !isDeleted(r))
                    .filter(r -> visible(connection, scope, r, Action.UPDATE))
                    .orElseThrow(() -> ProblemException.notFound(type.entity(), id));
            if (!actor.equals(type.value(record, "ownerId")) && !scope.reassign()) {
                access.denied(type.entity(), id, Action.REASSIGN);
                throw new ProblemException(ProblemType.FORBIDDEN, "Only the owner shares a " + type.entity(), null);
            }
            List<String> wanted = new ArrayList<>(new java.util.LinkedHashSet<>(usernames));
            for (int i = 0; i < wanted.size(); i++) {
                String name = wanted.get(i);
                try (PreparedStatement user = connection.prepareStatement(
                        "SELECT 1 FROM platform.app_user WHERE username = ? AND active = TRUE")) {
                    user.setString(1, name == null ? "" : name);
                    try (ResultSet rows = user.executeQuery()) {
                        if (!rows.next()) {
                            throw ProblemException.invalid("usernames[" + i + "]", "There is no active user '" + name + "'");
                        }
                    }
                }
            }
            List<String> before = shares(connection, id);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM platform.record_share WHERE entity = ? AND record_id = ?")) {
                delete.setString(1, type.entity());
                delete.setString(2, id);
                delete.executeUpdate();
            }
            for (String name : wanted) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO platform.record_share (entity, record_id, username) VALUES (?, ?, ?)")) {
                    insert.setString(1, type.entity());
                    insert.setString(2, id);
                    insert.setString(3, name);
                    insert.executeUpdate();
                }
            }
            List<String> after = shares(connection, id);
            if (!before.equals(after)) {
                AuditWriter.write(connection, actor, type.entity(), id, "SHARED",
                        Map.of("sharedWith", new FieldChange(before, after)));
            }
            return after;
        });
    }

    private List<String> shares(Connection connection, String id) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT username FROM platform.record_share "
                + "WHERE entity = ? AND record_id = ? ORDER BY username")) {
            select.setString(1, type.entity());
            select.setString(2, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * Empties the recycle bin of records deleted before a time: they, their search terms and shares are
     * gone for good; the audit log keeps their history and notes the purge.
     *
     * @return how many records were purged
     */
    public int purgeDeletedBefore(Instant before) {
        if (!softDelete) {
            return 0;
        }
        String actor = CurrentUser.get().username();
        return database.inTransaction(connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + type.table()
                    + " WHERE deleted_at IS NOT NULL AND deleted_at < ?")) {
                select.setTimestamp(1, Timestamp.from(before), utc());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            for (String id : ids) {
                Optional<T> stored = select(connection, id);
                if (stored.isPresent()) {
                    deleteTerms(connection, stored.get());
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM platform.record_share WHERE record_id = ? AND entity = ?")) {
                    delete.setString(1, id);
                    delete.setString(2, type.entity());
                    delete.executeUpdate();
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + type.table() + " WHERE id = ? AND deleted_at IS NOT NULL")) {
                    delete.setString(1, id);
                    delete.executeUpdate();
                }
                AuditWriter.write(connection, actor, type.entity(), id, "PURGED", Map.of());
            }
            if (!ids.isEmpty()) {
                RecordCounts.add(connection, type.entity(), 0, -ids.size());
            }
            return ids.size();
        });
    }

    /** Tables of entities restricted to their owners: entity name and owner column, by table. */
    private static final Map<String, String[]> RESTRICTED_TABLES = new java.util.concurrent.ConcurrentHashMap<>();

    /** @return whether the acting user may see the referenced record (always, unless its entity is restricted) */
    private boolean referenceVisible(Connection connection, String table, String id) throws SQLException {
        String[] target = RESTRICTED_TABLES.get(table.toLowerCase(java.util.Locale.ROOT));
        if (target == null) {
            return true;
        }
        RecordAccess.Scope scope;
        try {
            scope = access.scope(target[0], Action.READ);
        } catch (ProblemException forbidden) {
            return false;
        }
        if (scope.all()) {
            return true;
        }
        String owners = scope.owners().stream().map(o -> "?").collect(Collectors.joining(", "));
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? AND ("
                + target[1] + " IN (" + owners + ") OR id IN (SELECT record_id FROM platform.record_share"
                + " WHERE entity = ? AND username = ?))")) {
            int index = 1;
            select.setString(index++, id);
            for (String owner : scope.owners()) {
                select.setString(index++, owner);
            }
            select.setString(index++, target[0]);
            select.setString(index, scope.username());
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    return true;
                }
            }
        }
        access.denied(target[0], id, Action.READ);
        return false;
    }

    /**
     * A client may name an owner other than themselves only with the permission to reassign, and only
     * someone whose records they see.
     */
    private void checkOwner(RecordAccess.Scope scope, String owner, String actor) {
        if (owner == null || owner.equals(actor)) {
            return;
        }
        if (!scope.reassign() || !scope.owns(owner)) {
            access.denied(type.entity(), "*", Action.REASSIGN);
            throw new ProblemException(ProblemType.FORBIDDEN, "You may not give " + type.entity()
                    + " records to '" + owner + "'", "ownerId");
        }
    }

    /**
     * Derby's optimizer does not see that a page in index order needs no sort of the whole table; for
     * an unfiltered list in the order of an index on (column, id) it is told which index to read.
     */
    private String indexHint(String column) {
        if (database.dialect() != Database.Dialect.DERBY) {
            return "";
        }
        Map<String, String> indexes = orderIndexes;
        if (indexes == null) {
            indexes = database.inTransaction(this::findOrderIndexes);
            orderIndexes = indexes;
        }
        String index = indexes.get(column);
        return index == null ? "" : " --DERBY-PROPERTIES index=" + index + "\n";
    }

    private Map<String, String> findOrderIndexes(Connection connection) throws SQLException {
        String[] parts = type.table().toUpperCase(java.util.Locale.ROOT).split("\\.");
        Map<String, java.util.TreeMap<Short, String>> columnsByIndex = new HashMap<>();
        try (ResultSet rows = connection.getMetaData().getIndexInfo(null, parts[0], parts[1], false, false)) {
            while (rows.next()) {
                String index = rows.getString("INDEX_NAME");
                if (index != null) {
                    columnsByIndex.computeIfAbsent(index, i -> new java.util.TreeMap<>()).put(
                            rows.getShort("ORDINAL_POSITION"), rows.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        Map<String, String> byColumn = new HashMap<>();
        columnsByIndex.forEach((index, positions) -> {
            List<String> indexColumns = new ArrayList<>(positions.values());
            if (indexColumns.size() == 2 && indexColumns.get(1).equals("id")) {
                byColumn.putIfAbsent(indexColumns.get(0), index);
            }
        });
        return byColumn;
    }

    /**
     * Writes decimals the way the database gives them back ({@code 1250.50} as {@code 1250.5}), so the
     * record a write answers is byte for byte the one a later read answers under the same version.
     */
    private T normalised(T record) {
        Map<String, Object> decimals = new HashMap<>();
        for (RecordField field : type.fields()) {
            if (field.kind() == FieldKind.DECIMAL && field.valueOf(record) instanceof BigDecimal value) {
                decimals.put(field.name(), plain(value));
            }
        }
        return decimals.isEmpty() ? record : type.with(record, decimals);
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private List<String> scalarFields() {
        return type.fields().stream().filter(f -> f.kind().isScalar()).map(RecordField::name).toList();
    }

    private Object parse(RecordField field, String value) {
        try {
            return switch (field.kind()) {
                case TEXT -> value;
                case INTEGER -> Integer.valueOf(value);
                case LONG -> Long.valueOf(value);
                case DECIMAL -> new BigDecimal(value);
                case BOOLEAN -> switch (value) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException();
                };
                case DATE -> LocalDate.parse(value);
                case INSTANT -> Timestamp.from(Instant.parse(value));
                case ENUM -> enumName(field, value);
                case JSON -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw ProblemException.invalid(field.name(), "'" + value + "' is not a valid " + field.name());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String enumName(RecordField field, String value) {
        return Enum.valueOf((Class<Enum>) field.type(), value).name();
    }

    private int setAll(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            if (parameter instanceof Timestamp timestamp) {
                statement.setTimestamp(index++, timestamp, utc());
            } else if (parameter instanceof LocalDate date) {
                statement.setDate(index++, java.sql.Date.valueOf(date));
            } else {
                statement.setObject(index++, parameter);
            }
        }
        return index;
    }

    private Optional<T> select(Connection connection, String id) throws SQLException {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        try (PreparedStatement select = connection.prepareStatement(selectSql)) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private int bind(PreparedStatement statement, T record) throws SQLException {
        int index = 1;
        for (RecordField field : type.fields()) {
            Object value = field.valueOf(record);
            switch (field.kind()) {
                case TEXT -> statement.setString(index, (String) value);
                case INTEGER -> {
                    if (value == null) {
                        statement.setNull(index, Types.INTEGER);
                    } else {
                        statement.setInt(index, (Integer) value);
                    }
                }
                case LONG -> {
                    if (value == null) {
                        statement.setNull(index, Types.BIGINT);
                    } else {
                        statement.setLong(index, (Long) value);
                    }
                }
                case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
                case BOOLEAN -> {
                    if (value == null) {
                        statement.setNull(index, Types.BOOLEAN);
                    } else {
                        statement.setBoolean(index, (Boolean) value);
                    }
                }
                case DATE -> {
                    if (value == null) {
                        statement.setNull(index, Types.DATE);
                    } else {
                        statement.setDate(index, java.sql.Date.valueOf((LocalDate) value));
                    }
                }
                case INSTANT -> {
                    if (value == null) {
                        statement.setNull(index, Types.TIMESTAMP);
                    } else {
                        statement.setTimestamp(index, Timestamp.from((Instant) value), utc());
                    }
                }
                case ENUM -> statement.setString(index, value == null ? null : ((Enum<?>) value).name());
                case JSON -> {
                    String text = value == null ? null : json.writeString(value);
                    if (text != null && text.length() > MAX_JSON) {
                        throw ProblemException.invalid(field.name(), field.name() + " is too large");
                    }
                    statement.setString(index, text);
                }
            }
            index++;
        }
        return index;
    }

    private T read(ResultSet rows) throws SQLException {
        List<RecordField> fields = type.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            RecordField field = fields.get(i);
            int column = i + 1;
            values[i] = switch (field.kind()) {
                case TEXT -> rows.getString(column);
                case INTEGER -> {
                    int value = rows.getInt(column);
                    yield rows.wasNull() ? null : value;
                }
                case LONG -> {
                    long value = rows.getLong(column);
                    yield rows.wasNull() ? null : value;
                }
                case DECIMAL -> {
                    BigDecimal value = rows.getBigDecimal(column);
                    yield value == null ? null : plain(value);
                }
                case BOOLEAN -> {
                    boolean value = rows.getBoolean(column);
                    yield rows.wasNull() ? null : value;
                }
                case DATE -> {
                    java.sql.Date value = rows.getDate(column);
                    yield value == null ? null : value.toLocalDate();
                }
                case INSTANT -> {
                    Timestamp value = rows.getTimestamp(column, utc());
                    yield value == null ? null : value.toInstant();
                }
                case ENUM -> {
                    String value = rows.getString(column);
                    yield value == null ? null : enumConstant(field, value);
                }
                case JSON -> {
                    String value = rows.getString(column);
                    yield value == null ? null : json.readType(value, field.genericType());
                }
            };
        }
        return type.newInstance(values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(RecordField field, String name) {
        return Enum.valueOf((Class<Enum>) field.type(), name);
    }

    private void writeTerms(Connection connection, T record) throws SQLException {
        if (!searchable) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_TERM)) {
            addTerms(insert, record);
            insert.executeBatch();
        }
    }

    /**
     * Removes a stored record's search terms, each found by its whole key in the search index: there is no
     * index of terms by record, which would cost every term a second index entry (see platform V005).
     */
    private void deleteTerms(Connection connection, T stored) throws SQLException {
        if (!searchable) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_TERM)) {
            for (String term : SearchTerms.of(type, stored)) {
                bindTermKey(delete, 1, stored, term);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /** Binds the key of one of a stored record's search terms: entity, term, deleted, created at, record. */
    private void bindTermKey(PreparedStatement statement, int first, T stored, String term) throws SQLException {
        statement.setString(first, type.entity());
        statement.setString(first + 1, term);
        statement.setBoolean(first + 2, isDeleted(stored));
        statement.setTimestamp(first + 3, Timestamp.from((Instant) type.value(stored, "createdAt")), utc());
        statement.setString(first + 4, id(stored));
    }

    /** Adds the record's search terms to a batch of {@link #INSERT_TERM}. */
    private void addTerms(PreparedStatement insert, T record) throws SQLException {
        String id = id(record);
        Instant createdAt = (Instant) type.value(record, "createdAt");
        for (String term : SearchTerms.of(type, record)) {
            insert.setString(1, type.entity());
            insert.setString(2, id);
            insert.setString(3, term);
            if (createdAt == null) {
                insert.setNull(4, Types.TIMESTAMP);
            } else {
                insert.setTimestamp(4, Timestamp.from(createdAt), utc());
            }
            insert.setBoolean(5, isDeleted(record));
            insert.addBatch();
        }
    }

    /** Marks a stored record's search terms deleted or live, each found by its whole key. */
    private void markTerms(Connection connection, T stored, boolean deleted) throws SQLException {
        if (!searchable) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(MARK_TERM)) {
            for (String term : SearchTerms.of(type, stored)) {
                update.setBoolean(1, deleted);
                bindTermKey(update, 2, stored, term);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Rebuilds the entity's search terms when some lack what this version stores (after an upgrade). */
    private void reindexIfNeeded(Connection connection) throws SQLException {
        if (!searchable) {
            return;
        }
        try (PreparedStatement check = connection.prepareStatement(
                "SELECT COUNT(*) FROM platform.search_term WHERE entity = ? AND created_at IS NULL")) {
            check.setString(1, type.entity());
            try (ResultSet rows = check.executeQuery()) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return;
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM platform.search_term WHERE entity = ?")) {
            delete.setString(1, type.entity());
            delete.executeUpdate();
        }
        List<T> all = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + columns + " FROM " + type.table());
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                all.add(read(rows));
            }
        }
        for (T record : all) {
            writeTerms(connection, record);
        }
    }

    private Map<String, FieldChange> changes(T previous, T current) {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        for (RecordField field : type.fields()) {
            if (RecordType.NOT_AUDITED.contains(field.name())) {
                continue;
            }
            Object before = previous == null ? null : json.toPlain(field.valueOf(previous));
            Object after = json.toPlain(field.valueOf(current));
            if (previous == null && (after == null || after instanceof List<?> list && list.isEmpty())) {
                continue;
            }
            if (!Objects.equals(before, after)) {
                changes.put(field.name(), new FieldChange(before, after));
            }
        }
        return changes;
    }

    private void announce(String action, T previous, T current, String actor) {
        Map<String, Object> properties = new HashMap<>(rules.eventProperties(previous, current));
        properties.put(RecordEvents.ENTITY, type.entity());
        properties.put(RecordEvents.ID, id(current));
        properties.put(RecordEvents.VERSION, version(current));
        properties.put(RecordEvents.ACTOR, actor);
        if (previous != null) {
            properties.put(RecordEvents.FIELDS, changes(previous, current).keySet().toArray(new String[0]));
        }
        List<String> topics = new ArrayList<>();
        topics.add(RecordEvents.topic(type.entity(), action));
        if (!action.equals(RecordEvents.DELETED)) {
            topics.addAll(rules.extraTopics(previous, current));
        }
        // within a surrounding transaction (an import's batch), only once that commits
        SchemaDatabase.afterCommit(database.dataSource(), () -> topics.forEach(topic -> events.post(topic, properties)));
    }

    private ProblemException stale(String id, long currentVersion) {
        return new ProblemException(ProblemType.VERSION_CONFLICT, type.entity() + " " + id
                + " was changed by someone else and is now at version " + currentVersion
                + "; read it again and reapply your change", "If-Match");
    }

    private boolean isDeleted(T record) {
        return type.has("deletedAt") && type.value(record, "deletedAt") != null;
    }

    private String id(T record) {
        return (String) type.value(record, "id");
    }

    private long version(T record) {
        return ((Number) type.value(record, "version")).longValue();
    }

    /** A new UTC calendar per call: JDBC drivers (Derby) write into the calendar they are given. */
    private static Calendar utc() {
        return Calendar.getInstance(UTC);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

}
