package org.tesseracrm.plugin.warehouse.internal.data;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.RecordRules;

/**
 * The rules of a document, run inside the write transaction: only drafts are written through the records
 * API; kind and warehouse are fixed at creation; a transfer names another live warehouse; every line names
 * a live product and a positive quantity with at most four decimals; a receipt's lines have a cost. A new
 * document gets the next number of its warehouse and year.
 */
final class DocumentRules implements RecordRules<Document> {
    /** Largest quantity or price a line may have (DECIMAL(19, 4)). */
    static final BigDecimal MAX = new BigDecimal("999999999999999");
    /** Products whose existence one query checks. */
    private static final int PRODUCTS_PER_QUERY = 200;

    @Override
    public Document beforeWrite(Document previous, Document document, Connection connection) {
        try {
            if (previous != null) {
                if (previous.status() != DocumentStatus.DRAFT) {
                    throw ProblemException.conflict("Document " + previous.number() + " is " + previous.status()
                            + " and can no longer be edited; reverse it instead");
                }
                if (previous.kind() != document.kind()) {
                    throw ProblemException.invalid("kind", "The kind of a document cannot change");
                }
                if (!previous.warehouseId().equals(document.warehouseId())) {
                    throw ProblemException.invalid("warehouseId", "The warehouse of a document cannot change");
                }
            }
            if (document.status() != null && document.status() != DocumentStatus.DRAFT) {
                throw ProblemException.invalid("status",
                        "Documents are written as drafts; post with POST /documents/{id}/post");
            }
            checkWarehouse(connection, "warehouseId", document.warehouseId());
            if (document.kind() == DocumentKind.TRANSFER) {
                if (document.targetWarehouseId() == null) {
                    throw ProblemException.invalid("targetWarehouseId", "A transfer needs a target warehouse");
                }
                if (document.targetWarehouseId().equals(document.warehouseId())) {
                    throw ProblemException.invalid("targetWarehouseId",
                            "A transfer's target warehouse must differ from its warehouse");
                }
                checkWarehouse(connection, "targetWarehouseId", document.targetWarehouseId());
            } else if (document.targetWarehouseId() != null) {
                throw ProblemException.invalid("targetWarehouseId", "Only a transfer has a target warehouse");
            }
            List<DocumentLine> lines = document.lines() == null ? List.of() : document.lines();
            Set<String> liveProducts = liveProducts(connection, lines);
            for (int i = 0; i < lines.size(); i++) {
                checkLine(liveProducts, document.kind(), i, lines.get(i));
            }
            LocalDate postingDate = document.postingDate() != null ? document.postingDate()
                    : LocalDate.now(ZoneOffset.UTC);
            String number = previous != null ? previous.number()
                    : nextNumber(connection, document.warehouseId(), postingDate.getYear());
            return document.completed(number, postingDate, DocumentStatus.DRAFT, lines);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check document " + document.id(), e);
        }
    }

    /** @return which of the lines' products exist and are not deleted, read a few hundred at a time */
    private static Set<String> liveProducts(Connection connection, List<DocumentLine> lines) throws SQLException {
        List<String> wanted = lines.stream()
                .filter(line -> line != null && line.productId() != null && !line.productId().isBlank())
                .map(DocumentLine::productId).distinct().toList();
        Set<String> live = new HashSet<>();
        for (int from = 0; from < wanted.size(); from += PRODUCTS_PER_QUERY) {
            List<String> part = wanted.subList(from, Math.min(wanted.size(), from + PRODUCTS_PER_QUERY));
            String marks = String.join(", ", part.stream().map(id -> "?").toList());
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM core.product"
                    + " WHERE id IN (" + marks + ") AND deleted_at IS NULL")) {
                for (int i = 0; i < part.size(); i++) {
                    select.setString(i + 1, part.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        live.add(rows.getString(1));
                    }
                }
            }
        }
        return live;
    }

    private static void checkLine(Set<String> liveProducts, DocumentKind kind, int index, DocumentLine line) {
        String field = "lines[" + index + "]";
        if (line == null) {
            throw ProblemException.invalid(field, "A line cannot be empty");
        }
        if (line.productId() == null || line.productId().isBlank()) {
            throw ProblemException.invalid(field + ".productId", "Each line needs a productId");
        }
        if (!liveProducts.contains(line.productId())) {
            throw ProblemException.invalid(field + ".productId", "No product with id '" + line.productId() + "'");
        }
        // A count may find nothing on the shelf; every other line moves something.
        checkAmount(field + ".quantity", line.quantity(), kind != DocumentKind.INVENTORY);
        if (line.price() != null) {
            checkAmount(field + ".price", line.price(), false);
        } else if (kind == DocumentKind.RECEIPT) {
            throw ProblemException.invalid(field + ".price", "Each line of a receipt needs its unit cost (price)");
        }
    }

    /** Checks a quantity or price: present, positive (or zero when allowed), four decimals at most. */
    static void checkAmount(String field, BigDecimal value, boolean positive) {
        if (value == null) {
            throw ProblemException.invalid(field, field + " is required");
        }
        if (positive ? value.signum() <= 0 : value.signum() < 0) {
            throw ProblemException.invalid(field, field + (positive ? " must be more than 0" : " must not be negative"));
        }
        if (value.stripTrailingZeros().scale() > 4) {
            throw ProblemException.invalid(field, field + " may have at most 4 decimal places");
        }
        if (value.compareTo(MAX) > 0) {
            throw ProblemException.invalid(field, field + " is too large");
        }
    }

    private static void checkWarehouse(Connection connection, String field, String id) throws SQLException {
        if (!Ledger.exists(connection, "SELECT 1 FROM warehouse.warehouse WHERE id = ? AND deleted_at IS NULL", id)) {
            throw ProblemException.invalid(field, "No warehouse with id '" + id + "'");
        }
    }

    /**
     * Takes the next number of a warehouse and year, in the write transaction: the counter row stays locked
     * until it commits, so two documents never get the same number.
     */
    static String nextNumber(Connection connection, String warehouseId, int year) throws SQLException {
        int number;
        try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.document_counter"
                + " SET last_number = last_number + 1 WHERE warehouse_id = ? AND year_number = ?")) {
            update.setString(1, warehouseId);
            update.setInt(2, year);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO warehouse.document_counter"
                        + " (warehouse_id, year_number, last_number) VALUES (?, ?, 1)")) {
                    insert.setString(1, warehouseId);
                    insert.setInt(2, year);
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT last_number FROM warehouse.document_counter"
                + " WHERE warehouse_id = ? AND year_number = ?")) {
            select.setString(1, warehouseId);
            select.setInt(2, year);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                number = rows.getInt(1);
            }
        }
        return String.format("%d-%06d", year, number);
    }

}
