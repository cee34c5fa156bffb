package org.tesseracrm.platform.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.crm.Contact;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.DealLine;

/**
 * Proves that request bodies are read strictly and that every refusal is a problem a client can act
 * on: an unknown field or a value of the wrong type is INVALID_FIELD naming the JSON path
 * ({@code emails}, {@code lines[0].quantity}); a body that is not one JSON value (malformed, empty,
 * trailing garbage, duplicate keys) is MALFORMED_REQUEST. Also that output uses ISO dates and plain
 * decimals.
 */
class JsonCodecTest {
    private final JsonCodec json = new JsonCodec();

    private <T> T read(String body, Class<T> type) {
        return json.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), type);
    }

    private ProblemException refused(String body, Class<?> type) {
        return assertThrows(ProblemException.class, () -> read(body, type));
    }

    private void assertInvalid(String field, String body, Class<?> type) {
        ProblemException e = refused(body, type);
        assertEquals(ProblemType.INVALID_FIELD, e.type(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        String leaf = field.substring(Math.max(field.lastIndexOf('.'), field.lastIndexOf('[')) + 1);
        assertTrue(e.getMessage().contains(leaf.replace("]", "")), e.getMessage());
    }

    private void assertMalformed(String body, Class<?> type) {
        ProblemException e = refused(body, type);
        assertEquals(ProblemType.MALFORMED_REQUEST, e.type(), e.getMessage());
        assertNull(e.field(), e.getMessage());
    }

    @Test
    void readsAValidBody() {
        Deal deal = read("""
                {"title": "Pumps", "amount": 1200.50, "currency": "RUB", "expectedClose": "2026-12-31",
                 "lines": [{"quantity": 2, "price": 600.25, "discount": 0}]}""", Deal.class);

        assertEquals("Pumps", deal.title());
        assertEquals(new BigDecimal("1200.50"), deal.amount());
        assertEquals(LocalDate.of(2026, 12, 31), deal.expectedClose());
        assertEquals(List.of(new DealLine(null, null, new BigDecimal("2"), new BigDecimal("600.25"), BigDecimal.ZERO)),
                deal.lines());
    }

    @Test
    void unknownFieldIsNamed() {
        ProblemException e = refused("{\"lastName\": \"Ivanov\", \"nickname\": \"Vanya\"}", Contact.class);

        assertEquals(ProblemType.INVALID_FIELD, e.type());
        assertEquals("nickname", e.field());
        assertTrue(e.getMessage().contains("'nickname'"), e.getMessage());
        assertTrue(e.getMessage().contains("lastName"), "the known fields are listed: " + e.getMessage());
    }

    @Test
    void unknownNestedFieldIsNamedByItsPath() {
        assertInvalid("lines[1].colour", """
                {"title": "x", "lines": [{"quantity": 1, "price": 1}, {"quantity": 1, "price": 1, "colour": "red"}]}""",
                Deal.class);
    }

    @Test
    void numberForTextIsInvalidField() {
        assertInvalid("lastName", "{\"lastName\": 42}", Contact.class);
        assertInvalid("lastName", "{\"lastName\": 4.2}", Contact.class);
        assertInvalid("lastName", "{\"lastName\": true}", Contact.class);
    }

    @Test
    void numberInAListOfTextIsInvalidField() {
        assertInvalid("emails[1]", "{\"lastName\": \"x\", \"emails\": [\"a@b.c\", 7]}", Contact.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "\"three\"", "true", "[3]", "{}"})
    void textOrOtherShapesForNumberAreInvalidField(String quantity) {
        assertInvalid("lines[0].quantity",
                "{\"title\": \"x\", \"lines\": [{\"quantity\": " + quantity + ", \"price\": 1}]}", Deal.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"probability|\"50\"", "probability|50.5", "expectedClose|\"31.12.2026\"",
            "expectedClose|20261231"})
    void wrongScalarTypesAreInvalidField(String field, String value) {
        assertInvalid(field, "{\"title\": \"x\", \"" + field + "\": " + value + "}", Deal.class);
    }

    @Test
    void stringForListIsInvalidField() {
        assertInvalid("emails", "{\"lastName\": \"x\", \"emails\": \"ivan@example.com\"}", Contact.class);
        assertInvalid("emails", "{\"lastName\": \"x\", \"emails\": \"\"}", Contact.class);
    }

    @Test
    void objectForListIsInvalidField() {
        assertInvalid("lines", "{\"title\": \"x\", \"lines\": {\"quantity\": 1, \"price\": 1}}", Deal.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"lastName\": ", "{\"lastName\": \"x\",}", "{lastName: \"x\"}", "{'lastName': 'x'}",
            "not json", "{\"lastName\": \"x\" \"firstName\": \"y\"}"})
    void malformedJsonIsMalformedRequest(String body) {
        assertMalformed(body, Contact.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void emptyBodyIsMalformedRequest(String body) {
        ProblemException e = refused(body, Contact.class);
        assertEquals(ProblemType.MALFORMED_REQUEST, e.type());
        assertTrue(e.getMessage().toLowerCase().contains("empty"), e.getMessage());
    }

    @Test
    void nullBodyIsMalformedRequest() {
        assertMalformed("null", Contact.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "42", "[{\"lastName\": \"x\"}]"})
    void otherThanAnObjectIsMalformedRequest(String body) {
        assertMalformed(body, Contact.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"lastName\": \"x\"} {\"lastName\": \"y\"}", "{\"lastName\": \"x\"}}",
            "{\"lastName\": \"x\"} garbage", "{\"lastName\": \"x\"} 1", "{\"lastName\": \"x\"}]"})
    void trailingGarbageIsRefused(String body) {
        assertMalformed(body, Contact.class);
    }

    @Test
    void duplicateKeysAreRefused() {
        ProblemException e = refused("{\"lastName\": \"Ivanov\", \"lastName\": \"Petrov\"}", Contact.class);
        assertEquals(ProblemType.MALFORMED_REQUEST, e.type());
        assertTrue(e.getMessage().contains("lastName"), e.getMessage());
    }

    @Test
    void duplicateKeysInNestedObjectsAreRefused() {
        ProblemException e = refused(
                "{\"title\": \"x\", \"lines\": [{\"quantity\": 1, \"quantity\": 2, \"price\": 1}]}", Deal.class);
        assertEquals(ProblemType.MALFORMED_REQUEST, e.type());
        assertTrue(e.getMessage().contains("quantity"), e.getMessage());
    }

    @Test
    void syntaxErrorInsideAListIsMalformedRequest() {
        assertMalformed("{\"title\": \"x\", \"lines\": [{\"quantity\": 1 \"price\": 1}]}", Deal.class);
        assertMalformed("{\"lastName\": \"x\", \"emails\": [\"a@b.c\" \"d@e.f\"]}", Contact.class);
    }

    @Test
    void tooDeepNestingIsRefusedAsTooLarge() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, refused("{\"a\": " + deep + "}", Map.class).type());
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, refused("[" + deep + "]", List.class).type());
    }

    @Test
    void writesIsoDatesAndPlainDecimals() {
        String text = json.writeString(Map.of("at", Instant.parse("2026-01-02T03:04:05Z"),
                "day", LocalDate.of(2026, 1, 2), "amount", new BigDecimal("1E+3")));

        assertTrue(text.contains("\"at\":\"2026-01-02T03:04:05Z\""), text);
        assertTrue(text.contains("\"day\":\"2026-01-02\""), text);
        assertTrue(text.contains("\"amount\":1000"), text);
        assertFalse(text.contains("E+"), text);
    }

    @Test
    void toPlainGivesDecimalsAsStrippedText() {
        assertEquals("1200.5", json.toPlain(new BigDecimal("1200.500")));
        assertEquals("1000", json.toPlain(new BigDecimal("1E+3")));
        assertEquals(List.of("a", "b"), json.toPlain(List.of("a", "b")));
        assertNull(json.toPlain(null));
    }
}
