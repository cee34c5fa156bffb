package org.tesseracrm.core.internal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.crm.Contact;
import org.tesseracrm.api.crm.Product;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.api.crm.Company;
import org.tesseracrm.core.internal.service.CompanyService;
import org.tesseracrm.core.internal.service.ContactService;
import org.tesseracrm.core.internal.service.ProductService;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.platform.internal.db.SchemaMigrator;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.records.RecordStore;
import org.tesseracrm.platform.internal.security.AccessService;
import org.tesseracrm.platform.internal.security.Departments;
import org.tesseracrm.platform.internal.security.LoginThrottle;
import org.tesseracrm.platform.internal.security.PasswordPolicy;
import org.tesseracrm.platform.internal.security.Roles;
import org.tesseracrm.platform.internal.security.SecuritySettings;
import org.tesseracrm.platform.internal.security.Sessions;
import org.tesseracrm.platform.internal.security.UserAccounts;
import org.tesseracrm.testing.DatabaseContract;
import org.tesseracrm.testing.TestDatabase;

/**
 * Who may see and change what, on every supported database, through the real core services over the
 * real record store and the platform's real access service: managers see their own and shared records
 * only, directors their department's (sub-departments included), administrators all; a record out of
 * reach answers exactly as a missing one; owners are reassigned only with that permission; grants can be
 * narrowed by administrators; sessions end when idle; failed logins are throttled.
 */
abstract class AccessContract extends DatabaseContract {
    private Database platform;
    private UserAccounts accounts;
    private Departments departments;
    private Roles roles;
    private AccessService access;
    private ContactService contacts;
    private ProductService products;
    private CompanyService companies;
    private RecordStore<Contact> contactStore;
    private String north;
    private String northEast;
    private String south;
    private int run;

    @TempDir
    Path temp;

    @Override
    protected String actingRole() {
        return null; // each test acts as the users it creates
    }

    @Override
    protected void prepare(TestDatabase db) {
        platform = db.database("platform", SchemaMigrator.class);
        Database core = db.database("core", ContactService.class);
        accounts = new UserAccounts(platform, Path.of("target", "access-test-admin-password"));
        departments = new Departments(platform);
        roles = new Roles(platform);
        access = new AccessService(roles, accounts, departments, platform);
        RecordStores stores = db.stores(access);
        contacts = new ContactService(stores, core);
        products = new ProductService(stores, core);
        companies = new CompanyService(stores, core);
        contactStore = new RecordStore<>(Contact.class, core, RecordRules.none(), new JsonCodec(), (t, p) -> { },
                access);
    }

    /** Fresh names per test: North (with North-East below it) and South departments. */
    @BeforeEach
    void organise() {
        run++;
        north = departments.create("North " + run, null).id();
        northEast = departments.create("North-East " + run, north).id();
        south = departments.create("South " + run, null).id();
        access.forgetAll();
    }

    // ------------------------------------------------------------------ helpers

    private String user(String name, String role, String department) {
        String username = name + run;
        accounts.create(username, username, "a long enough password".toCharArray(), Set.of(role), department, false);
        access.forgetAll();
        return username;
    }

    private <V> V as(String username, Callable<V> work) {
        TesseraUser user = username.equals(TesseraUser.SYSTEM.username()) ? TesseraUser.SYSTEM
                : new TesseraUser(username, accounts.find(username).orElseThrow().roles());
        try {
            return CurrentUser.runAs(user, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Contact contact(String last) {
        return new Contact(null, null, "Anna", null, last, List.of(), List.of(), null, null, List.of(), null, null,
                null, null, null, null, null);
    }

    private static Contact owned(Contact c, String owner) {
        return new Contact(c.id(), c.version(), c.firstName(), c.middleName(), c.lastName(), c.emails(), c.phones(),
                c.position(), c.companyId(), c.tags(), c.notes(), owner, c.createdAt(), c.createdBy(), c.updatedAt(),
                c.updatedBy(), c.deletedAt());
    }

    private Set<String> visibleIds(String username, String search) {
        return as(username, () -> {
            Set<String> ids = new java.util.HashSet<>();
            Query query = new Query(0, 500, null, false, Map.of(), search, false);
            contacts.list(query).items().forEach(c -> ids.add(c.id()));
            return ids;
        });
    }

    private static void assertProblem(ProblemType type, Runnable action) {
        assertProblem(type, action, "");
    }

    private static void assertProblem(ProblemType type, Runnable action, String why) {
        ProblemException problem = assertThrows(ProblemException.class, action::run, why);
        assertEquals(type, problem.type(), why + ": " + problem.getMessage());
    }

    private long auditCount(String action) {
        return count("SELECT COUNT(*) FROM platform.audit_entry WHERE action = ?", action);
    }

    /** @return the record's search terms: all, or only those marked deleted */
    private long terms(String recordId, boolean onlyDeleted) {
        return count("SELECT COUNT(*) FROM platform.search_term WHERE record_id = ?"
                + (onlyDeleted ? " AND deleted = TRUE" : ""), recordId);
    }

    private long count(String query, String parameter) {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement(query)) {
            count.setString(1, parameter);
            var rows = count.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ visibility

    @Test
    void managersSeeOnlyTheirOwnRecordsAndDirectorsTheirDepartments() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        String boris = user("boris", TesseraUser.MANAGER, north);
        String erik = user("erik", TesseraUser.MANAGER, northEast);
        String dina = user("dina", TesseraUser.DIRECTOR, north);
        String sam = user("sam", TesseraUser.DIRECTOR, south);
        String tag = "Vis" + run;
        Contact annas = as(anna, () -> contacts.create(contact(tag + "anna")));
        Contact eriks = as(erik, () -> contacts.create(contact(tag + "erik")));

        assertEquals(annas.ownerId(), anna, "the creator owns the record");
        assertEquals(Set.of(annas.id()), visibleIds(anna, tag));
        assertEquals(Set.of(), visibleIds(boris, tag), "a colleague sees nothing of Anna's");
        assertEquals(Set.of(annas.id(), eriks.id()), visibleIds(dina, tag), "the director sees North and below");
        assertEquals(Set.of(), visibleIds(sam, tag), "another department's director sees nothing");
        assertEquals(Set.of(annas.id(), eriks.id()), visibleIds(TesseraUser.SYSTEM.username(), tag));
        // a search of several words keeps to the same scope
        assertEquals(Set.of(annas.id()), visibleIds(dina, "anna " + tag + "anna"));
        assertEquals(Set.of(), visibleIds(boris, "anna " + tag + "anna"));
        // unfiltered lists too (the fast paths)
        assertFalse(as(boris, () -> contacts.list(new Query(0, 500, null, false, Map.of(), null, false))).items()
                .stream().anyMatch(c -> c.id().equals(annas.id())));
        assertFalse(as(boris, () -> contacts.list(new Query(0, 500, "lastName", true, Map.of(), null, false)))
                .items().stream().anyMatch(c -> c.id().equals(annas.id())));
    }

    @Test
    void aRecordOutOfReachAnswersExactlyAsAMissingOneAndIsAudited() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        String boris = user("boris", TesseraUser.MANAGER, north);
        Contact annas = as(anna, () -> contacts.create(contact("Reach" + run)));
        long deniedBefore = auditCount("DENIED");

        ProblemException hidden = assertThrows(ProblemException.class, () -> as(boris, () -> contacts.get(annas.id())));
        ProblemException missing = assertThrows(ProblemException.class,
                () -> as(boris, () -> contacts.get(UUID.randomUUID().toString())));
        assertEquals(ProblemType.NOT_FOUND, hidden.type());
        assertEquals(missing.getMessage().replaceAll("[0-9a-f-]{36}", "ID"),
                hidden.getMessage().replaceAll("[0-9a-f-]{36}", "ID"), "the same words as for a missing record");
        assertProblem(ProblemType.NOT_FOUND, () -> as(boris, () -> contacts.update(annas.id(), 1, contact("Taken"))));
        assertProblem(ProblemType.NOT_FOUND, () -> as(boris, () -> {
            contacts.delete(annas.id(), 1L);
            return null;
        }));
        assertEquals("Reach" + run, as(anna, () -> contacts.get(annas.id())).lastName(), "nothing changed");
        assertEquals(1, as(anna, () -> contacts.get(annas.id())).version());
        assertTrue(auditCount("DENIED") >= deniedBefore + 3, "each refusal is in the audit log");
    }

    @Test
    void guessingIdsOfOtherUsersRecordsFindsNothing() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        String boris = user("boris", TesseraUser.MANAGER, south);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            ids.add(as(anna, () -> contacts.create(contact("Guess" + run + "n" + n))).id());
        }
        int leaks = 0;
        for (String id : ids) {
            leaks += as(boris, () -> contacts.find(id)).isPresent() ? 1 : 0;
        }
        assertEquals(0, leaks);
        assertEquals(50, ids.stream().filter(id -> as(anna, () -> contacts.find(id)).isPresent()).count());
    }

    @Test
    void aReferenceToARecordOutOfReachIsRefusedLikeOneToAMissingRecord() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        String boris = user("boris", TesseraUser.MANAGER, north);
        String dina = user("dina", TesseraUser.DIRECTOR, north);
        Company annas = as(anna, () -> companies.create(Company.of("Ref " + run)));
        Contact withCompany = new Contact(null, null, "Boris", null, "Ref" + run, List.of(), List.of(), null,
                annas.id(), List.of(), null, null, null, null, null, null, null);
        long before = db.count("core.contact");
        ProblemException refused = assertThrows(ProblemException.class,
                () -> as(boris, () -> contacts.create(withCompany)));
        assertEquals(ProblemType.INVALID_FIELD, refused.type());
        assertEquals("companyId", refused.field());
        assertEquals(before, db.count("core.contact"));
        assertEquals(annas.id(), as(anna, () -> contacts.create(withCompany)).companyId());
        assertEquals(annas.id(), as(dina, () -> contacts.create(withCompany)).companyId());
    }

    @Test
    void ownersShareRecordsWithColleaguesWhoThenSeeAndChangeThem() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        String boris = user("boris", TesseraUser.MANAGER, south);
        String carl = user("carl", TesseraUser.MANAGER, south);
        Contact annas = as(anna, () -> contacts.create(contact("Share" + run)));
        assertProblem(ProblemType.NOT_FOUND, () -> as(boris, () -> contactStore.shareWith(annas.id(), List.of(boris))),
                "nobody shares what they cannot see");
        assertProblem(ProblemType.INVALID_FIELD, () -> as(anna, () -> contactStore.shareWith(annas.id(),
                List.of("no-such-user"))));

        assertEquals(List.of(boris), as(anna, () -> contactStore.shareWith(annas.id(), List.of(boris))));
        assertEquals(Set.of(annas.id()), visibleIds(boris, "Share" + run));
        assertEquals(Set.of(), visibleIds(carl, "Share" + run));
        Contact changed = as(boris, () -> contacts.update(annas.id(), annas.version(), contact("Shared" + run)));
        assertEquals(anna, changed.ownerId(), "an update keeps the owner");
        assertProblem(ProblemType.FORBIDDEN, () -> as(boris, () -> contactStore.shareWith(annas.id(), List.of(carl))),
                "only the owner passes it on");

        assertEquals(List.of(), as(anna, () -> contactStore.shareWith(annas.id(), List.of())));
        assertEquals(Set.of(), visibleIds(boris, "Share" + run), "unshared");
    }

    @Test
    void theRecycleBinKeepsDeletedRecordsUntilTheyArePurged() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        Contact kept = as(anna, () -> contacts.create(contact("Bin" + run)));
        Contact gone = as(anna, () -> contacts.create(contact("Bin" + run)));
        as(anna, () -> {
            contacts.delete(gone.id(), gone.version());
            return null;
        });
        long rows = db.count("core.contact");
        long terms = terms(gone.id(), false);
        assertTrue(terms > 0);
        assertEquals(terms, terms(gone.id(), true), "its search terms are marked deleted");
        assertEquals(0, as(anna, () -> contactStore.purgeDeletedBefore(Instant.now().minus(Duration.ofDays(1)))),
                "deleted today: still restorable");
        assertEquals(gone.id(), as(anna, () -> contacts.restore(gone.id())).id());
        assertEquals(List.of(terms, 0L), List.of(terms(gone.id(), false), terms(gone.id(), true)),
                "restored: its terms are live again");
        as(anna, () -> {
            contacts.delete(gone.id(), contacts.get(gone.id()).version());
            return null;
        });
        int purged = contactStore.purgeDeletedBefore(Instant.now().plusSeconds(1));
        assertTrue(purged >= 1);
        assertEquals(rows - purged, db.count("core.contact"));
        assertEquals(0, terms(gone.id(), false), "purged with its search terms");
        assertEquals(terms, terms(kept.id(), false), "the live one keeps its terms");
        assertProblem(ProblemType.NOT_FOUND, () -> as(anna, () -> contacts.restore(gone.id())));
        assertTrue(as(anna, () -> contacts.find(kept.id())).isPresent(), "live records stay");
        assertTrue(auditCount("PURGED") >= 1);
    }

    // ------------------------------------------------------------------ owners and permissions

    @Test
    void onlyThoseWhoMayReassignGiveRecordsToOthers() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        String boris = user("boris", TesseraUser.MANAGER, north);
        String dina = user("dina", TesseraUser.DIRECTOR, north);
        String sam = user("sam", TesseraUser.MANAGER, south);
        long before = db.count("core.contact");

        ProblemException forged = assertThrows(ProblemException.class,
                () -> as(boris, () -> contacts.create(owned(contact("Forged" + run), anna))));
        assertEquals(ProblemType.FORBIDDEN, forged.type());
        assertEquals("ownerId", forged.field());
        assertEquals(before, db.count("core.contact"), "a refused create writes nothing");

        Contact annas = as(anna, () -> contacts.create(contact("Own" + run)));
        assertProblem(ProblemType.FORBIDDEN,
                () -> as(anna, () -> contacts.update(annas.id(), annas.version(), owned(annas, boris))));
        Contact moved = as(dina, () -> contacts.update(annas.id(), annas.version(), owned(annas, boris)));
        assertEquals(boris, moved.ownerId());
        assertEquals(Set.of(moved.id()), visibleIds(boris, "Own" + run));
        assertEquals(Set.of(), visibleIds(anna, "Own" + run));
        assertProblem(ProblemType.FORBIDDEN, () -> as(dina, () -> contacts.update(moved.id(), moved.version(),
                owned(moved, sam))), "a director cannot hand records out of the department");
    }

    @Test
    void managersReadTheCatalogButDoNotChangeIt() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        Product product = products.create(Product.of("Catalog " + run, "pcs", BigDecimal.TEN, "RUB"));
        assertEquals(product.id(), as(anna, () -> products.get(product.id())).id(), "the catalog is for everyone");
        long before = db.count("core.product");
        assertProblem(ProblemType.FORBIDDEN,
                () -> as(anna, () -> products.create(Product.of("Mine", "pcs", BigDecimal.ONE, "RUB"))));
        assertEquals(before, db.count("core.product"));
    }

    @Test
    void administratorsNarrowWhatARoleMayDo() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        Contact annas = as(anna, () -> contacts.create(contact("Narrow" + run)));
        roles.setGrants(TesseraUser.MANAGER, Map.of("contact", EnumSet.of(Action.READ, Action.CREATE, Action.UPDATE)));
        access.forgetAll();
        try {
            assertProblem(ProblemType.FORBIDDEN, () -> as(anna, () -> {
                contacts.delete(annas.id(), annas.version());
                return null;
            }));
            assertTrue(as(anna, () -> contacts.find(annas.id())).isPresent(), "still there");
        } finally {
            roles.setGrants(TesseraUser.MANAGER,
                    Map.of("contact", EnumSet.of(Action.READ, Action.CREATE, Action.UPDATE, Action.DELETE)));
            access.forgetAll();
        }
        as(anna, () -> {
            contacts.delete(annas.id(), annas.version());
            return null;
        });
    }

    @Test
    void usersWithoutARoleDoNothing() {
        String nobody = "nobody" + run;
        accounts.create(nobody, nobody, "a long enough password".toCharArray(), Set.of(), null, false);
        assertProblem(ProblemType.FORBIDDEN, () -> as(nobody, () -> contacts.list(Query.firstPage())));
        assertProblem(ProblemType.FORBIDDEN, () -> as(nobody, () -> contacts.create(contact("No" + run))));
    }

    // ------------------------------------------------------------------ sessions, throttling, passwords

    @Test
    void sessionsEndWhenIdleAfterTheAbsoluteLimitAndAtLogout() {
        String anna = user("anna", TesseraUser.MANAGER, north);
        MovableClock clock = new MovableClock();
        Sessions sessions = new Sessions(platform, accounts, settings(30, 10, 5), clock);
        TesseraUser user = new TesseraUser(anna, Set.of(TesseraUser.MANAGER));

        Sessions.Session open = sessions.open(user);
        assertTrue(open.token().length() >= 43, "at least 256 bits, base64url");
        assertFalse(open.csrfToken().equals(open.token()));
        assertEquals(anna, sessions.find(open.token()).orElseThrow().user().username());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(open.token()).isPresent(), "used within the idle timeout");
        clock.advance(Duration.ofMinutes(31));
        assertTrue(sessions.find(open.token()).isEmpty(), "idle for 31 minutes");

        Sessions.Session busy = sessions.open(user);
        for (int minute = 0; minute < 10 * 60; minute += 20) {
            clock.advance(Duration.ofMinutes(20));
            sessions.find(busy.token());
        }
        clock.advance(Duration.ofMinutes(20));
        assertTrue(sessions.find(busy.token()).isEmpty(), "over 10 hours, however busy");

        Sessions.Session closed = sessions.open(user);
        sessions.close(closed.token());
        assertTrue(sessions.find(closed.token()).isEmpty());
        assertTrue(sessions.find("forged").isEmpty());

        Sessions.Session deactivated = sessions.open(user);
        var account = accounts.find(anna).orElseThrow();
        accounts.update(anna, account.displayName(), account.roles(), account.departmentId(), false);
        clock.advance(Duration.ofSeconds(6)); // past what the node keeps in memory
        assertTrue(sessions.find(deactivated.token()).isEmpty(), "a deactivated user's session is over");
    }

    @Test
    void repeatedFailuresAreThrottledPerNameAndPerAddress() {
        LoginThrottle throttle = new LoginThrottle(settings(30, 10, 5));
        for (int i = 0; i < 5; i++) {
            assertEquals(0, throttle.secondsToWait("victim", "10.0.0.1"), "attempt " + (i + 1) + " is allowed");
            throttle.failed("victim", "10.0.0.1");
        }
        assertTrue(throttle.secondsToWait("victim", "10.0.0.2") > 0, "the name is throttled from anywhere");
        assertTrue(throttle.secondsToWait("VICTIM ", "10.0.0.2") > 0, "whatever its case and spaces");
        assertEquals(0, throttle.secondsToWait("someone-else", "10.0.0.2"));
        for (int i = 0; i < 30; i++) {
            throttle.failed("spray" + i, "10.0.0.9");
        }
        assertTrue(throttle.secondsToWait("fresh-name", "10.0.0.9") > 0, "the spraying address is throttled");
        throttle.succeeded("victim");
        assertEquals(0, throttle.secondsToWait("victim", "10.0.0.3"), "a success clears the name's failures");
    }

    @Test
    void passwordsMeetThePolicy() {
        for (String bad : List.of("short", "anna-is-my-password", "1234567890", "aaaaaaaaaaaa", "qwertyuiop")) {
            ProblemException problem = assertThrows(ProblemException.class,
                    () -> PasswordPolicy.check("anna", bad, "password"), bad);
            assertEquals("password", problem.field());
        }
        PasswordPolicy.check("anna", "correct horse battery staple", "password");
        assertThrows(ProblemException.class, () -> PasswordPolicy.check("anna", "ы".repeat(40), "password"),
                "over bcrypt's 72 bytes");
    }

    @Test
    void departmentsCannotBeMovedBelowThemselvesNorRemovedWhileInUse() {
        assertProblem(ProblemType.INVALID_FIELD, () -> departments.update(north, "North", northEast));
        assertProblem(ProblemType.CONFLICT, () -> departments.delete(north));
        user("anna", TesseraUser.MANAGER, south);
        assertProblem(ProblemType.CONFLICT, () -> departments.delete(south));
        assertEquals(Set.of(north, northEast), departments.subtree(north));
    }

    private static SecuritySettings settings(int idleMinutes, int absoluteHours, int attempts) {
        return new SecuritySettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SecuritySettings.class;
            }

            @Override
            public int sessionIdleMinutes() {
                return idleMinutes;
            }

            @Override
            public int sessionAbsoluteHours() {
                return absoluteHours;
            }

            @Override
            public int loginAttempts() {
                return attempts;
            }

            @Override
            public int loginWindowMinutes() {
                return 15;
            }

            @Override
            public int loginAttemptsPerAddress() {
                return 30; // lower than the default 100, to keep the test short
            }

            @Override
            public int recycleBinDays() {
                return 30;
            }
        };
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
