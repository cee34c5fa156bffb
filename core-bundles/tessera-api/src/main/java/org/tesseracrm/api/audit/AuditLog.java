package org.tesseracrm.api.audit;

import org.osgi.annotation.versioning.ProviderType;
import org.tesseracrm.api.data.Page;

/**
 * Reads the audit log. Entries are written by the platform in the same transaction as the change they
 * describe; nothing can change or delete them through the application.
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
}
