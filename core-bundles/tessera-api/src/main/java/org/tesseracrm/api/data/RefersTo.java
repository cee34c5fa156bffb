package org.tesseracrm.api.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field holds the id of a live record in another table; a write naming an unknown (or deleted)
 * id is refused with a problem naming the field.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface RefersTo {
    /** @return the schema-qualified table of the referenced records ({@code core.company}) */
    String value();
}
