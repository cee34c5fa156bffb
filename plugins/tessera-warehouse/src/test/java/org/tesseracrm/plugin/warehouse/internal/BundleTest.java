package org.tesseracrm.plugin.warehouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;

import org.junit.jupiter.api.Test;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.plugin.warehouse.internal.data.Document;
import org.tesseracrm.plugin.warehouse.internal.data.DocumentKind;
import org.tesseracrm.testing.BuiltBundle;

/**
 * What the platform reads from the bundle rather than from code: the manifest bnd wrote (plugin
 * capability, schema header, exported API, components), the resources' application, and the JSON shape of
 * a document as the platform's strict codec reads it.
 */
class BundleTest {
    @Test
    void manifestDeclaresThePluginItsSchemaAndItsApi() throws IOException {
        Attributes manifest = BuiltBundle.manifest();
        assertEquals("org.tesseracrm.plugin.warehouse", manifest.getValue("Bundle-SymbolicName"));
        assertEquals("warehouse", manifest.getValue("Tessera-Schema"));
        String capability = manifest.getValue("Provide-Capability");
        assertNotNull(capability);
        assertTrue(capability.contains("tessera.plugin;tessera.plugin=warehouse;name=Warehouse;version:Version=\"1.0.0\"")
                || capability.contains("tessera.plugin;tessera.plugin=\"warehouse\";name=\"Warehouse\";version:Version=\"1.0.0\""),
                capability);
        assertEquals("org.tesseracrm.plugin.warehouse.api;version=\"1.1.0\"", manifest.getValue("Export-Package"));
        assertTrue(Files.exists(BuiltBundle.file("TESSERA-INF/db/V001__warehouse.sql")));
        assertTrue(Files.exists(BuiltBundle.file("TESSERA-INF/db/V002__reservations_thresholds.sql")));
        for (String page : new String[] {"stock", "documents", "history", "low-stock"}) {
            assertTrue(Files.exists(BuiltBundle.file("console/" + page + ".js")), page);
        }
    }

    @Test
    void everyContributionIsADeclarativeServicesComponent() throws IOException {
        String components = BuiltBundle.manifest().getValue("Service-Component");
        for (String component : new String[] {"data.Warehouses", "data.Documents", "data.Ledger",
            "rest.WarehouseResource", "rest.DocumentResource", "rest.StockResource", "rest.MovementResource",
            "rest.ReservationStageResource", "rest.DealReservationResource", "rest.LowStockResource", "data.LowStock",
            "data.StockReports", "deals.DealReservations", "deals.DealEvents", "deals.ReservationStages",
            "kpi.OutOfStockMetric", "kpi.StockValueMetric", "kpi.TurnoverMetric", "console.StockPage",
            "security.WarehouseKeeperRole",
            "console.DocumentsPage", "console.ProductHistoryPage", "console.LowStockPage"}) {
            assertTrue(components.contains("org.tesseracrm.plugin.warehouse.internal." + component + ".xml"),
                    component + " in " + components);
        }
        String ledger = Files.readString(BuiltBundle.file(
                "OSGI-INF/org.tesseracrm.plugin.warehouse.internal.data.Ledger.xml"), StandardCharsets.UTF_8);
        assertTrue(ledger.contains("org.tesseracrm.plugin.warehouse.api.Stock"), "the Stock API is a service: " + ledger);
        for (String metric : new String[] {"OutOfStockMetric", "StockValueMetric", "TurnoverMetric"}) {
            String component = Files.readString(BuiltBundle.file(
                    "OSGI-INF/org.tesseracrm.plugin.warehouse.internal.kpi." + metric + ".xml"), StandardCharsets.UTF_8);
            assertTrue(component.contains("<provide interface=\"org.tesseracrm.spi.kpi.KpiMetric\"/>"),
                    "the console's KPIs find " + metric + ": " + component);
        }
    }

    @Test
    void resourcesJoinThePluginsOwnApplication() throws IOException {
        for (String resource : new String[] {"WarehouseResource", "DocumentResource", "StockResource",
            "MovementResource", "ReservationStageResource", "DealReservationResource", "LowStockResource"}) {
            String component = Files.readString(BuiltBundle.file(
                    "OSGI-INF/org.tesseracrm.plugin.warehouse.internal.rest." + resource + ".xml"), StandardCharsets.UTF_8);
            assertTrue(component.contains("name=\"osgi.jaxrs.application.select\" type=\"String\" "
                    + "value=\"(osgi.jaxrs.name=tessera-warehouse)\""), component);
        }
    }

    @Test
    void aDocumentIsReadFromJsonWithExactDecimalQuantities() {
        JsonCodec json = new JsonCodec();
        Document document = json.read(new ByteArrayInputStream(("{\"kind\":\"RECEIPT\",\"warehouseId\":\"w1\","
                + "\"postingDate\":\"2026-03-10\",\"lines\":[{\"productId\":\"p1\",\"quantity\":0.1,\"price\":12.3456}]}")
                .getBytes(StandardCharsets.UTF_8)), Document.class);
        assertEquals(DocumentKind.RECEIPT, document.kind());
        assertEquals(0, new BigDecimal("0.1").compareTo(document.lines().get(0).quantity()));
        assertEquals(0, new BigDecimal("12.3456").compareTo(document.lines().get(0).price()));
        ProblemException unknownKind = assertThrows(ProblemException.class, () -> json.read(new ByteArrayInputStream(
                "{\"kind\":\"GIFT\",\"warehouseId\":\"w1\"}".getBytes(StandardCharsets.UTF_8)), Document.class));
        assertTrue(unknownKind.type() == ProblemType.INVALID_FIELD || unknownKind.type() == ProblemType.MALFORMED_REQUEST,
                unknownKind.type().name());
    }
}
