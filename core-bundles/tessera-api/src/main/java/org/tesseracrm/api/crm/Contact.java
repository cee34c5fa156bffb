package org.tesseracrm.api.crm;

import java.time.Instant;
import java.util.List;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Pattern;
import org.tesseracrm.api.data.RefersTo;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;
import org.tesseracrm.api.data.Searchable.Kind;

/**
 * A person the company deals with.
 *
 * @param id         server-assigned, opaque
 * @param version    optimistic-locking version, server-assigned
 * @param firstName  given name
 * @param middleName patronymic or middle name
 * @param lastName   family name (required)
 * @param emails     e-mail addresses
 * @param phones     phone numbers as typed
 * @param position   job title
 * @param companyId  the company the person works for
 * @param tags       free labels
 * @param notes      free text
 * @param ownerId    the user responsible for the contact (defaults to the creator)
 * @param createdAt  server-assigned
 * @param createdBy  server-assigned
 * @param updatedAt  server-assigned
 * @param updatedBy  server-assigned
 * @param deletedAt  when the contact was moved to the recycle bin, or {@code null}
 */
@Entity(name = "contact", table = "core.contact", restrictedToOwner = true)
public record Contact(
        String id,
        Long version,
        @MaxLength(100) @Searchable String firstName,
        @MaxLength(100) String middleName,
        @Required @MaxLength(100) @Searchable String lastName,
        @MaxLength(254) @Pattern(value = Patterns.EMAIL, message = Patterns.EMAIL_MESSAGE)
        @Searchable(Kind.EMAIL) List<String> emails,
        @MaxLength(40) @Pattern(value = Patterns.PHONE, message = Patterns.PHONE_MESSAGE)
        @Searchable(Kind.PHONE) List<String> phones,
        @MaxLength(200) String position,
        @RefersTo("core.company") String companyId,
        @MaxLength(50) List<String> tags,
        @MaxLength(4000) String notes,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** A new contact with a name and nothing else. */
    public static Contact of(String firstName, String lastName) {
        return new Contact(null, null, firstName, null, lastName, List.of(), List.of(), null, null, List.of(),
                null, null, null, null, null, null, null);
    }

    /** @return a copy with other e-mails */
    public Contact withEmails(List<String> newEmails) {
        return new Contact(id, version, firstName, middleName, lastName, newEmails, phones, position, companyId,
                tags, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }

    /** @return a copy with other phones */
    public Contact withPhones(List<String> newPhones) {
        return new Contact(id, version, firstName, middleName, lastName, emails, newPhones, position, companyId,
                tags, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }

    /** @return a copy working for another company */
    public Contact withCompanyId(String newCompanyId) {
        return new Contact(id, version, firstName, middleName, lastName, emails, phones, position, newCompanyId,
                tags, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }

    /** @return a copy with another position */
    public Contact withPosition(String newPosition) {
        return new Contact(id, version, firstName, middleName, lastName, emails, phones, newPosition, companyId,
                tags, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }
}
