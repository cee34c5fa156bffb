package org.tesseracrm.testing;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;

/**
 * The life of a test class that proves what some services promise on every supported database: one
 * new database for the class ({@link #openDatabase()}: Derby, or PostgreSQL or skip), the services built
 * on it once ({@link #prepare}), and — unless {@link #actingRole()} says none — each test acting as a
 * user of its own, so that what it creates and lists is its own although the database is shared. When
 * the database cannot be opened, every test is reported as skipped with the reason (on CI it fails).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseContract {
    private static final AtomicInteger USERS = new AtomicInteger();

    /** The database of the class; {@code null} when it could not be opened. */
    protected TestDatabase db;
    /** The user the current test acts as ({@code null} without an acting role). */
    protected String user;
    private String skipped;
    private CurrentUser.Scope scope;

    /** @return a new, empty database of the dialect under test */
    protected abstract TestDatabase openDatabase();

    /** Builds the services under test on the database, once for the class. */
    protected abstract void prepare(TestDatabase database);

    /** @return the role of the user each test acts as, or {@code null} to act as nobody */
    protected String actingRole() {
        return TesseraUser.MANAGER;
    }

    @BeforeAll
    final void openDatabaseOrSkip() {
        try {
            db = openDatabase();
        } catch (TestAbortedException unavailable) {
            skipped = unavailable.getMessage(); // reported on every test, not swallowed with the class
            return;
        }
        prepare(db);
    }

    @AfterAll
    final void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    final void actAsANewUser() {
        Assumptions.assumeTrue(skipped == null, skipped);
        String role = actingRole();
        if (role != null) {
            user = role + USERS.incrementAndGet();
            scope = CurrentUser.enter(new TesseraUser(user, Set.of(role)));
        }
        db.events.clear();
    }

    @AfterEach
    final void leave() {
        if (scope != null) {
            scope.close();
            scope = null;
        }
    }
}
