package org.tesseracrm.plugin.warehouse.internal.data;

/** What a warehouse document does to stock when it is posted. */
public enum DocumentKind {
    /** Goods come in at a cost: on hand grows, the moving-average cost is updated. */
    RECEIPT,
    /** Goods go out to a customer. */
    SHIPMENT,
    /** Goods move from the document's warehouse to its target warehouse, at the source's average cost. */
    TRANSFER,
    /** Goods are written off (damaged, lost). */
    WRITE_OFF,
    /**
     * An inventory count: each line's quantity is what was counted (zero allowed). Posting records the
     * difference from on-hand stock at that moment as an adjustment movement, in or out, at the average
     * cost; counted stock is the truth, so a count may leave less available than is reserved.
     */
    INVENTORY
}
