package org.tesseracrm.plugin.salon.internal.kpi;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.TimeZone;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.plugin.salon.internal.data.AppointmentStatus;
import org.tesseracrm.spi.kpi.KpiMetric;

/**
 * {@value #ID}: how many appointments were held (status {@code HELD}) with a start in the period, one
 * count query. Days run in the server's time zone.
 */
@Component
public final class AppointmentsHeldMetric implements KpiMetric {
    /** The metric's id. */
    public static final String ID = "salon.appointments";

    private static final String COUNT = "SELECT COUNT(*) FROM salon.appointment"
            + " WHERE status = ? AND starts_at >= ? AND starts_at < ? AND deleted_at IS NULL";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final Database database;
    private final ZoneId zone;

    /** Measures in schema {@code salon}, days in the server's time zone. */
    @Activate
    public AppointmentsHeldMetric(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=salon)") Database database) {
        this(database, ZoneId.systemDefault());
    }

    /** Measures with days in the given zone (tests, and salons in another zone than the server). */
    public AppointmentsHeldMetric(Database database, ZoneId zone) {
        this.database = database;
        this.zone = zone;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Appointments held";
    }

    @Override
    public String unit() {
        return "count";
    }

    @Override
    public BigDecimal measure(LocalDate from, LocalDate to, String ownerId) {
        Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
        String sql = ownerId == null ? COUNT : COUNT + " AND owner_id = ?";
        return database.inTransaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement(sql)) {
                count.setString(1, AppointmentStatus.HELD.name());
                // timestamps are stored in UTC, as Records writes them
                count.setTimestamp(2, start, Calendar.getInstance(UTC));
                count.setTimestamp(3, end, Calendar.getInstance(UTC));
                if (ownerId != null) {
                    count.setString(4, ownerId);
                }
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return BigDecimal.valueOf(rows.getLong(1));
                }
            }
        });
    }
}
