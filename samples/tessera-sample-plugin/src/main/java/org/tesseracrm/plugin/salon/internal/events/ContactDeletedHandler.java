package org.tesseracrm.plugin.salon.internal.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.RecordEvents;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.plugin.salon.internal.data.Appointment;
import org.tesseracrm.plugin.salon.internal.data.AppointmentStatus;
import org.tesseracrm.plugin.salon.internal.data.Appointments;

/**
 * Reacts to a core event: when a contact is deleted, its booked appointments still to come are cancelled.
 * The change goes through {@link Appointments} as {@link TesseraUser#SYSTEM}, so it is versioned, audited
 * and announced like any other. Past appointments keep their status; restoring the contact does not book
 * anything again.
 */
// The topic as a plain service property: @EventTopics would also require the capability
// osgi.implementation=osgi.event, which Karaf's EventAdmin does not declare, and the bundle would not resolve.
@Component(property = EventConstants.EVENT_TOPIC + "=" + ContactDeletedHandler.TOPIC)
public final class ContactDeletedHandler implements EventHandler {
    /** The core's topic of a deleted contact. */
    public static final String TOPIC = "org/tesseracrm/contact/" + RecordEvents.DELETED;

    private static final Logger LOG = LoggerFactory.getLogger(ContactDeletedHandler.class);
    private static final int PAGE = 200;
    private static final int ATTEMPTS = 3;

    private final Appointments appointments;
    private final Clock clock;

    /** Cancels through the salon's appointments. */
    @Activate
    public ContactDeletedHandler(@Reference Appointments appointments) {
        this(appointments, Clock.systemUTC());
    }

    /** Cancels through the given appointments, telling "upcoming" by the given clock (for tests). */
    public ContactDeletedHandler(Appointments appointments, Clock clock) {
        this.appointments = appointments;
        this.clock = clock;
    }

    @Override
    public void handleEvent(Event event) {
        Object contactId = event.getProperty(RecordEvents.ID);
        if (!(contactId instanceof String id)) {
            return;
        }
        try (CurrentUser.Scope ignored = CurrentUser.enter(TesseraUser.SYSTEM)) {
            int cancelled = 0;
            for (String appointmentId : upcoming(id)) {
                if (cancel(appointmentId)) {
                    cancelled++;
                }
            }
            if (cancelled > 0) {
                LOG.info("Contact {} was deleted: cancelled {} upcoming appointment(s)", id, cancelled);
            }
        }
    }

    /** @return the ids of the contact's booked appointments that have not started yet */
    private List<String> upcoming(String contactId) {
        Instant now = clock.instant();
        Query query = new Query(0, PAGE, "startsAt", false, Map.of(), null, false)
                .where("contactId", contactId).where("status", AppointmentStatus.BOOKED.name());
        List<String> ids = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            Page<Appointment> page = appointments.list(query.page(offset, PAGE));
            for (Appointment appointment : page.items()) {
                if (appointment.startsAt().isAfter(now)) {
                    ids.add(appointment.id());
                }
            }
            if (offset + PAGE >= page.total()) {
                return ids;
            }
        }
    }

    /** Cancels one appointment, reading it again if someone changed it meanwhile. */
    private boolean cancel(String id) {
        for (int attempt = 1;; attempt++) {
            Appointment current = appointments.find(id).orElse(null);
            if (current == null || current.status() != AppointmentStatus.BOOKED) {
                return false; // deleted or changed by someone meanwhile: leave it as they decided
            }
            try {
                appointments.update(id, current.version(), current.withStatus(AppointmentStatus.CANCELLED));
                return true;
            } catch (ProblemException e) {
                if (e.type() != ProblemType.VERSION_CONFLICT || attempt == ATTEMPTS) {
                    LOG.warn("Could not cancel appointment {} of a deleted contact: {}", id, e.getMessage());
                    return false;
                }
            }
        }
    }
}
