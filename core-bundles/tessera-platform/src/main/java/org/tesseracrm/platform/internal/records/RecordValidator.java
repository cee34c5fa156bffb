package org.tesseracrm.platform.internal.records;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Pattern;
import org.tesseracrm.api.data.Range;
import org.tesseracrm.api.data.RefersTo;
import org.tesseracrm.api.data.Required;

/**
 * Checks the rules declared on record components, recursively into nested records and lists. The
 * first broken rule is reported as a problem naming the field by its JSON path
 * ({@code lines[2].quantity}).
 */
final class RecordValidator {
    /** Most elements a list field may have. */
    static final int MAX_LIST_SIZE = 200;
    /** Largest scale of a decimal: what a {@code DECIMAL(19,4)} column keeps. */
    static final int MAX_SCALE = 4;
    /** Largest number of integer digits of a decimal in a {@code DECIMAL(19,4)} column. */
    static final int MAX_INTEGER_DIGITS = 15;

    private RecordValidator() {
    }

    /**
     * A component and the rules declared on it, read once per record type: reading annotations from
     * {@link Class#getRecordComponents()} parses them afresh on every call, which was most of the cost of
     * validating a record in a bulk import.
     */
    private record Rule(String name, java.lang.reflect.Method accessor, boolean required,
            MaxLength maxLength, Pattern pattern, java.util.regex.Pattern regex, Range range, RefersTo refersTo) {

        Object valueOf(Object record) {
            try {
                return accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The rules of each record type, by class. */
    private static final ClassValue<List<Rule>> RULES = new ClassValue<>() {
        @Override
        protected List<Rule> computeValue(Class<?> type) {
            List<Rule> rules = new java.util.ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Pattern pattern = component.getAnnotation(Pattern.class);
                rules.add(new Rule(component.getName(), component.getAccessor(),
                        component.isAnnotationPresent(Required.class), component.getAnnotation(MaxLength.class),
                        pattern, pattern == null ? null : java.util.regex.Pattern.compile(pattern.value()),
                        component.getAnnotation(Range.class), component.getAnnotation(RefersTo.class)));
            }
            return List.copyOf(rules);
        }
    };

    /**
     * Checks every component except the server-managed ones.
     *
     * @throws ProblemException naming the first invalid field
     */
    static void validate(Object record, List<String> skip) {
        for (Rule rule : RULES.get(record.getClass())) {
            if (!skip.contains(rule.name())) {
                check(rule, rule.valueOf(record), rule.name());
            }
        }
    }

    /**
     * Checks that every {@link RefersTo} field names a live record. Fields whose value is the same as in
     * the stored record are not checked again: a record that refers to one since deleted stays editable.
     *
     * @param previous the stored record, or {@code null} on create
     * @throws ProblemException naming the first field with an unknown id
     */
    static void checkReferences(Object record, Object previous, Connection connection, String path)
            throws SQLException {
        checkReferences(record, previous, connection, path, (c, table, id) -> true);
    }

    /** Whether the acting user may see a referenced record (one they may not see does not exist for them). */
    @FunctionalInterface
    interface ReferenceAccess {
        /** @return whether the record of that table and id is visible to the acting user */
        boolean visible(Connection connection, String table, String id) throws SQLException;
    }

    /**
     * Checks that every reference that changed names an existing record the acting user may see; a
     * record out of their reach is answered exactly like a missing one.
     */
    static void checkReferences(Object record, Object previous, Connection connection, String path,
            ReferenceAccess access) throws SQLException {
        for (Rule rule : RULES.get(record.getClass())) {
            Object value = rule.valueOf(record);
            if (previous != null && java.util.Objects.equals(value, rule.valueOf(previous))) {
                continue;
            }
            if (rule.refersTo() == null && !(value instanceof Record) && !(value instanceof List<?>)) {
                continue; // nothing to check, and no path to build
            }
            String fieldPath = path.isEmpty() ? rule.name() : path + "." + rule.name();
            RefersTo refersTo = rule.refersTo();
            if (refersTo != null && value instanceof String id && (!exists(connection, refersTo.value(), id)
                    || !access.visible(connection, refersTo.value(), id))) {
                throw ProblemException.invalid(fieldPath, fieldPath + " names no existing record: '" + id + "'");
            }
            if (value instanceof Record nested) {
                checkReferences(nested, null, connection, fieldPath, access);
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Record nested) {
                        checkReferences(nested, null, connection, fieldPath + "[" + i + "]", access);
                    }
                }
            }
        }
    }

    private static boolean exists(Connection connection, String table, String id) throws SQLException {
        if (id.length() > 36) {
            return false;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM " + table + " WHERE id = ? AND deleted_at IS NULL")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void check(Rule rule, Object value, String path) {
        if (rule.required() && isMissing(value)) {
            throw ProblemException.invalid(path, path + " is required");
        }
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            if (collection.size() > MAX_LIST_SIZE) {
                throw ProblemException.invalid(path, path + " may have at most " + MAX_LIST_SIZE + " elements");
            }
            int i = 0;
            for (Object element : collection) {
                String elementPath = path + "[" + i++ + "]";
                if (element == null) {
                    throw ProblemException.invalid(elementPath, elementPath + " must not be null");
                }
                checkValue(rule, element, elementPath);
            }
            return;
        }
        checkValue(rule, value, path);
    }

    private static void checkValue(Rule rule, Object value, String path) {
        if (value instanceof String text) {
            checkText(rule, text, path);
        } else if (value instanceof BigDecimal decimal) {
            checkDecimal(rule.range(), decimal, path);
        } else if (value instanceof Integer || value instanceof Long) {
            checkRange(rule.range(), ((Number) value).longValue(), path);
        } else if (value instanceof LocalDate date) {
            checkYear(date.getYear(), path);
        } else if (value instanceof Instant instant) {
            checkYear(instant.atOffset(ZoneOffset.UTC).getYear(), path);
        } else if (value instanceof Record nested) {
            for (Rule inner : RULES.get(nested.getClass())) {
                check(inner, inner.valueOf(nested), path + "." + inner.name());
            }
        }
    }

    private static void checkText(Rule rule, String text, String path) {
        MaxLength maxLength = rule.maxLength();
        int max = maxLength == null ? MaxLength.DEFAULT : maxLength.value();
        if (text.length() > max) {
            throw ProblemException.invalid(path, path + " may have at most " + max + " characters, not "
                    + text.length());
        }
        if (text.indexOf('\0') >= 0) {
            throw ProblemException.invalid(path, path + " must not contain the NUL character");
        }
        Pattern pattern = rule.pattern();
        if (pattern != null && !rule.regex().matcher(text).matches()) {
            throw ProblemException.invalid(path, path + " " + pattern.message());
        }
    }

    private static void checkDecimal(Range range, BigDecimal decimal, String path) {
        BigDecimal normalised = decimal.stripTrailingZeros();
        if (normalised.scale() > MAX_SCALE) {
            throw ProblemException.invalid(path, path + " may have at most " + MAX_SCALE + " decimal places");
        }
        if (normalised.precision() - normalised.scale() > MAX_INTEGER_DIGITS) {
            throw ProblemException.invalid(path, path + " is too large");
        }
        if (range != null && (decimal.compareTo(BigDecimal.valueOf(range.min())) < 0
                || decimal.compareTo(BigDecimal.valueOf(range.max())) > 0)) {
            throw ProblemException.invalid(path, path + " must be between " + range.min() + " and " + range.max());
        }
    }

    private static void checkRange(Range range, long number, String path) {
        if (range != null && (number < range.min() || number > range.max())) {
            throw ProblemException.invalid(path, path + " must be between " + range.min() + " and " + range.max());
        }
    }

    private static void checkYear(int year, String path) {
        if (year < 1 || year > 9999) {
            throw ProblemException.invalid(path, path + " must be a date between the years 1 and 9999");
        }
    }

    private static boolean isMissing(Object value) {
        return value == null
                || value instanceof String text && text.isBlank()
                || value instanceof Collection<?> collection && collection.isEmpty();
    }

    /** @return the element class of a {@code List<X>} type, or {@code null} */
    static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return null;
    }
}
