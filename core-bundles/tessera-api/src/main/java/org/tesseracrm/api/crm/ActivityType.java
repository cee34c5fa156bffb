package org.tesseracrm.api.crm;

/** What kind of activity. */
public enum ActivityType {
    /** A phone call. */
    CALL,
    /** A meeting. */
    MEETING,
    /** An e-mail. */
    EMAIL,
    /** A task to do. */
    TASK
}
