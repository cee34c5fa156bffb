package org.tesseracrm.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tesseracrm.console.internal.ConsoleFiles.ConsoleFile;

/** Which file of the built console answers which path: read from the classpath like the bundle reads its entries. */
class ConsoleFilesTest {
    private final ConsoleFiles files = new ConsoleFiles(path -> getClass().getClassLoader().getResource(path));

    @Test
    void theRootAndTheAppsRoutesAnswerWithIndexHtml() {
        for (String path : new String[] {"/", "", "/contacts", "/contacts/3f2a/edit", "/settings/pipelines/"}) {
            ConsoleFile file = files.find(path).orElseThrow(() -> new AssertionError(path));
            assertEquals(ConsoleFiles.INDEX, file.path(), path);
            assertEquals("text/html; charset=utf-8", file.contentType(), path);
            assertFalse(file.immutable(), path);
        }
    }

    @Test
    void filesAnswerWithTheirOwnContentType() {
        assertEquals("text/javascript; charset=utf-8", found("/app.js").contentType());
        assertEquals("text/javascript; charset=utf-8", found("/pages/dashboard.js").contentType());
        assertEquals("text/css; charset=utf-8", found("/console.css").contentType());
        assertEquals("image/svg+xml", found("/favicon.svg").contentType());
        assertEquals("app.js", found("/app.js").path());
    }

    @Test
    void theBundledLibraryIsCachedForLongAndTheAppIsNot() {
        ConsoleFile echarts = found("/lib/echarts-5.3.1/echarts.esm.min.js");
        assertTrue(echarts.immutable());
        assertEquals("text/javascript; charset=utf-8", echarts.contentType());
        assertFalse(found("/kit.js").immutable());
    }

    @Test
    void aMissingAssetIsNotAnsweredWithTheApp() {
        assertEquals(Optional.empty(), files.find("/missing.js"));
        assertEquals(Optional.empty(), files.find("/pages/missing.css"));
    }

    @Test
    void pathsLeavingTheConsoleFolderAreRefused() {
        assertEquals(Optional.empty(), files.find("/../OSGI-INF/org.tesseracrm.console.internal.CorePages.xml"));
        assertEquals(Optional.empty(), files.find("/pages/..%2F..%2Fbnd.bnd"));
        assertEquals(Optional.empty(), files.find("/pages//dashboard.js"));
        assertEquals(ConsoleFiles.INDEX, files.find("//etc/passwd").orElseThrow().path());
    }

    private ConsoleFile found(String path) {
        ConsoleFile file = files.find(path).orElseThrow(() -> new AssertionError(path));
        URL url = file.url();
        assertTrue(url.getPath().endsWith("console/" + file.path()), url.toString());
        return file;
    }
}
