package org.tesseracrm.plugin.exchange1c.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/** What the platform reads from the bundle: the plugin capability, the schema header, the components. */
class BundleTest {
    private static final Path CLASSES = Path.of("target/classes");

    private static Attributes manifest() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void manifestDeclaresThePluginAndItsSchema() throws IOException {
        Attributes manifest = manifest();
        assertEquals("org.tesseracrm.plugin.exchange1c", manifest.getValue("Bundle-SymbolicName"));
        assertEquals("exchange1c", manifest.getValue("Tessera-Schema"));
        String capability = manifest.getValue("Provide-Capability");
        assertNotNull(capability);
        assertTrue(capability.matches(".*tessera\\.plugin;tessera\\.plugin=\"?exchange1c\"?;name=\"1C exchange\";"
                + "version:Version=\"1\\.0\\.0\".*"), capability);
        assertEquals(null, manifest.getValue("Export-Package"), "a plugin exports nothing unless another needs it");
        assertTrue(Files.exists(CLASSES.resolve("TESSERA-INF/db/V001__exchange1c.sql")));
    }

    @Test
    void theImporterIsADeclarativeServicesComponentOnItsOwnSchema() throws IOException {
        String components = manifest().getValue("Service-Component");
        assertTrue(components.contains("org.tesseracrm.plugin.exchange1c.internal.CmlImporter.xml"), components);
        String component = Files.readString(CLASSES.resolve(
                "OSGI-INF/org.tesseracrm.plugin.exchange1c.internal.CmlImporter.xml"));
        assertTrue(component.contains("(tessera.schema=exchange1c)"), component);
    }
}
