package org.tesseracrm.platform.internal.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.tesseracrm.api.data.Searchable;

/**
 * Turns searchable values into index terms, and a search into the prefix to look for.
 *
 * <p>A record's stored terms are found again by computing them from the stored record (there is no index of
 * terms by record): a change to how terms are cut must come with a migration that rebuilds the terms (as
 * {@code RecordStore} does for terms without a creation time), or the old terms of updated records stay.
 */
final class SearchTerms {
    /** Longest term kept; longer values are cut. */
    static final int MAX_TERM = 100;

    /** What, besides white space, separates the words of a text value, as a regex character class's body. */
    private static final String PUNCTUATION = ",.;:()\"'«»/";
    /** Where a text value is cut into words (compiled once: every record written is cut). */
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s" + PUNCTUATION + "]+");
    /** Punctuation around a word of a search. */
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[" + PUNCTUATION + "]+|[" + PUNCTUATION + "]+$");

    private SearchTerms() {
    }

    /** @return the index terms of a record's {@link Searchable} fields */
    static <T> Set<String> of(RecordType<T> type, T record) {
        Set<String> terms = new LinkedHashSet<>();
        for (RecordField field : type.fields()) {
            Searchable searchable = field.searchable();
            if (searchable == null) {
                continue;
            }
            Object value = field.valueOf(record);
            if (value instanceof String text) {
                add(terms, searchable.value(), text);
            } else if (value instanceof Collection<?> values) {
                for (Object element : values) {
                    if (element instanceof String text) {
                        add(terms, searchable.value(), text);
                    }
                }
            }
        }
        return terms;
    }

    private static void add(Set<String> terms, Searchable.Kind kind, String value) {
        switch (kind) {
            case TEXT -> {
                String lower = value.strip().toLowerCase(Locale.ROOT);
                put(terms, lower);
                for (String word : WORD_SEPARATORS.split(lower)) {
                    put(terms, word);
                }
            }
            case EMAIL -> put(terms, value.strip().toLowerCase(Locale.ROOT));
            case PHONE -> {
                String digits = value.replaceAll("\\D", "");
                put(terms, digits);
                if (digits.length() == 11 && (digits.startsWith("7") || digits.startsWith("8"))) {
                    put(terms, digits.substring(1)); // a Russian number without the trunk or country code
                }
            }
        }
    }

    private static void put(Set<String> terms, String term) {
        if (!term.isEmpty()) {
            terms.add(term.length() > MAX_TERM ? term.substring(0, MAX_TERM) : term);
        }
    }

    /** Most words of a search that must all match; a longer search keeps its longest words. */
    static final int MAX_WORDS = 8;

    /**
     * What a search looks for: a record matches when each of these is the start of one of its terms. A
     * phone-like search is one prefix, its digits; any other is its lower-case words (split at white space,
     * without the punctuation around them), so "петрова анна" finds Анна Петрова and "ООО Ромашка" finds
     * ООО «Ромашка».
     *
     * @return one to {@value #MAX_WORDS} prefixes
     */
    static List<String> prefixes(String search) {
        String text = search.strip();
        if (text.matches("\\+?[0-9 ()\\-.]{3,}")) {
            return List.of(cut(text.replaceAll("\\D", "")));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(lower.split("\\s+"))
                .map(word -> cut(EDGE_PUNCTUATION.matcher(word).replaceAll("")))
                .filter(word -> !word.isEmpty()).toList()));
        if (words.isEmpty()) {
            return List.of(cut(lower));
        }
        if (words.size() > MAX_WORDS) {
            List<String> longest = new ArrayList<>(words);
            longest.sort(Comparator.comparingInt(String::length).reversed());
            words.retainAll(longest.subList(0, MAX_WORDS));
        }
        return words;
    }

    private static String cut(String term) {
        return term.length() > MAX_TERM ? term.substring(0, MAX_TERM) : term;
    }

    /** @return the smallest string greater than every string starting with the prefix */
    static String upperBound(String prefix) {
        return prefix + Character.MAX_VALUE;
    }
}
