package org.tesseracrm.plugin.salon.internal.data;

import java.sql.Connection;
import java.sql.SQLException;

import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.plugin.salon.internal.SalonSettings;

/**
 * The rules of an appointment, run by Records inside the write transaction: its service and client must
 * exist when they are set or changed; a missing duration is the service's, else the configured default;
 * a missing status is {@link AppointmentStatus#BOOKED}.
 */
final class AppointmentRules implements RecordRules<Appointment> {
    private final SalonSettings settings;

    AppointmentRules(SalonSettings settings) {
        this.settings = settings;
    }

    @Override
    public Appointment beforeWrite(Appointment previous, Appointment appointment, Connection connection) {
        try {
            References.checkChanged(connection, "salon.service", "serviceId",
                    previous == null ? null : previous.serviceId(), appointment.serviceId());
            References.checkChanged(connection, "core.contact", "contactId",
                    previous == null ? null : previous.contactId(), appointment.contactId());
            Appointment completed = appointment;
            if (completed.durationMinutes() == null) {
                Integer serviceDuration = Appointments.serviceDuration(connection, appointment.serviceId());
                completed = completed.withDurationMinutes(
                        serviceDuration != null ? serviceDuration : settings.defaultDurationMinutes());
            }
            if (completed.status() == null) {
                completed = completed.withStatus(AppointmentStatus.BOOKED);
            }
            return completed;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check appointment " + appointment.id(), e);
        }
    }
}
