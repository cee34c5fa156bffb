package org.tesseracrm.plugin.warehouse.internal.data;

/** Where a document is in its life: drafts are edited, posted documents changed stock, reversed ones undid it. */
public enum DocumentStatus {
    /** Editable; has not touched stock. */
    DRAFT,
    /** Its movements are in the ledger; never edited again. */
    POSTED,
    /** Posted, then undone by the opposite movements. */
    REVERSED
}
