package org.tesseracrm.api.crm;

import java.time.Instant;
import java.util.List;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Pattern;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;
import org.tesseracrm.api.data.Searchable.Kind;

/**
 * An organisation: a client, a supplier, a partner.
 *
 * @param id        server-assigned, opaque
 * @param version   optimistic-locking version
 * @param name      the name people use (required)
 * @param legalName the full registered name
 * @param inn       Russian taxpayer number: 10 digits (organisation) or 12 (individual)
 * @param kpp       Russian tax registration reason code: 9 digits
 * @param addresses postal addresses
 * @param bankAccounts bank accounts
 * @param phones    phone numbers
 * @param emails    e-mail addresses
 * @param website   web address
 * @param notes     free text
 * @param ownerId   the responsible user
 * @param createdAt server-assigned
 * @param createdBy server-assigned
 * @param updatedAt server-assigned
 * @param updatedBy server-assigned
 * @param deletedAt when moved to the recycle bin, or {@code null}
 */
@Entity(name = "company", table = "core.company", restrictedToOwner = true)
public record Company(
        String id,
        Long version,
        @Required @MaxLength(200) @Searchable String name,
        @MaxLength(500) @Searchable String legalName,
        @Pattern(value = "\\d{10}|\\d{12}", message = "INN must have 10 or 12 digits") @Searchable(Kind.EMAIL) String inn,
        @Pattern(value = "\\d{9}", message = "KPP must have 9 digits") String kpp,
        List<Address> addresses,
        List<BankAccount> bankAccounts,
        @MaxLength(40) @Pattern(value = Patterns.PHONE, message = Patterns.PHONE_MESSAGE)
        @Searchable(Kind.PHONE) List<String> phones,
        @MaxLength(254) @Pattern(value = Patterns.EMAIL, message = Patterns.EMAIL_MESSAGE)
        @Searchable(Kind.EMAIL) List<String> emails,
        @MaxLength(200) String website,
        @MaxLength(4000) String notes,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** A new company with a name and nothing else. */
    public static Company of(String name) {
        return new Company(null, null, name, null, null, null, List.of(), List.of(), List.of(), List.of(), null, null,
                null, null, null, null, null, null);
    }

    /** @return a copy with tax ids */
    public Company withTaxIds(String newInn, String newKpp) {
        return new Company(id, version, name, legalName, newInn, newKpp, addresses, bankAccounts, phones, emails,
                website, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }
}
