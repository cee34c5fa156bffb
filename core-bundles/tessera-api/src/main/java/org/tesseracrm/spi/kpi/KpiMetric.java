package org.tesseracrm.spi.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A measurable number for a period — deals won, revenue, appointments held, stock value. Register an
 * implementation as a service; it is measured on demand, so keep it to one query.
 */
@ConsumerType
public interface KpiMetric {

    /** @return a unique id, conventionally {@code <plugin>.<metric>} ({@code salon.appointments}) */
    String id();

    /** @return the name users see */
    String name();

    /** @return the unit ({@code count}, {@code RUB}, {@code %}) */
    String unit();

    /**
     * @param from        first day of the period, inclusive
     * @param to          last day of the period, inclusive
     * @param ownerId     only records of this user, or {@code null} for everyone's
     * @return the value for the period
     */
    BigDecimal measure(LocalDate from, LocalDate to, String ownerId);
}
