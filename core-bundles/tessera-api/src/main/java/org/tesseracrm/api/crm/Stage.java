package org.tesseracrm.api.crm;

import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Range;
import org.tesseracrm.api.data.Required;

/**
 * A step of a pipeline.
 *
 * @param id          stable id within the pipeline (generated when omitted)
 * @param name        what users see
 * @param kind        open, won or lost
 * @param probability default chance of winning for deals in this stage, percent
 */
public record Stage(
        @MaxLength(40) String id,
        @Required @MaxLength(100) String name,
        @Required StageKind kind,
        @Range(min = 0, max = 100) Integer probability) {
}
