package org.tesseracrm.plugin.salon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;

import org.junit.jupiter.api.Test;
import org.tesseracrm.plugin.salon.internal.console.AppointmentsPage;
import org.tesseracrm.testing.BuiltBundle;

/**
 * What the platform reads from the bundle rather than from code: the manifest bnd wrote (plugin
 * capability, schema header, components, settings description) and the console page's script.
 */
class BundleTest {
    @Test
    void manifestDeclaresThePluginAndItsSchema() throws IOException {
        Attributes manifest = BuiltBundle.manifest();
        assertEquals("org.tesseracrm.plugin.salon", manifest.getValue("Bundle-SymbolicName"));
        assertEquals("salon", manifest.getValue("Tessera-Schema"));
        String capability = manifest.getValue("Provide-Capability");
        assertNotNull(capability);
        assertTrue(capability.contains("tessera.plugin;tessera.plugin=salon;name=\"Beauty salon\";version:Version=\"1.0.0\"")
                || capability.contains("tessera.plugin;tessera.plugin=\"salon\";name=\"Beauty salon\";version:Version=\"1.0.0\""),
                capability);
        assertEquals(null, manifest.getValue("Export-Package"), "a plugin exports nothing unless another needs it");
    }

    @Test
    void everyContributionIsADeclarativeServicesComponent() throws IOException {
        String components = BuiltBundle.manifest().getValue("Service-Component");
        for (String component : new String[] {"SalonSettings", "data.SalonServices", "data.Appointments",
            "rest.SalonServiceResource", "rest.AppointmentResource", "console.AppointmentsPage",
            "kpi.AppointmentsHeldMetric", "events.ContactDeletedHandler"}) {
            assertTrue(components.contains("org.tesseracrm.plugin.salon.internal." + component + ".xml"),
                    component + " in " + components);
        }
        assertTrue(Files.exists(BuiltBundle.file("OSGI-INF/metatype/" + SalonSettings.PID + ".xml")),
                "the setting is described for editors (metatype)");
    }

    @Test
    void resourcesJoinThePluginsOwnApplication() throws IOException {
        for (String resource : new String[] {"SalonServiceResource", "AppointmentResource"}) {
            String component = Files.readString(BuiltBundle.file(
                    "OSGI-INF/org.tesseracrm.plugin.salon.internal.rest." + resource + ".xml"), StandardCharsets.UTF_8);
            assertTrue(component.contains("name=\"osgi.jaxrs.application.select\" type=\"String\" "
                    + "value=\"(osgi.jaxrs.name=tessera-salon)\""), component);
        }
    }

    @Test
    void consolePageScriptIsInTheBundleAndExportsRender() throws IOException {
        String script = Files.readString(BuiltBundle.file(new AppointmentsPage().script()), StandardCharsets.UTF_8);
        assertTrue(script.contains("export async function render(element, kit)"), script);
        assertTrue(script.contains("kit.api.get('/salon/appointments'"), script);
    }
}
