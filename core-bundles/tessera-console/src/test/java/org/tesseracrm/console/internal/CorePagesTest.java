package org.tesseracrm.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The core pages are ordinary console pages: unique ids and routes, core orders, both languages, a script that renders. */
class CorePagesTest {

    @Test
    void everyCorePageHasAUniqueIdAndRouteAndACoreOrder() {
        Set<String> ids = new HashSet<>();
        Set<String> routes = new HashSet<>();
        for (CorePage page : CorePages.PAGES) {
            assertTrue(ids.add(page.id()), page.id());
            assertTrue(routes.add(page.route()), page.route());
            assertTrue(page.id().startsWith("core."), page.id());
            assertTrue(page.route().startsWith("/"), page.route());
            assertTrue(page.order() >= 0 && page.order() <= 99, page.id() + " " + page.order());
        }
    }

    @Test
    void titlesFollowTheUsersLanguage() {
        for (CorePage page : CorePages.PAGES) {
            assertEquals(page.title(), page.title(Locale.ENGLISH), page.id());
            assertEquals(page.titleRu(), page.title(Locale.forLanguageTag("ru")), page.id());
            assertEquals(page.title(), page.title(Locale.GERMAN), page.id());
            assertNotEquals(page.title(), page.titleRu(), page.id());
            assertTrue(page.titleRu().codePoints().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC),
                    page.titleRu());
        }
    }

    @Test
    void everyScriptIsInTheBundleAndExportsRender() throws IOException {
        for (CorePage page : CorePages.PAGES) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(page.script())) {
                assertNotNull(in, page.script());
                String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(script.contains("export async function render(element, kit)"), page.script());
                assertTrue(!script.contains("innerHTML"), page.script() + " must build DOM with kit.h");
            }
        }
    }
}
