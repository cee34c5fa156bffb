package org.tesseracrm.api.crm;

import java.time.Instant;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.RefersTo;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;

/**
 * A call, meeting, e-mail or task, linked to a contact, company and/or deal.
 *
 * @param id        server-assigned, opaque
 * @param version   optimistic-locking version
 * @param type      what kind (required)
 * @param subject   what it is about (required)
 * @param dueAt     when it is due
 * @param done      whether it is done
 * @param contactId the contact it concerns
 * @param companyId the company it concerns
 * @param dealId    the deal it concerns
 * @param notes     free text
 * @param ownerId   who must do it
 * @param createdAt server-assigned
 * @param createdBy server-assigned
 * @param updatedAt server-assigned
 * @param updatedBy server-assigned
 * @param deletedAt when moved to the recycle bin, or {@code null}
 */
@Entity(name = "activity", table = "core.activity", restrictedToOwner = true)
public record Activity(
        String id,
        Long version,
        @Required ActivityType type,
        @Required @MaxLength(200) @Searchable String subject,
        Instant dueAt,
        Boolean done,
        @RefersTo("core.contact") String contactId,
        @RefersTo("core.company") String companyId,
        @RefersTo("core.deal") String dealId,
        @MaxLength(4000) String notes,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** A new activity of a type with a subject. */
    public static Activity of(ActivityType type, String subject, Instant dueAt) {
        return new Activity(null, null, type, subject, dueAt, false, null, null, null, null, null, null, null,
                null, null, null);
    }
}
