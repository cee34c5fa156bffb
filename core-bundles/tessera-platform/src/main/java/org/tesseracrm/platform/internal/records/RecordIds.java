package org.tesseracrm.platform.internal.records;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids of new records: version 7 UUIDs (RFC 9562), whose first 48 bits are the creation time in
 * milliseconds and whose next 12 bits count up within one millisecond, followed by 62 random bits.
 *
 * <p>Ids made one after the other sort one after the other, so the primary key and every index that
 * holds a record id (search terms, links from plugins) grow at their end instead of at a random page:
 * a bulk import of 100,000 products touches a few pages per batch instead of most of the index. The
 * random part keeps them as hard to guess as before; access control does not depend on it anyway.
 */
final class RecordIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SEQUENCE_MASK = 0x0fff;

    private static long lastMillis;
    private static int sequence;

    private RecordIds() {
    }

    /** @return a new id, greater than every id made before it in this JVM */
    static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    /** @return a new id for a clock that reads {@code now}; a clock that went back counts on */
    static synchronized UUID next(long now) {
        if (now > lastMillis) {
            lastMillis = now;
            sequence = RANDOM.nextInt(SEQUENCE_MASK / 2); // leaves room to count up within the millisecond
        } else if (++sequence > SEQUENCE_MASK) {
            lastMillis++; // more than 2,048 ids in one millisecond, or the clock went back: borrow the next one
            sequence = 0;
        }
        long high = (lastMillis & 0xffff_ffff_ffffL) << 16 | 0x7000L | sequence;
        long low = RANDOM.nextLong() & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
