package org.tesseracrm.plugin.warehouse.internal.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.plugin.warehouse.internal.data.StockReports;
import org.tesseracrm.spi.kpi.KpiMetric;

/**
 * {@value #ID}: what the stock on hand in all live warehouses is worth now, at moving-average cost. A
 * state, not a flow: the period and the owner do not change it.
 */
@Component(service = KpiMetric.class)
public final class StockValueMetric extends StockMetric {
    /** The metric's id. */
    public static final String ID = "warehouse.stockValue";

    /** Values through the stock reports. */
    @Activate
    public StockValueMetric(@Reference StockReports reports) {
        super(reports, ID, "Stock value", "cost");
    }

    @Override
    public BigDecimal measure(LocalDate from, LocalDate to, String ownerId) {
        return reports.value().total();
    }
}
