package org.tesseracrm.plugin.warehouse.internal.kpi;

import org.tesseracrm.plugin.warehouse.internal.data.StockReports;
import org.tesseracrm.spi.kpi.KpiMetric;

/** What the warehouse's KPI metrics share: an id, a name and a unit, measured through the stock reports. */
abstract class StockMetric implements KpiMetric {
    /** Where the metrics read stock and its movements. */
    protected final StockReports reports;
    private final String id;
    private final String name;
    private final String unit;

    StockMetric(StockReports reports, String id, String name, String unit) {
        this.reports = reports;
        this.id = id;
        this.name = name;
        this.unit = unit;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String unit() {
        return unit;
    }
}
