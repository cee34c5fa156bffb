package org.tesseracrm.plugin.warehouse.internal.deals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.DealLine;
import org.tesseracrm.api.crm.Deals;
import org.tesseracrm.api.crm.Pipelines;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.plugin.warehouse.internal.data.Document;
import org.tesseracrm.plugin.warehouse.internal.data.DocumentKind;
import org.tesseracrm.plugin.warehouse.internal.data.DocumentLine;
import org.tesseracrm.plugin.warehouse.internal.data.Ledger;
import org.tesseracrm.plugin.warehouse.internal.data.LowStock;
import org.tesseracrm.plugin.warehouse.internal.deals.DealReservation.Line;
import org.tesseracrm.plugin.warehouse.internal.deals.DealReservation.Status;

/**
 * Keeps a deal's reservation in step with the deal ({@code warehouse.deal_reservation} and its lines).
 * {@link #reconcile} reads the deal as it is now and:
 * <ul>
 * <li>in an open stage configured as "reserve", with nothing held yet (or released before): reserves its
 *     lines' products in that stage's warehouse — as much as is available of each, in one transaction;</li>
 * <li>lost, or deleted: releases what it holds;</li>
 * <li>won, holding stock, and its reserve stage says {@code shipWhenWon}: ships what it holds (a posted
 *     shipment that consumes the reservation, in one transaction).</li>
 * </ul>
 * A deal moved on from the reserve stage to a later open stage keeps its reservation. When a reserved deal's
 * lines change (another quantity, a product added or removed), its reservation follows them.
 */
@Component(service = DealReservations.class)
public final class DealReservations {
    private static final Logger LOG = LoggerFactory.getLogger(DealReservations.class);
    private static final String HEADER = "SELECT deal_id, warehouse_id, stage_id, ship_when_won, status, shipment_id,"
            + " note, updated_at FROM warehouse.deal_reservation";

    private final Database database;
    private final Deals deals;
    private final Pipelines pipelines;
    private final ReservationStages stages;
    private final Ledger ledger;
    private final LowStock lowStock;

    /** Starts once schema {@code warehouse} is migrated. */
    @Activate
    public DealReservations(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=warehouse)") Database database,
            @Reference Deals deals, @Reference Pipelines pipelines, @Reference ReservationStages stages,
            @Reference Ledger ledger, @Reference LowStock lowStock) {
        this.database = database;
        this.deals = deals;
        this.pipelines = pipelines;
        this.stages = stages;
        this.ledger = ledger;
        this.lowStock = lowStock;
    }

    /**
     * Brings the deal's reservation in step with the deal as it is now (see the class comment). Safe to call
     * any number of times.
     *
     * @return the deal's reservation after that, if it has one
     */
    public Optional<DealReservation> reconcile(String dealId) {
        Optional<Deal> found = deals.find(dealId);
        Optional<DealReservation> held = find(dealId);
        Status status = held.map(DealReservation::status).orElse(null);
        if (found.isEmpty()) {
            if (status == Status.RESERVED) {
                release(dealId, "the deal was deleted");
            }
            return find(dealId);
        }
        Deal deal = found.get();
        Stage stage = pipelines.find(deal.pipelineId()).map(p -> p.stage(deal.stageId())).orElse(null);
        if (stage == null) {
            return held;
        }
        if (stage.kind() == StageKind.LOST) {
            if (status == Status.RESERVED) {
                release(dealId, "the deal was lost");
            }
        } else if (stage.kind() == StageKind.WON) {
            if (status == Status.RESERVED && held.get().shipWhenWon()) {
                try {
                    ship(dealId);
                } catch (ProblemException refused) {
                    note(dealId, "Could not ship the won deal: " + refused.getMessage());
                    LOG.warn("Could not ship won deal {}: {}", dealId, refused.getMessage());
                }
            }
        } else if (status == null || status == Status.RELEASED) {
            stages.forStage(deal.pipelineId(), deal.stageId()).ifPresent(setting -> reserve(deal, setting));
        } else if (status == Status.RESERVED && !wanted(deal).equals(requested(held.get()))) {
            follow(deal, held.get());
        }
        return find(dealId);
    }

    /** @return what the deal's lines ask for, per product, sorted (rows are locked in one order) */
    private static Map<String, BigDecimal> wanted(Deal deal) {
        Map<String, BigDecimal> wanted = new TreeMap<>();
        for (DealLine line : deal.lines() == null ? List.<DealLine>of() : deal.lines()) {
            if (line != null && line.productId() != null && line.quantity() != null && line.quantity().signum() > 0) {
                wanted.merge(line.productId(), line.quantity().setScale(4, RoundingMode.HALF_UP), BigDecimal::add);
            }
        }
        return wanted;
    }

    /** @return what a reservation was made for, per product */
    private static Map<String, BigDecimal> requested(DealReservation held) {
        Map<String, BigDecimal> requested = new TreeMap<>();
        for (Line line : held.lines()) {
            requested.put(line.productId(), line.requested().setScale(4, RoundingMode.HALF_UP));
        }
        return requested;
    }

    /**
     * Follows a reserved deal whose lines changed: in one transaction, what it holds is given back and its
     * lines are reserved anew in the same warehouse (as much as is available), so stock it held stays its
     * own — nobody can take it between the two steps.
     */
    private void follow(Deal deal, DealReservation held) {
        Map<String, BigDecimal> wanted = wanted(deal);
        wanted.keySet().forEach(productId -> ledger.ensureStockRow(held.warehouseId(), productId));
        boolean followed = database.inTransaction(connection -> {
            // locks the header: a release or shipment by hand waits, or has happened and this does nothing
            if (!changeStatus(connection, deal.id(), Status.RESERVED, Status.RESERVED, null, null)) {
                return false;
            }
            DealReservation now = withLines(connection, header(connection, deal.id()));
            for (Line line : now.lines()) {
                if (line.reserved().signum() > 0) {
                    ledger.releaseUpTo(connection, now.warehouseId(), line.productId(), line.reserved());
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM warehouse.deal_reservation_line WHERE deal_id = ?")) {
                delete.setString(1, deal.id());
                delete.executeUpdate();
            }
            reserveLines(connection, deal.id(), now.warehouseId(), wanted);
            return true;
        });
        if (followed) {
            List<String> products = new ArrayList<>(wanted.keySet());
            held.lines().stream().map(Line::productId).filter(p -> !wanted.containsKey(p)).forEach(products::add);
            lowStock.check(products);
            LOG.info("Deal {} changed its lines: its reservation in warehouse {} follows them", deal.id(),
                    held.warehouseId());
        }
    }

    /** Reserves the deal's products in the setting's warehouse: as much of each as is available. */
    private void reserve(Deal deal, ReservationStage setting) {
        Map<String, BigDecimal> wanted = wanted(deal);
        if (wanted.isEmpty()) {
            return;
        }
        wanted.keySet().forEach(productId -> ledger.ensureStockRow(setting.warehouseId(), productId));
        database.inTransaction(connection -> {
            if (!claim(connection, deal.id(), setting)) {
                return null; // reserved meanwhile by another call
            }
            reserveLines(connection, deal.id(), setting.warehouseId(), wanted);
            return null;
        });
        lowStock.check(wanted.keySet());
        LOG.info("Deal {} reached reserve stage {}: reserved its products in warehouse {}", deal.id(),
                setting.stageId(), setting.warehouseId());
    }

    /** Reserves as much of each product as is available and writes the deal's reservation lines. */
    private void reserveLines(Connection connection, String dealId, String warehouseId, Map<String, BigDecimal> wanted)
            throws SQLException {
        for (Map.Entry<String, BigDecimal> entry : wanted.entrySet()) {
            BigDecimal reserved = ledger.reserveAvailable(connection, warehouseId, entry.getKey(), entry.getValue());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO"
                    + " warehouse.deal_reservation_line (deal_id, product_id, requested, reserved) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, dealId);
                insert.setString(2, entry.getKey());
                insert.setBigDecimal(3, entry.getValue());
                insert.setBigDecimal(4, reserved);
                insert.executeUpdate();
            }
        }
    }

    /** Makes the header RESERVED for this setting; @return false when the deal holds stock already. */
    private static boolean claim(Connection connection, String dealId, ReservationStage setting) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.deal_reservation"
                + " SET warehouse_id = ?, stage_id = ?, ship_when_won = ?, status = ?, shipment_id = NULL, note = NULL,"
                + " updated_at = ? WHERE deal_id = ? AND status = ?")) {
            update.setString(1, setting.warehouseId());
            update.setString(2, setting.stageId());
            update.setBoolean(3, setting.ships());
            update.setString(4, Status.RESERVED.name());
            update.setTimestamp(5, now(), utc());
            update.setString(6, dealId);
            update.setString(7, Status.RELEASED.name());
            if (update.executeUpdate() == 1) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM warehouse.deal_reservation_line WHERE deal_id = ?")) {
                    delete.setString(1, dealId);
                    delete.executeUpdate();
                }
                return true;
            }
        }
        if (header(connection, dealId) != null) {
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO warehouse.deal_reservation"
                + " (deal_id, warehouse_id, stage_id, ship_when_won, status, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, dealId);
            insert.setString(2, setting.warehouseId());
            insert.setString(3, setting.stageId());
            insert.setBoolean(4, setting.ships());
            insert.setString(5, Status.RESERVED.name());
            insert.setTimestamp(6, now(), utc());
            insert.executeUpdate();
        }
        return true;
    }

    /**
     * Releases what a deal holds (whatever of it is still reserved in the warehouse).
     *
     * @return the reservation after that
     * @throws ProblemException NOT_FOUND when the deal never reserved; CONFLICT when it holds nothing
     */
    public DealReservation release(String dealId, String why) {
        DealReservation held = require(dealId);
        if (held.status() != Status.RESERVED) {
            throw ProblemException.conflict("Deal " + dealId + " holds no stock: its reservation is " + held.status());
        }
        database.inTransaction(connection -> {
            if (!changeStatus(connection, dealId, Status.RESERVED, Status.RELEASED, null, why)) {
                throw ProblemException.conflict("Deal " + dealId + "'s reservation was changed meanwhile; read it again");
            }
            // the lines as they are now that the header is locked (the deal's lines may have been followed)
            for (Line line : withLines(connection, header(connection, dealId)).lines()) {
                if (line.reserved().signum() > 0) {
                    ledger.releaseUpTo(connection, held.warehouseId(), line.productId(), line.reserved());
                }
            }
            return null;
        });
        lowStock.check(held.lines().stream().map(Line::productId).toList());
        LOG.info("Released the stock held by deal {}: {}", dealId, why);
        return require(dealId);
    }

    /**
     * Ships what a won deal holds: one posted shipment of the reserved quantities, which consumes the
     * reservation in the same transaction.
     *
     * @return the reservation, {@code SHIPPED}, naming the shipment
     * @throws ProblemException NOT_FOUND when the deal never reserved; CONFLICT when the deal is not won or
     *                          holds nothing
     */
    public DealReservation ship(String dealId) {
        DealReservation held = require(dealId);
        if (held.status() != Status.RESERVED) {
            throw ProblemException.conflict("Deal " + dealId + " holds no stock to ship: its reservation is "
                    + held.status());
        }
        Deal deal = deals.get(dealId);
        Stage stage = pipelines.find(deal.pipelineId()).map(p -> p.stage(deal.stageId())).orElse(null);
        if (stage == null || stage.kind() != StageKind.WON) {
            throw ProblemException.conflict("Deal '" + deal.title() + "' is not won; only a won deal is shipped");
        }
        List<DocumentLine> lines = held.lines().stream().filter(line -> line.reserved().signum() > 0)
                .map(line -> new DocumentLine(line.productId(), line.reserved(), null)).toList();
        if (lines.isEmpty()) {
            throw ProblemException.conflict("Deal '" + deal.title() + "' holds no stock to ship");
        }
        // created and posted at once: a refused shipment leaves no draft behind and uses no number
        Document shipment = ledger.createPosted(Document.draft(DocumentKind.SHIPMENT, held.warehouseId(), null, null,
                lines).withNotes("Deal '" + deal.title() + "' (" + dealId + ")"), created -> connection -> {
                    if (!changeStatus(connection, dealId, Status.RESERVED, Status.SHIPPED, created.id(), null)
                            || !withLines(connection, header(connection, dealId)).lines().equals(held.lines())) {
                        throw ProblemException.conflict("Deal " + dealId + "'s reservation was changed meanwhile");
                    }
                    for (DocumentLine line : lines) {
                        ledger.release(connection, held.warehouseId(), line.productId(), line.quantity());
                    }
                    return null;
                });
        LOG.info("Won deal {} shipped as document {}", dealId, shipment.id());
        return require(dealId);
    }

    private void note(String dealId, String note) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE warehouse.deal_reservation SET note = ?, updated_at = ? WHERE deal_id = ?")) {
                update.setString(1, note.length() > 1000 ? note.substring(0, 1000) : note);
                update.setTimestamp(2, now(), utc());
                update.setString(3, dealId);
                update.executeUpdate();
            }
            return null;
        });
    }

    private static boolean changeStatus(Connection connection, String dealId, Status from, Status to,
            String shipmentId, String note) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.deal_reservation"
                + " SET status = ?, shipment_id = ?, note = ?, updated_at = ? WHERE deal_id = ? AND status = ?")) {
            update.setString(1, to.name());
            update.setString(2, shipmentId);
            update.setString(3, note);
            update.setTimestamp(4, now(), utc());
            update.setString(5, dealId);
            update.setString(6, from.name());
            return update.executeUpdate() == 1;
        }
    }

    /** @return the deal's reservation; NOT_FOUND when it never reserved */
    public DealReservation require(String dealId) {
        return find(dealId).orElseThrow(() -> ProblemException.notFound("deal_reservation", dealId));
    }

    /** @return the deal's reservation, if it ever reserved */
    public Optional<DealReservation> find(String dealId) {
        return Optional.ofNullable(database.inTransaction(connection -> {
            DealReservation header = header(connection, dealId);
            return header == null ? null : withLines(connection, header);
        }));
    }

    /**
     * @param status only reservations in this status, or {@code null} for all
     * @return reservations, most recently changed first
     */
    public List<DealReservation> list(Status status, int offset, int limit) {
        return database.inTransaction(connection -> {
            List<DealReservation> headers = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(HEADER
                    + (status == null ? "" : " WHERE status = ?")
                    + " ORDER BY updated_at DESC, deal_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int next = 1;
                if (status != null) {
                    select.setString(next++, status.name());
                }
                select.setInt(next++, offset);
                select.setInt(next, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        headers.add(header(rows));
                    }
                }
            }
            List<DealReservation> result = new ArrayList<>();
            for (DealReservation header : headers) {
                result.add(withLines(connection, header));
            }
            return result;
        });
    }

    private static DealReservation header(Connection connection, String dealId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(HEADER + " WHERE deal_id = ?")) {
            select.setString(1, dealId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? header(rows) : null;
            }
        }
    }

    private static DealReservation header(ResultSet rows) throws SQLException {
        return new DealReservation(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4),
                Status.valueOf(rows.getString(5)), rows.getString(6), rows.getString(7),
                rows.getTimestamp(8, utc()).toInstant(), List.of());
    }

    private static DealReservation withLines(Connection connection, DealReservation header) throws SQLException {
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT product_id, requested, reserved"
                + " FROM warehouse.deal_reservation_line WHERE deal_id = ? ORDER BY product_id")) {
            select.setString(1, header.dealId());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    lines.add(new Line(rows.getString(1), rows.getBigDecimal(2), rows.getBigDecimal(3)));
                }
            }
        }
        return new DealReservation(header.dealId(), header.warehouseId(), header.stageId(), header.shipWhenWon(),
                header.status(), header.shipmentId(), header.note(), header.updatedAt(), List.copyOf(lines));
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
