package org.tesseracrm.platform.internal.records;

import java.util.Map;

/** Where committed changes are announced (EventAdmin in the running system). */
@FunctionalInterface
public interface RecordEventSink {
    /** Announces an event asynchronously. */
    void post(String topic, Map<String, Object> properties);
}
