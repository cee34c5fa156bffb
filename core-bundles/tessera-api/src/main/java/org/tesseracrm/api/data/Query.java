package org.tesseracrm.api.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tesseracrm.api.ProblemException;

/**
 * What a list asks for: a page, an order, exact-match filters and a prefix search.
 *
 * @param offset         index of the first record (0-based)
 * @param limit          page size, 1 to {@link #MAX_LIMIT}
 * @param sort           field to sort by, or {@code null} for the default (creation order)
 * @param descending     sort in descending order
 * @param filters        field name to the exact value it must have
 * @param search         words that must each start a word of a searchable field (name, email, phone digits),
 *                       in any order and case-insensitively, or {@code null}
 * @param includeDeleted list soft-deleted records instead of live ones
 */
public record Query(int offset, int limit, String sort, boolean descending, Map<String, String> filters,
        String search, boolean includeDeleted) {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 50;
    /** Largest page size a client may ask for. */
    public static final int MAX_LIMIT = 500;

    public Query {
        if (offset < 0) {
            throw ProblemException.invalid("offset", "offset must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        filters = Map.copyOf(filters);
    }

    /** The first page in creation order, no filters. */
    public static Query firstPage() {
        return new Query(0, DEFAULT_LIMIT, null, false, Map.of(), null, false);
    }

    /** @return a copy of this query with one more exact-match filter */
    public Query where(String field, String value) {
        Map<String, String> more = new LinkedHashMap<>(filters);
        more.put(field, value);
        return new Query(offset, limit, sort, descending, more, search, includeDeleted);
    }

    /** @return a copy of this query for another page */
    public Query page(int newOffset, int newLimit) {
        return new Query(newOffset, newLimit, sort, descending, filters, search, includeDeleted);
    }

    /**
     * Reads a query from URL parameters: {@code offset}, {@code limit}, {@code sort} (a field, with
     * a leading {@code -} for descending), {@code q} (prefix search), {@code deleted=true}; every other
     * parameter is an exact-match filter on the field of that name.
     *
     * @throws ProblemException naming the parameter when a value cannot be read
     */
    public static Query fromParameters(Map<String, List<String>> parameters) {
        int offset = 0;
        int limit = DEFAULT_LIMIT;
        String sort = null;
        boolean descending = false;
        String search = null;
        boolean deleted = false;
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            List<String> values = parameter.getValue();
            if (values.size() != 1) {
                throw ProblemException.invalid(name, "parameter '" + name + "' must be given once");
            }
            String value = values.get(0);
            switch (name) {
                case "offset" -> offset = integer(name, value);
                case "limit" -> limit = integer(name, value);
                case "sort" -> {
                    descending = value.startsWith("-");
                    sort = descending ? value.substring(1) : value;
                }
                case "q" -> search = value.isBlank() ? null : value.strip();
                case "deleted" -> deleted = bool(name, value);
                default -> filters.put(name, value);
            }
        }
        return new Query(offset, limit, sort, descending, filters, search, deleted);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.malformed(name, "parameter '" + name + "' must be a whole number");
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.malformed(name, "parameter '" + name + "' must be true or false");
        };
    }
}
