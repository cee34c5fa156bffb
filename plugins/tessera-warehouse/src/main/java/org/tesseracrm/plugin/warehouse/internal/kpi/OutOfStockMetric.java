package org.tesseracrm.plugin.warehouse.internal.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.plugin.warehouse.internal.data.StockReports;
import org.tesseracrm.spi.kpi.KpiMetric;

/**
 * {@value #ID}: how many products are out of stock now — stock rows (a product in a live warehouse) with
 * nothing available. A state, not a flow: the period and the owner do not change it.
 */
@Component(service = KpiMetric.class)
public final class OutOfStockMetric extends StockMetric {
    /** The metric's id. */
    public static final String ID = "warehouse.outOfStock";

    /** Counts through the stock reports. */
    @Activate
    public OutOfStockMetric(@Reference StockReports reports) {
        super(reports, ID, "Products out of stock", "count");
    }

    @Override
    public BigDecimal measure(LocalDate from, LocalDate to, String ownerId) {
        return BigDecimal.valueOf(reports.outOfStock());
    }
}
