package org.tesseracrm.plugin.warehouse.internal.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.rest.TesseraApi;

/**
 * The warehouse's JAX-RS application: the platform creates {@code tessera-warehouse} at
 * {@code /api/v1/warehouse} when the plugin starts. Also the parameter parsing its resources share.
 */
final class WarehouseApplication {
    /** Filter a warehouse resource selects its application with. */
    static final String SELECT = "(osgi.jaxrs.name=" + TesseraApi.PLUGIN_APPLICATION_PREFIX + "warehouse)";
    /** Default page size of stock and movement lists. */
    static final int DEFAULT_LIMIT = 100;
    /** Largest page size of stock and movement lists. */
    static final int MAX_LIMIT = 1000;

    private WarehouseApplication() {
    }

    /** @return the date, or {@code null} when the parameter is absent */
    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.malformed(name, "parameter '" + name + "' must be a date like 2026-01-31");
        }
    }

    /** @return a whole number between min and max, or the default when absent */
    static int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.malformed(name, "parameter '" + name + "' must be a whole number");
        }
        if (number < min || number > max) {
            throw ProblemException.invalid(name, "parameter '" + name + "' must be between " + min + " and " + max);
        }
        return number;
    }

    /** @return the value, or {@code null} when blank */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** @return the value; a problem naming the parameter when it is absent */
    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(name, "parameter '" + name + "' is required");
        }
        return value.strip();
    }
}
