package org.tesseracrm.api.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field (text, or list of text) can be found through {@link Query#search()}: a record matches when each
 * word of the search, case-insensitively, starts one of the terms its searchable fields give ({@link Kind}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Searchable {
    /** @return how the values are indexed */
    Kind value() default Kind.TEXT;

    /** How a searchable value is indexed. */
    enum Kind {
        /** Each word and the whole value, lower case. */
        TEXT,
        /** The whole value, lower case ({@code ivan@example.com}). */
        EMAIL,
        /** The digits only, so {@code +7 (495) 123} is found by {@code 7495} and by {@code 495}. */
        PHONE
    }
}
