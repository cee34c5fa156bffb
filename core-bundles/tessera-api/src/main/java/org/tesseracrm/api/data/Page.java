package org.tesseracrm.api.data;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items  the records of this page, in the requested order
 * @param total  how many records match the query in all
 * @param offset the index of the first item in the whole result
 * @param limit  the page size that was asked for
 * @param <T>    the record type
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {
    public Page {
        items = List.copyOf(items);
    }
}
