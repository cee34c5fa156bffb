package org.tesseracrm.plugin.salon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.audit.AuditEntry;
import org.tesseracrm.api.audit.AuditEntry.FieldChange;
import org.tesseracrm.api.crm.Contact;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.RecordEvents;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.core.internal.service.ContactService;
import org.tesseracrm.platform.internal.audit.AuditLogService;
import org.tesseracrm.platform.internal.db.SchemaMigrator;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.plugin.salon.internal.data.Appointment;
import org.tesseracrm.plugin.salon.internal.data.AppointmentStatus;
import org.tesseracrm.plugin.salon.internal.data.Appointments;
import org.tesseracrm.plugin.salon.internal.data.SalonService;
import org.tesseracrm.plugin.salon.internal.data.SalonServices;
import org.tesseracrm.plugin.salon.internal.events.ContactDeletedHandler;
import org.tesseracrm.plugin.salon.internal.kpi.AppointmentsHeldMetric;
import org.tesseracrm.testing.DatabaseContract;
import org.tesseracrm.testing.TestDatabase;

/**
 * What the salon plugin promises on every supported database, through its real components over the real
 * platform store and the core's real contacts: migrations of schema {@code salon}, defaults from the live
 * setting, references that must exist, the reaction to a deleted contact (as the system, audited), and
 * the "appointments held" metric. Subclasses say which database. Each test acts as a user of its own.
 */
abstract class SalonContract extends DatabaseContract {

    private SalonSettings settings;
    private ContactService contacts;
    private SalonServices services;
    private Appointments appointments;
    private AuditLogService audit;
    private Database salon;

    @Override
    protected void prepare(TestDatabase db) {
        RecordStores stores = db.stores();
        contacts = new ContactService(stores, db.database("core", ContactService.class));
        salon = db.database("salon", SalonSettings.class);
        settings = new SalonSettings(config(60));
        services = new SalonServices(stores, salon, settings);
        appointments = new Appointments(stores, salon, settings);
        audit = new AuditLogService(db.database("platform", SchemaMigrator.class), new JsonCodec());
    }

    @BeforeEach
    void resetSettings() {
        settings.modified(config(60));
    }

    // ---------------------------------------------------------------- helpers

    /** A configuration as Config Admin would pass it. */
    static SalonSettings.Config config(int defaultDurationMinutes) {
        return new SalonSettings.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SalonSettings.Config.class;
            }

            @Override
            public int defaultDurationMinutes() {
                return defaultDurationMinutes;
            }
        };
    }

    private Contact client(String lastName) {
        return contacts.create(Contact.of("Anna", lastName));
    }

    private SalonService haircut() {
        return services.create(SalonService.of("Haircut", 45, new BigDecimal("1500")));
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    }

    private void assertInvalid(String field, Runnable call) {
        long before = db.count("salon.appointment");
        ProblemException e = assertThrows(ProblemException.class, call::run);
        assertEquals(ProblemType.INVALID_FIELD, e.type(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(before, db.count("salon.appointment"), "a refused change writes nothing");
    }

    // ---------------------------------------------------------------- schema

    @Test
    void bothMigrationsAreApplied() {
        assertEquals(2, new SchemaMigrator(db.dataSource()).currentVersion("salon"));
        assertEquals(List.of(), new SchemaMigrator(db.dataSource()).migrate("salon",
                org.tesseracrm.platform.internal.db.MigrationScripts.select(TestDatabase.scripts(SalonSettings.class),
                        db.dialect())), "a second start applies nothing");
    }

    // ---------------------------------------------------------------- services

    @Test
    void serviceIsStoredWithItsPriceAndAnnounced() {
        SalonService created = haircut();

        assertNotNull(created.id());
        assertEquals(1L, created.version());
        assertEquals(45, created.durationMinutes());
        assertEquals(0, new BigDecimal("1500").compareTo(created.price()));
        assertEquals("RUB", created.currency());
        assertEquals(user, created.ownerId());
        assertEquals(created, services.get(created.id()));
        assertEquals(List.of("org/tesseracrm/salon_service/CREATED"), db.events);
    }

    @Test
    void serviceWithoutDurationTakesTheConfiguredDefaultLive() {
        assertEquals(60, services.create(SalonService.of("Manicure", null, null)).durationMinutes());

        settings.modified(config(90));

        assertEquals(90, services.create(SalonService.of("Pedicure", null, null)).durationMinutes());
    }

    @Test
    void settingOutsideTheBoundsIsClamped() {
        settings.modified(config(100_000));
        assertEquals(SalonSettings.MAX_DURATION, settings.defaultDurationMinutes());
        settings.modified(config(0));
        assertEquals(SalonSettings.MIN_DURATION, settings.defaultDurationMinutes());
    }

    @Test
    void invalidServicesAreRefusedNamingTheField() {
        ProblemException name = assertThrows(ProblemException.class,
                () -> services.create(SalonService.of(" ", 30, null)));
        assertEquals("name", name.field());
        ProblemException price = assertThrows(ProblemException.class,
                () -> services.create(SalonService.of("Haircut", 30, new BigDecimal("-1"))));
        assertEquals("price", price.field());
        ProblemException duration = assertThrows(ProblemException.class,
                () -> services.create(SalonService.of("Haircut", 1, null)));
        assertEquals("durationMinutes", duration.field());
    }

    @Test
    void servicesAreFoundByNamePrefix() {
        SalonService colouring = services.create(SalonService.of("Hair colouring", 120, null));
        List<String> found = services.list(new Query(0, 50, null, false, Map.of("ownerId", user), "colo", false))
                .items().stream().map(SalonService::id).toList();
        assertEquals(List.of(colouring.id()), found);
    }

    // ---------------------------------------------------------------- appointments

    @Test
    void appointmentIsBookedForTheServicesDuration() {
        Contact anna = client("Ivanova");
        SalonService haircut = haircut();
        db.events.clear();

        Appointment booked = appointments.create(Appointment.of(haircut.id(), anna.id(), inDays(2)));

        assertEquals(AppointmentStatus.BOOKED, booked.status());
        assertEquals(45, booked.durationMinutes());
        assertEquals(booked, appointments.get(booked.id()));
        assertEquals(List.of("org/tesseracrm/salon_appointment/CREATED"), db.events);
        AuditEntry entry = audit.list(Appointment.ENTITY, booked.id(), 0, 10).items().get(0);
        assertEquals(user, entry.actor());
        assertEquals(new FieldChange(null, "BOOKED"), entry.changes().get("status"));
    }

    @Test
    void appointmentGivenADurationKeepsIt() {
        Appointment booked = appointments.create(
                Appointment.of(haircut().id(), client("Petrova").id(), inDays(1)).withDurationMinutes(30));
        assertEquals(30, booked.durationMinutes());
    }

    @Test
    void appointmentsAreListedByClientAndStatus() {
        Contact anna = client("Sidorova");
        SalonService haircut = haircut();
        Appointment first = appointments.create(Appointment.of(haircut.id(), anna.id(), inDays(3)));
        Appointment held = appointments.create(Appointment.of(haircut.id(), anna.id(), inDays(-3)));
        appointments.update(held.id(), 1, held.withStatus(AppointmentStatus.HELD));
        appointments.create(Appointment.of(haircut.id(), client("Other").id(), inDays(3)));

        List<String> booked = appointments.list(Query.firstPage().where("contactId", anna.id())
                .where("status", "BOOKED")).items().stream().map(Appointment::id).toList();

        assertEquals(List.of(first.id()), booked);
    }

    @Test
    void unknownOrDeletedReferencesAreRefused() {
        Contact anna = client("Orlova");
        SalonService haircut = haircut();

        assertInvalid("contactId", () -> appointments.create(Appointment.of(haircut.id(), "no-such-contact",
                inDays(1))));
        assertInvalid("serviceId", () -> appointments.create(Appointment.of("no-such-service", anna.id(),
                inDays(1))));
        assertInvalid("startsAt", () -> appointments.create(Appointment.of(haircut.id(), anna.id(), null)));

        Contact gone = client("Gone");
        contacts.delete(gone.id(), null);
        assertInvalid("contactId", () -> appointments.create(Appointment.of(haircut.id(), gone.id(), inDays(1))));
    }

    @Test
    void appointmentOfADeletedServiceCanStillBeMarkedHeld() {
        SalonService discontinued = services.create(SalonService.of("Discontinued", 30, null));
        Appointment booked = appointments.create(Appointment.of(discontinued.id(), client("Loyal").id(),
                inDays(-1)));
        services.delete(discontinued.id(), null);

        Appointment held = appointments.update(booked.id(), 1, booked.withStatus(AppointmentStatus.HELD));

        assertEquals(AppointmentStatus.HELD, held.status());
    }

    // ---------------------------------------------------------------- reaction to a deleted contact

    @Test
    void deletingAContactCancelsItsUpcomingBookedAppointmentsAsTheSystem() {
        Contact anna = client("Leaving");
        SalonService haircut = haircut();
        Appointment tomorrow = appointments.create(Appointment.of(haircut.id(), anna.id(), inDays(1)));
        Appointment nextWeek = appointments.create(Appointment.of(haircut.id(), anna.id(), inDays(7)));
        Appointment yesterday = appointments.create(Appointment.of(haircut.id(), anna.id(), inDays(-1)));
        Appointment held = appointments.create(Appointment.of(haircut.id(), anna.id(), inDays(-2)));
        held = appointments.update(held.id(), 1, held.withStatus(AppointmentStatus.HELD));
        Appointment othersClient = appointments.create(Appointment.of(haircut.id(), client("Staying").id(),
                inDays(1)));
        contacts.delete(anna.id(), null);
        db.events.clear();

        new ContactDeletedHandler(appointments, Clock.systemUTC()).handleEvent(deleted(anna.id()));

        assertEquals(AppointmentStatus.CANCELLED, appointments.get(tomorrow.id()).status());
        assertEquals(AppointmentStatus.CANCELLED, appointments.get(nextWeek.id()).status());
        assertEquals(AppointmentStatus.BOOKED, appointments.get(yesterday.id()).status(), "the past is kept");
        assertEquals(held, appointments.get(held.id()));
        assertEquals(othersClient, appointments.get(othersClient.id()));
        assertEquals(List.of("org/tesseracrm/salon_appointment/UPDATED", "org/tesseracrm/salon_appointment/UPDATED"),
                db.events);
        AuditEntry cancellation = audit.list(Appointment.ENTITY, tomorrow.id(), 0, 10).items().get(0);
        assertEquals(TesseraUser.SYSTEM.username(), cancellation.actor());
        assertEquals(Map.of("status", new FieldChange("BOOKED", "CANCELLED")), cancellation.changes());
        assertEquals(user, CurrentUser.get().username(), "the handler leaves the caller's user in place");
    }

    @Test
    void aDeletedContactWithoutAppointmentsChangesNothing() {
        Contact nobody = client("Nobody");
        contacts.delete(nobody.id(), null);
        db.events.clear();

        new ContactDeletedHandler(appointments, Clock.systemUTC()).handleEvent(deleted(nobody.id()));

        assertEquals(List.of(), db.events);
    }

    private static Event deleted(String contactId) {
        return new Event(ContactDeletedHandler.TOPIC, Map.of(RecordEvents.ENTITY, "contact", RecordEvents.ID,
                contactId, RecordEvents.VERSION, 2L, RecordEvents.ACTOR, "someone"));
    }

    // ---------------------------------------------------------------- KPI

    @Test
    void metricCountsAppointmentsHeldInThePeriod() {
        // a far-away year of its own, so other tests' appointments do not count
        AppointmentsHeldMetric metric = new AppointmentsHeldMetric(salon, ZoneOffset.UTC);
        SalonService haircut = haircut();
        Contact anna = client("Counted");
        held(haircut, anna, Instant.parse("2091-03-01T00:00:00Z"));
        held(haircut, anna, Instant.parse("2091-03-31T23:59:00Z"));
        held(haircut, anna, Instant.parse("2091-04-01T00:00:00Z")); // the next month
        appointments.create(Appointment.of(haircut.id(), anna.id(), Instant.parse("2091-03-10T10:00:00Z")));
        Appointment deleted = held(haircut, anna, Instant.parse("2091-03-11T10:00:00Z"));
        appointments.delete(deleted.id(), null);

        assertEquals(new BigDecimal(2), metric.measure(LocalDate.of(2091, 3, 1), LocalDate.of(2091, 3, 31), null));
        assertEquals(new BigDecimal(2), metric.measure(LocalDate.of(2091, 3, 1), LocalDate.of(2091, 3, 31), user));
        assertEquals(BigDecimal.ZERO, metric.measure(LocalDate.of(2091, 3, 1), LocalDate.of(2091, 3, 31),
                "someone-else"));
        assertEquals(new BigDecimal(3), metric.measure(LocalDate.of(2091, 3, 1), LocalDate.of(2091, 4, 1), null));
        assertEquals("salon.appointments", metric.id());
        assertEquals("count", metric.unit());
    }

    @Test
    void metricDaysFollowTheGivenTimeZone() {
        SalonService haircut = haircut();
        // 22:30 UTC on 1 May 2092 is already 2 May in Moscow (UTC+3)
        held(haircut, client("Late"), Instant.parse("2092-05-01T22:30:00Z"));
        LocalDate may1 = LocalDate.of(2092, 5, 1);
        LocalDate may2 = LocalDate.of(2092, 5, 2);

        assertEquals(BigDecimal.ONE, new AppointmentsHeldMetric(salon, ZoneOffset.UTC).measure(may1, may1, null));
        AppointmentsHeldMetric moscow = new AppointmentsHeldMetric(salon, ZoneOffset.ofHours(3));
        assertEquals(BigDecimal.ZERO, moscow.measure(may1, may1, null));
        assertEquals(BigDecimal.ONE, moscow.measure(may2, may2, null));
    }

    private Appointment held(SalonService service, Contact client, Instant at) {
        Appointment booked = appointments.create(Appointment.of(service.id(), client.id(), at));
        return appointments.update(booked.id(), booked.version(), booked.withStatus(AppointmentStatus.HELD));
    }
}
