package org.tesseracrm.platform.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Proves that migration scripts are cut into statements only at semicolons that end a statement: not
 * inside comments, not inside quoted text or identifiers (doubled quotes included), and that comments
 * disappear without gluing the words around them together.
 */
class SqlStatementsTest {

    @Test
    void splitsAtSemicolonsAndDropsBlankStatements() {
        assertEquals(List.of("CREATE TABLE a (id INT)", "CREATE TABLE b (id INT)"),
                SqlStatements.split("CREATE TABLE a (id INT);\n\n  CREATE TABLE b (id INT);;\n ; "));
    }

    @Test
    void keepsTheLastStatementWithoutSemicolon() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlStatements.split("SELECT 1;\nSELECT 2\n"));
    }

    @Test
    void emptyAndCommentOnlyScriptsHaveNoStatements() {
        assertEquals(List.of(), SqlStatements.split(""));
        assertEquals(List.of(), SqlStatements.split("-- nothing; here\n/* nor; here */\n"));
    }

    @Test
    void dropsLineComments() {
        assertEquals(List.of("CREATE TABLE t ( id INT, name VARCHAR(10) )", "SELECT 1"), normalised(SqlStatements.split("""
                        -- the table; with a semicolon in the comment
                        CREATE TABLE t (
                            id INT, -- the key; also commented
                            name VARCHAR(10)
                        );
                        SELECT 1; -- trailing comment without a newline at the end""")));
    }

    private static List<String> normalised(List<String> statements) {
        return statements.stream().map(s -> s.replaceAll("\\s+", " ")).toList();
    }

    @Test
    void dropsBlockCommentsIncludingSemicolonsAndNewlines() {
        assertEquals(List.of("CREATE TABLE t (id INT)", "SELECT 2"),
                SqlStatements.split("/* first;\n   second; */ CREATE TABLE t (id INT); /* ; */ SELECT 2"));
    }

    @Test
    void blockCommentSeparatesWordsLikeWhitespace() {
        // SQL treats a comment as a separator: "FROM/* c */t" is "FROM t", never "FROMt".
        List<String> statements = SqlStatements.split("SELECT id FROM/* the table */t");
        assertEquals(1, statements.size());
        assertEquals(List.of("SELECT", "id", "FROM", "t"), List.of(statements.get(0).split("\\s+")));
    }

    @Test
    void unterminatedBlockCommentEndsTheScript() {
        assertEquals(List.of("SELECT 1"), SqlStatements.split("SELECT 1; /* never closed; SELECT 2"));
    }

    @Test
    void semicolonsInsideQuotedTextDoNotSplit() {
        assertEquals(List.of("INSERT INTO t VALUES ('a;b', 'c; d')", "SELECT 1"),
                SqlStatements.split("INSERT INTO t VALUES ('a;b', 'c; d'); SELECT 1"));
    }

    @Test
    void semicolonsInsideQuotedIdentifiersDoNotSplit() {
        assertEquals(List.of("CREATE TABLE \"odd;name\" (\"a;b\" INT)", "SELECT 1"),
                SqlStatements.split("CREATE TABLE \"odd;name\" (\"a;b\" INT);SELECT 1"));
    }

    @Test
    void doubledQuotesStayInsideTheLiteral() {
        assertEquals(List.of("INSERT INTO t VALUES ('it''s; fine', '''')", "SELECT 'x'"),
                SqlStatements.split("INSERT INTO t VALUES ('it''s; fine', '''');SELECT 'x'"));
        assertEquals(List.of("CREATE TABLE \"a\"\";b\" (id INT)"),
                SqlStatements.split("CREATE TABLE \"a\"\";b\" (id INT);"));
    }

    @Test
    void commentMarkersInsideQuotesAreText() {
        assertEquals(List.of("INSERT INTO t VALUES ('-- not a comment;', '/* nor; this */')", "SELECT 1"),
                SqlStatements.split("INSERT INTO t VALUES ('-- not a comment;', '/* nor; this */');\nSELECT 1"));
    }

    @Test
    void quotesInsideCommentsDoNotOpenLiterals() {
        assertEquals(List.of("SELECT 1", "SELECT 2"),
                SqlStatements.split("-- don't\nSELECT 1; /* it's */ SELECT 2"));
    }
}
