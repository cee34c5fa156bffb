package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.testing.TestDatabase;

/**
 * The items on a real, in-memory Derby database, migrated from this bundle's own scripts exactly as
 * Tessera migrates them, with Tessera's real record store behind {@link Items}.
 */
class ItemsTest {
    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private static TestDatabase db;
    private static Items items;
    private CurrentUser.Scope scope;

    @BeforeAll
    static void open() {
        db = TestDatabase.derby();
        items = new Items(db.stores(), db.database("${pluginId}", Items.class));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void actAsAUser() {
        scope = CurrentUser.enter(new TesseraUser("tester", Set.of(TesseraUser.MANAGER)));
        db.events.clear();
    }

    @AfterEach
    void leave() {
        scope.close();
    }

    @Test
    void itemIsStoredVersionedAndAnnounced() {
        Item created = items.create(Item.named("First"));

        assertNotNull(created.id());
        assertEquals(1L, created.version());
        assertEquals("tester", created.ownerId());
        assertEquals(created, items.get(created.id()));

        Item updated = items.update(created.id(), 1, created.withNotes("more"));
        assertEquals(2L, updated.version());
        assertEquals(List.of("org/tesseracrm/${pluginId}_item/CREATED", "org/tesseracrm/${pluginId}_item/UPDATED"),
                db.events);
    }

    @Test
    void itemWithoutANameIsRefusedNamingTheField() {
        ProblemException e = assertThrows(ProblemException.class, () -> items.create(Item.named(" ")));
        assertEquals(ProblemType.INVALID_FIELD, e.type());
        assertEquals("name", e.field());
    }

    @Test
    void itemsAreFoundByNamePrefix() {
        Item wanted = items.create(Item.named("Searchable thing"));
        items.create(Item.named("Other"));

        List<String> found = items.list(new Query(0, 50, null, false, Map.of(), "searcha", false)).items().stream()
                .map(Item::id).toList();

        assertEquals(List.of(wanted.id()), found);
    }
}
