package org.tesseracrm.platform.internal.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The generator keeps its last millisecond for the whole JVM: the tests run in order, each later in time. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordIdsTest {

    @Test
    @Order(1)
    void idsAreVersion7UuidsCarryingTheirMillisecond() {
        long now = System.currentTimeMillis() + 10_000; // ahead of whatever other tests made
        UUID id = RecordIds.next(now);

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(now, id.getMostSignificantBits() >>> 16);
        assertEquals(36, RecordIds.next().length());
    }

    @Test
    @Order(2)
    void idsMadeOneAfterTheOtherSortOneAfterTheOtherAsText() {
        long start = System.currentTimeMillis() + 20_000;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RecordIds.next(start + i / 3_000).toString()); // more ids per millisecond than the counter holds
        }
        ids.add(RecordIds.next(start - 5_000).toString()); // the clock went back

        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted, "string order is creation order, as an index sees it");
        assertEquals(ids.size(), new HashSet<>(ids).size());
    }

    @Test
    @Order(3)
    void theRandomPartDiffersBetweenIdsOfOneMillisecond() {
        long now = System.currentTimeMillis() + 30_000;
        UUID first = RecordIds.next(now);
        UUID second = RecordIds.next(now);

        assertEquals(first.getMostSignificantBits() + 1, second.getMostSignificantBits());
        assertTrue(first.getLeastSignificantBits() != second.getLeastSignificantBits());
    }
}
