package org.tesseracrm.plugin.salon.internal.data;

import java.time.Instant;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Range;
import org.tesseracrm.api.data.Required;

/**
 * A client's appointment for one service at one time. Stored in {@code salon.appointment}.
 *
 * <p>{@code serviceId} and {@code contactId} must name live records when they are set or changed
 * ({@link AppointmentRules} checks them). They are not declared with {@code @RefersTo}, which checks
 * every reference on every write: then an appointment of a deleted contact could no longer be cancelled.
 *
 * @param id              server-assigned, opaque
 * @param version         optimistic-locking version, server-assigned
 * @param serviceId       the booked {@link SalonService} (required)
 * @param contactId       the client: a core contact's id (required)
 * @param startsAt        when it starts (required)
 * @param durationMinutes how long it takes; the service's duration when omitted
 * @param status          {@link AppointmentStatus#BOOKED} when omitted
 * @param notes           free text
 * @param ownerId         the employee who serves the client (defaults to who booked it)
 * @param createdAt       server-assigned
 * @param createdBy       server-assigned
 * @param updatedAt       server-assigned
 * @param updatedBy       server-assigned
 * @param deletedAt       when moved to the recycle bin, or {@code null}
 */
@Entity(name = Appointment.ENTITY, table = "salon.appointment")
public record Appointment(
        String id,
        Long version,
        @Required @MaxLength(36) String serviceId,
        @Required @MaxLength(36) String contactId,
        @Required Instant startsAt,
        @Range(min = 5, max = 720) Integer durationMinutes,
        AppointmentStatus status,
        @MaxLength(4000) String notes,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** The entity name in events and audit. */
    public static final String ENTITY = "salon_appointment";

    /** A new appointment: a client, a service, a time; duration and status are completed by the rules. */
    public static Appointment of(String serviceId, String contactId, Instant startsAt) {
        return new Appointment(null, null, serviceId, contactId, startsAt, null, null, null, null, null, null, null,
                null, null);
    }

    /** @return a copy in another status */
    public Appointment withStatus(AppointmentStatus newStatus) {
        return new Appointment(id, version, serviceId, contactId, startsAt, durationMinutes, newStatus, notes,
                ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }

    /** @return a copy with another duration */
    public Appointment withDurationMinutes(Integer newDurationMinutes) {
        return new Appointment(id, version, serviceId, contactId, startsAt, newDurationMinutes, status, notes,
                ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }

    /** @return a copy with notes */
    public Appointment withNotes(String newNotes) {
        return new Appointment(id, version, serviceId, contactId, startsAt, durationMinutes, status, newNotes,
                ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }
}
