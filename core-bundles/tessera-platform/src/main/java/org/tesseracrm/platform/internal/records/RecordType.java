package org.tesseracrm.platform.internal.records;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tesseracrm.api.data.Entity;

/**
 * What the platform knows of a record type: entity name, table, fields, and how to copy a record with
 * other values. Built once per type by reflection.
 *
 * @param <T> the record type
 */
final class RecordType<T> {
    /** Components the server manages; callers cannot set them. */
    static final List<String> SERVER_FIELDS =
            List.of("id", "version", "createdAt", "createdBy", "updatedAt", "updatedBy", "deletedAt");
    /** Components whose change is not worth an audit line (they change with every write). */
    static final List<String> NOT_AUDITED = List.of("version", "createdAt", "createdBy", "updatedAt", "updatedBy");

    private final Class<T> type;
    private final String entity;
    private final String table;
    private final List<RecordField> fields;
    private final Map<String, RecordField> byName;
    private final Constructor<T> constructor;
    private final boolean restrictedToOwner;

    RecordType(Class<T> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        Entity entityAnnotation = type.getAnnotation(Entity.class);
        if (entityAnnotation == null) {
            throw new IllegalArgumentException(type + " has no @Entity");
        }
        this.type = type;
        this.entity = entityAnnotation.name();
        this.table = entityAnnotation.table();
        this.restrictedToOwner = entityAnnotation.restrictedToOwner();
        RecordComponent[] components = type.getRecordComponents();
        List<RecordField> list = new ArrayList<>();
        Map<String, RecordField> map = new LinkedHashMap<>();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordField field = RecordField.of(components[i]);
            list.add(field);
            map.put(field.name(), field);
            parameterTypes[i] = components[i].getType();
        }
        for (String required : List.of("id", "version")) {
            if (!map.containsKey(required)) {
                throw new IllegalArgumentException(type + " must have a component '" + required + "'");
            }
        }
        this.fields = Collections.unmodifiableList(list);
        this.byName = Collections.unmodifiableMap(map);
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type + " has no canonical constructor", e);
        }
    }

    Class<T> type() {
        return type;
    }

    /** @return whether records are seen by their owners (and those above them) only */
    boolean restrictedToOwner() {
        return restrictedToOwner;
    }

    String entity() {
        return entity;
    }

    String table() {
        return table;
    }

    List<RecordField> fields() {
        return fields;
    }

    RecordField field(String name) {
        return byName.get(name);
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    Object value(T record, String name) {
        RecordField field = byName.get(name);
        return field == null ? null : field.valueOf(record);
    }

    /** @return a copy of the record with some components replaced (unknown names are ignored) */
    T with(T record, Map<String, Object> changes) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            RecordField field = fields.get(i);
            values[i] = changes.containsKey(field.name()) ? changes.get(field.name()) : field.valueOf(record);
            if (values[i] == null && field.type() == List.class) {
                values[i] = List.of(); // an omitted list is an empty one, never null
            }
        }
        return newInstance(values);
    }

    T newInstance(Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type.getSimpleName(), e);
        }
    }
}
