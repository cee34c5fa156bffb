package org.tesseracrm.api.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds of a number field, inclusive. Decimal fields without this annotation are limited to what
 * a {@code DECIMAL(19,4)} column holds.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Range {
    /** @return the smallest allowed value */
    long min();

    /** @return the largest allowed value */
    long max();
}
