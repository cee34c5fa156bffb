package org.tesseracrm.api.data;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes {@link Records} for a record type stored in a plugin's (or the core's) schema. The platform
 * provides this service; a plugin calls it once per record type when its component activates.
 */
@ProviderType
public interface RecordStores {

    /**
     * @param type     a Java record annotated with {@link Entity}, with at least the components
     *                 {@code id} (String) and {@code version} (long)
     * @param database the schema that holds the entity's table
     * @param rules    the domain rules, or {@link RecordRules#none()}
     */
    <T> Records<T> create(Class<T> type, Database database, RecordRules<T> rules);
}
