package org.tesseracrm.api.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The longest text a field (or each element of a list of text) may hold. Text fields without this
 * annotation may hold {@value #DEFAULT} characters.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface MaxLength {
    /** Length of text fields that do not say otherwise. */
    int DEFAULT = 255;

    /** @return the maximum number of characters */
    int value();
}
