package org.tesseracrm.api.crm;

/** Whether a pipeline stage is still open or ends the deal. */
public enum StageKind {
    /** The deal is in progress. */
    OPEN,
    /** The deal is won. */
    WON,
    /** The deal is lost. */
    LOST
}
