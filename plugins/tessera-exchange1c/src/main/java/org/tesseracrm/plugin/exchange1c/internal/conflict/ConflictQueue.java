package org.tesseracrm.plugin.exchange1c.internal.conflict;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.crm.Companies;
import org.tesseracrm.api.crm.Company;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.security.CurrentUser;

/**
 * Counterparties from 1C the importer could not match safely (several companies with their INN and KPP,
 * or one of the same name without INN), waiting for an operator: link the counterparty to a company, or
 * create a company for it. Either way the counterparty's Ид is linked for good, so its next import updates
 * that company instead of asking again.
 */
@Component(service = ConflictQueue.class)
public final class ConflictQueue {
    /** A counterparty waiting for (or resolved by) an operator. */
    public record Conflict(String connection, String counterpartyId, String name, String inn, String kpp,
            String reason, List<String> candidates, Instant createdAt, Instant resolvedAt, String companyId,
            String resolvedBy) { }

    private static final String COLUMNS = "connection_id, id_1c, name, inn, kpp, reason, candidates, created_at, "
            + "resolved_at, company_id, resolved_by";

    private final Database database;
    private final Companies companies;

    /** Reads and resolves the conflicts of schema {@code exchange1c}. */
    @Activate
    public ConflictQueue(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=exchange1c)") Database database,
            @Reference Companies companies) {
        this.database = database;
        this.companies = companies;
    }

    /**
     * Lists conflicts, oldest first.
     *
     * @param connection only this connection's, or all when {@code null}
     * @param resolved   resolved ones ({@code true}), open ones ({@code false}), or both ({@code null})
     */
    public Page<Conflict> list(String connection, Boolean resolved, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE kind = 'counterparty'");
        if (connection != null) {
            where.append(" AND connection_id = ?");
        }
        if (resolved != null) {
            where.append(resolved ? " AND resolved_at IS NOT NULL" : " AND resolved_at IS NULL");
        }
        return database.inTransaction(sql -> {
            long total;
            try (PreparedStatement count = sql.prepareStatement("SELECT COUNT(*) FROM exchange1c.conflict" + where)) {
                if (connection != null) {
                    count.setString(1, connection);
                }
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Conflict> items = new ArrayList<>();
            try (PreparedStatement select = sql.prepareStatement("SELECT " + COLUMNS + " FROM exchange1c.conflict"
                    + where + " ORDER BY created_at, connection_id, id_1c OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = 1;
                if (connection != null) {
                    select.setString(i++, connection);
                }
                select.setInt(i++, offset);
                select.setInt(i, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        items.add(conflict(row));
                    }
                }
            }
            return new Page<>(items, total, offset, limit);
        });
    }

    /** @return the conflict of a counterparty, if there is one */
    public Optional<Conflict> find(String connection, String counterpartyId) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT " + COLUMNS + " FROM exchange1c.conflict "
                    + "WHERE connection_id = ? AND kind = 'counterparty' AND id_1c = ?")) {
                select.setString(1, connection);
                select.setString(2, counterpartyId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(conflict(row)) : Optional.<Conflict>empty();
                }
            }
        });
    }

    /**
     * Resolves an open conflict: links the counterparty to an existing company, or to a new one made from
     * what 1C sent.
     *
     * @param companyId the company to link to, or {@code null} to create one
     * @return the resolved conflict
     * @throws ProblemException NOT_FOUND for an unknown conflict, CONFLICT when already resolved,
     *                          INVALID_FIELD ({@code companyId}) for an unknown company
     */
    public Conflict resolve(String connection, String counterpartyId, String companyId) {
        Conflict conflict = find(connection, counterpartyId)
                .orElseThrow(() -> ProblemException.notFound("conflict", connection + "/" + counterpartyId));
        if (conflict.resolvedAt() != null) {
            throw ProblemException.conflict("The conflict of counterparty " + counterpartyId
                    + " was already resolved by " + conflict.resolvedBy());
        }
        String company;
        if (companyId != null) {
            if (companies.find(companyId).isEmpty()) {
                throw ProblemException.invalid("companyId", "No company with id '" + companyId + "'");
            }
            company = companyId;
        } else {
            company = companies.create(new Company(null, null, conflict.name(), null, conflict.inn(), conflict.kpp(),
                    List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null, null, null)).id();
        }
        Timestamp now = Timestamp.from(Instant.now());
        String user = CurrentUser.get().username();
        database.inTransaction(sql -> {
            try (PreparedStatement resolve = sql.prepareStatement("UPDATE exchange1c.conflict SET resolved_at = ?, "
                    + "company_id = ?, resolved_by = ? WHERE connection_id = ? AND kind = 'counterparty' AND id_1c = ? "
                    + "AND resolved_at IS NULL")) {
                resolve.setTimestamp(1, now);
                resolve.setString(2, company);
                resolve.setString(3, user);
                resolve.setString(4, connection);
                resolve.setString(5, counterpartyId);
                if (resolve.executeUpdate() == 0) {
                    throw ProblemException.conflict("The conflict of counterparty " + counterpartyId
                            + " was resolved by someone else meanwhile");
                }
            }
            try (PreparedStatement update = sql.prepareStatement("UPDATE exchange1c.exchange_object SET record_id = ?, "
                    + "hash = '', updated_at = ? WHERE connection_id = ? AND kind = 'counterparty' AND id_1c = ?")) {
                update.setString(1, company);
                update.setTimestamp(2, now);
                update.setString(3, connection);
                update.setString(4, counterpartyId);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            // an empty digest: the counterparty's next import applies 1C's data to the linked company
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO exchange1c.exchange_object "
                    + "(connection_id, kind, id_1c, record_id, name, hash, deleted, updated_at) "
                    + "VALUES (?, 'counterparty', ?, ?, ?, '', ?, ?)")) {
                insert.setString(1, connection);
                insert.setString(2, counterpartyId);
                insert.setString(3, company);
                insert.setString(4, conflict.name());
                insert.setBoolean(5, false);
                insert.setTimestamp(6, now);
                insert.executeUpdate();
            }
            return null;
        });
        return find(connection, counterpartyId).orElseThrow();
    }

    private static Conflict conflict(ResultSet row) throws java.sql.SQLException {
        String candidates = row.getString(7);
        Timestamp resolved = row.getTimestamp(9);
        return new Conflict(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6),
                candidates == null || candidates.isEmpty() ? List.of() : Arrays.asList(candidates.split(",")),
                row.getTimestamp(8).toInstant(), resolved == null ? null : resolved.toInstant(), row.getString(10),
                row.getString(11));
    }
}
