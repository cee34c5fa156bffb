package org.tesseracrm.plugin.warehouse.internal.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.plugin.warehouse.internal.data.StockReports;
import org.tesseracrm.spi.kpi.KpiMetric;

/**
 * {@value #ID}: stock turnover of the period — the cost of goods shipped in it (shipments at the cost
 * they left at, net of reversals; only the owner's shipments when one is given) divided by the stock value
 * now. 2 means the period shipped twice what sits on the shelves; 0 when nothing is in stock.
 */
@Component(service = KpiMetric.class)
public final class TurnoverMetric extends StockMetric {
    /** The metric's id. */
    public static final String ID = "warehouse.turnover";

    /** Measures through the stock reports. */
    @Activate
    public TurnoverMetric(@Reference StockReports reports) {
        super(reports, ID, "Stock turnover", "ratio");
    }

    @Override
    public BigDecimal measure(LocalDate from, LocalDate to, String ownerId) {
        BigDecimal value = reports.value().total();
        if (value.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return reports.shippedCost(from, to, ownerId).divide(value, 4, RoundingMode.HALF_UP);
    }
}
