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
@Component
public final class StockValueMetric implements KpiMetric {
    /** The metric's id. */
    public static final String ID = "warehouse.stockValue";

    private final StockReports reports;

    /** Values through the stock reports. */
    @Activate
    public StockValueMetric(@Reference StockReports reports) {
        this.reports = reports;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Stock value";
    }

    @Override
    public String unit() {
        return "cost";
    }

    @Override
    public BigDecimal measure(LocalDate from, LocalDate to, String ownerId) {
        return reports.value().total();
    }
}
