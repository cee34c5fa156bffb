package org.tesseracrm.plugin.warehouse.internal.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordStores;

/**
 * The warehouse documents, stored in {@code warehouse.document}. Drafts are created, edited and deleted
 * here ({@link DocumentRules} checks them); posted and reversed documents are never edited or deleted —
 * {@link Ledger} posts and reverses.
 */
@Component(service = Documents.class)
public final class Documents extends ForwardingRecords<Document> {
    private final Database database;
    /** Number counters known to exist ({@code <warehouse>/<year>}): counters are never deleted. */
    private final Set<String> knownCounters = ConcurrentHashMap.newKeySet();

    /** Starts once schema {@code warehouse} is migrated. */
    @Activate
    public Documents(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=warehouse)") Database database) {
        super(stores.create(Document.class, database, new DocumentRules()));
        this.database = database;
    }

    /** Creates a draft, numbered in its warehouse and year ({@link #prepareNumbering} first). */
    @Override
    public Document create(Document document) {
        prepareNumbering(document);
        return super.create(document);
    }

    /**
     * Makes sure the number counter of a new document's warehouse and year exists, in a transaction of its
     * own (when the caller is in none), so that two first documents of a year never race to insert it
     * inside their own transactions. Once a counter is known to exist this costs nothing; should it be gone
     * after all (after a restore), the document's own transaction creates it.
     */
    void prepareNumbering(Document document) {
        if (document == null || document.warehouseId() == null) {
            return; // the rules refuse it
        }
        int year = (document.postingDate() != null ? document.postingDate() : LocalDate.now(ZoneOffset.UTC)).getYear();
        String counter = document.warehouseId() + "/" + year;
        if (knownCounters.contains(counter)) {
            return;
        }
        try {
            database.inTransaction(connection -> {
                if (!counterExists(connection, document.warehouseId(), year)) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO"
                            + " warehouse.document_counter (warehouse_id, year_number, last_number) VALUES (?, ?, 0)")) {
                        insert.setString(1, document.warehouseId());
                        insert.setInt(2, year);
                        insert.executeUpdate();
                    }
                }
                return null;
            });
        } catch (ProblemException duplicate) {
            if (duplicate.type() != ProblemType.CONFLICT) {
                throw duplicate;
            }
            // created by a concurrent first document: it exists now
        }
        knownCounters.add(counter);
    }

    private static boolean counterExists(Connection connection, String warehouseId, int year) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM warehouse.document_counter WHERE warehouse_id = ? AND year_number = ?")) {
            select.setString(1, warehouseId);
            select.setInt(2, year);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Deletes a draft; a posted or reversed document stays (it is part of the stock history). */
    @Override
    public void delete(String id, Long expectedVersion) {
        Document document = get(id);
        if (document.status() != DocumentStatus.DRAFT) {
            throw ProblemException.conflict("Document " + document.number() + " is " + document.status()
                    + " and cannot be deleted; reverse it instead");
        }
        super.delete(id, expectedVersion);
    }
}
