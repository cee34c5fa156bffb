package org.tesseracrm.api.crm;

/**
 * Deal events beyond create/update/delete, posted after the change commits. Each carries the
 * properties of {@link org.tesseracrm.api.data.RecordEvents} plus {@value #PIPELINE_ID},
 * {@value #STAGE_ID} and {@value #PREVIOUS_STAGE_ID}.
 */
public final class CrmTopics {
    /** A deal moved to another stage. */
    public static final String DEAL_STAGE_CHANGED = "org/tesseracrm/deal/STAGE_CHANGED";
    /** A deal reached a won stage. */
    public static final String DEAL_WON = "org/tesseracrm/deal/WON";
    /** A deal reached a lost stage. */
    public static final String DEAL_LOST = "org/tesseracrm/deal/LOST";

    /** Event property: the deal's pipeline. */
    public static final String PIPELINE_ID = "pipelineId";
    /** Event property: the deal's stage after the change. */
    public static final String STAGE_ID = "stageId";
    /** Event property: the deal's stage before the change (absent on create). */
    public static final String PREVIOUS_STAGE_ID = "previousStageId";

    private CrmTopics() {
    }
}
