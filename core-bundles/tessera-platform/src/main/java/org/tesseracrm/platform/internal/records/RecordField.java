package org.tesseracrm.platform.internal.records;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;

import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Pattern;
import org.tesseracrm.api.data.Range;
import org.tesseracrm.api.data.RefersTo;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;

/**
 * One component of a record type with its column and the rules declared on it.
 *
 * @param name       the component (and JSON) name
 * @param column     the column name
 * @param type       the component's class
 * @param genericType the component's full type (for lists)
 * @param kind       how it is stored
 * @param component  the reflective handle
 */
record RecordField(String name, String column, Class<?> type, Type genericType, FieldKind kind,
        RecordComponent component) {

    static RecordField of(RecordComponent component) {
        return new RecordField(component.getName(), column(component.getName()), component.getType(),
                component.getGenericType(), FieldKind.of(component.getType()), component);
    }

    /** {@code companyId} → {@code company_id}. */
    static String column(String name) {
        StringBuilder column = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                column.append('_').append(Character.toLowerCase(c));
            } else {
                column.append(c);
            }
        }
        return column.toString();
    }

    Object valueOf(Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + name, e);
        }
    }

    boolean required() {
        return component.isAnnotationPresent(Required.class);
    }

    MaxLength maxLength() {
        return component.getAnnotation(MaxLength.class);
    }

    Pattern pattern() {
        return component.getAnnotation(Pattern.class);
    }

    Range range() {
        return component.getAnnotation(Range.class);
    }

    RefersTo refersTo() {
        return component.getAnnotation(RefersTo.class);
    }

    Searchable searchable() {
        return component.getAnnotation(Searchable.class);
    }
}
