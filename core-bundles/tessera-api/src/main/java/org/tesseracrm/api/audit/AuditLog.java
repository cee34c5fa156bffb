package org.tesseracrm.api.audit;

import org.osgi.annotation.versioning.ProviderType;
import org.tesseracrm.api.data.Page;

/**
 * The audit log. Record stores write an entry in the same transaction as each change they make; a
 * plugin that changes data with its own SQL writes its entries with {@link #write}, inside the
 * transaction of the change. Nothing can change or delete entries through the application.
 */
@ProviderType
public interface AuditLog {

    /**
     * @param entity   entity name to filter by, or {@code null} for all
     * @param entityId record id to filter by, or {@code null} for all
     * @param offset   first entry (0-based), newest first
     * @param limit    page size
     */
    Page<AuditEntry> list(String entity, String entityId, int offset, int limit);

    /**
     * Writes an entry as the current user. Called inside a {@code Database.inTransaction} work, it joins
     * that transaction: the entry commits or rolls back with the change it describes.
     *
     * @param entity   the entity name ({@code warehouse_document})
     * @param entityId the record's id
     * @param action   what happened, a verb in capitals ({@code POSTED})
     * @param changes  field to old and new value, possibly empty
     */
    void write(String entity, String entityId, String action, java.util.Map<String, AuditEntry.FieldChange> changes);
}
