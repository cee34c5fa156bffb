package org.tesseracrm.platform.internal.records;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** How a record component is stored in its column. */
enum FieldKind {
    TEXT, INTEGER, LONG, DECIMAL, BOOLEAN, DATE, INSTANT, ENUM, JSON;

    static FieldKind of(Class<?> type) {
        if (type == String.class) {
            return TEXT;
        }
        if (type == Integer.class || type == int.class) {
            return INTEGER;
        }
        if (type == Long.class || type == long.class) {
            return LONG;
        }
        if (type == BigDecimal.class) {
            return DECIMAL;
        }
        if (type == Boolean.class || type == boolean.class) {
            return BOOLEAN;
        }
        if (type == LocalDate.class) {
            return DATE;
        }
        if (type == Instant.class) {
            return INSTANT;
        }
        if (type.isEnum()) {
            return ENUM;
        }
        return JSON; // lists and nested records
    }

    /** @return whether lists may filter and sort by this kind */
    boolean isScalar() {
        return this != JSON;
    }
}
