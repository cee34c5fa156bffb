package org.tesseracrm.platform.internal.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How a search becomes the prefixes a record's terms must start with. */
class SearchTermsTest {

    @Test
    void aSearchIsItsLowerCaseWordsWithoutThePunctuationAroundThem() {
        assertEquals(List.of("петрова", "анна"), SearchTerms.prefixes("  Петрова,   «Анна» "));
        assertEquals(List.of("ооо", "ромашка"), SearchTerms.prefixes("ООО \"Ромашка\""));
    }

    @Test
    void punctuationInsideAWordStaysForTermsThatKeepIt() {
        assertEquals(List.of("ivan.petrov@ex"), SearchTerms.prefixes("Ivan.Petrov@Ex"));
        assertEquals(List.of("art-12", "синий"), SearchTerms.prefixes("ART-12 синий."));
    }

    @Test
    void aPhoneLikeSearchIsOnePrefixOfItsDigits() {
        assertEquals(List.of("7495123"), SearchTerms.prefixes("+7 (495) 12-3"));
    }

    @Test
    void aWordTwiceCountsOnce() {
        assertEquals(List.of("анна", "петрова"), SearchTerms.prefixes("Анна анна Петрова"));
    }

    @Test
    void aLongSearchKeepsItsLongestWordsInTheirOrder() {
        List<String> words = SearchTerms.prefixes("a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj");

        assertEquals(SearchTerms.MAX_WORDS, words.size());
        assertEquals(List.of("ccc", "dddd", "eeeee", "ffffff", "ggggggg", "hhhhhhhh", "iiiiiiiii", "jjjjjjjjjj"), words);
    }

    @Test
    void aWordIsCutLikeATerm() {
        assertEquals(List.of("x".repeat(SearchTerms.MAX_TERM)), SearchTerms.prefixes("x".repeat(500)));
    }

    @Test
    void onlyPunctuationIsSearchedAsItIs() {
        assertEquals(List.of("«»"), SearchTerms.prefixes(" «» "));
    }
}
