package org.tesseracrm.plugin.salon.internal.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.plugin.salon.internal.SalonSettings;

/**
 * The salon's appointments, stored in {@code salon.appointment}. {@link AppointmentRules} completes and
 * checks each write.
 */
@Component(service = Appointments.class)
public final class Appointments extends ForwardingRecords<Appointment> {

    /** Starts once schema {@code salon} is migrated. */
    @Activate
    public Appointments(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=salon)") Database database,
            @Reference SalonSettings settings) {
        super(stores.create(Appointment.class, database, new AppointmentRules(settings)));
    }

    /** Reads a service's duration in the write transaction: {@code null} when it has none. */
    static Integer serviceDuration(Connection connection, String serviceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT duration_minutes FROM salon.service WHERE id = ?")) {
            select.setString(1, serviceId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                int minutes = rows.getInt(1);
                return rows.wasNull() ? null : minutes;
            }
        }
    }
}
