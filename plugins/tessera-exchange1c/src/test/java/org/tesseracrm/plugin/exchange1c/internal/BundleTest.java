package org.tesseracrm.plugin.exchange1c.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;

import org.junit.jupiter.api.Test;
import org.tesseracrm.testing.BuiltBundle;

/** What the platform reads from the bundle: the plugin capability, the schema header, the components. */
class BundleTest {
    @Test
    void manifestDeclaresThePluginAndItsSchema() throws IOException {
        Attributes manifest = BuiltBundle.manifest();
        assertEquals("org.tesseracrm.plugin.exchange1c", manifest.getValue("Bundle-SymbolicName"));
        assertEquals("exchange1c", manifest.getValue("Tessera-Schema"));
        String capability = manifest.getValue("Provide-Capability");
        assertNotNull(capability);
        assertTrue(capability.matches(".*tessera\\.plugin;tessera\\.plugin=\"?exchange1c\"?;name=\"1C exchange\";"
                + "version:Version=\"1\\.0\\.0\".*"), capability);
        assertEquals(null, manifest.getValue("Export-Package"), "a plugin exports nothing unless another needs it");
        assertTrue(Files.exists(BuiltBundle.file("TESSERA-INF/db/V001__exchange1c.sql")));
    }

    @Test
    void theImporterIsADeclarativeServicesComponentOnItsOwnSchema() throws IOException {
        String components = BuiltBundle.manifest().getValue("Service-Component");
        assertTrue(components.contains("org.tesseracrm.plugin.exchange1c.internal.CmlImporter.xml"), components);
        String component = Files.readString(BuiltBundle.file(
                "OSGI-INF/org.tesseracrm.plugin.exchange1c.internal.CmlImporter.xml"));
        assertTrue(component.contains("(tessera.schema=exchange1c)"), component);
    }
}
