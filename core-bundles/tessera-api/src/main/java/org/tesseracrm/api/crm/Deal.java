package org.tesseracrm.api.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Pattern;
import org.tesseracrm.api.data.Range;
import org.tesseracrm.api.data.RefersTo;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;

/**
 * A sale in progress: it moves through the stages of a pipeline until it is won or lost.
 *
 * @param id            server-assigned, opaque
 * @param version       optimistic-locking version
 * @param title         what is being sold (required)
 * @param companyId     the client company
 * @param contactId     the client person
 * @param amount        expected revenue; computed from the lines when omitted and lines exist
 * @param currency      ISO 4217 code of amount and line prices (defaults to RUB)
 * @param pipelineId    the pipeline (defaults to the first one)
 * @param stageId       the stage within the pipeline (defaults to its first stage)
 * @param probability   chance of winning, percent (defaults to the stage's)
 * @param expectedClose when the deal is expected to close
 * @param lines         products sold
 * @param notes         free text
 * @param ownerId       the responsible user
 * @param createdAt     server-assigned
 * @param createdBy     server-assigned
 * @param updatedAt     server-assigned
 * @param updatedBy     server-assigned
 * @param deletedAt     when moved to the recycle bin, or {@code null}
 */
@Entity(name = "deal", table = "core.deal", restrictedToOwner = true)
public record Deal(
        String id,
        Long version,
        @Required @MaxLength(200) @Searchable String title,
        @RefersTo("core.company") String companyId,
        @RefersTo("core.contact") String contactId,
        @Range(min = 0, max = 999_999_999_999_999L) BigDecimal amount,
        @Pattern(value = Patterns.CURRENCY, message = Patterns.CURRENCY_MESSAGE) String currency,
        @RefersTo("core.pipeline") String pipelineId,
        @MaxLength(40) String stageId,
        @Range(min = 0, max = 100) Integer probability,
        LocalDate expectedClose,
        List<DealLine> lines,
        @MaxLength(4000) String notes,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** A new deal with a title, in the default pipeline's first stage. */
    public static Deal of(String title) {
        return new Deal(null, null, title, null, null, null, null, null, null, null, null, List.of(), null, null,
                null, null, null, null, null);
    }

    /** @return a copy in another stage */
    public Deal withStage(String newStageId) {
        return new Deal(id, version, title, companyId, contactId, amount, currency, pipelineId, newStageId,
                probability, expectedClose, lines, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy,
                deletedAt);
    }

    /** @return a copy with another amount */
    public Deal withAmount(BigDecimal newAmount, String newCurrency) {
        return new Deal(id, version, title, companyId, contactId, newAmount, newCurrency, pipelineId, stageId,
                probability, expectedClose, lines, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy,
                deletedAt);
    }

    /** @return a copy for another client */
    public Deal withClient(String newCompanyId, String newContactId) {
        return new Deal(id, version, title, newCompanyId, newContactId, amount, currency, pipelineId, stageId,
                probability, expectedClose, lines, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy,
                deletedAt);
    }

    /** @return a copy with other lines (the amount is recomputed when it is cleared) */
    public Deal withLines(List<DealLine> newLines) {
        return new Deal(id, version, title, companyId, contactId, amount, currency, pipelineId, stageId,
                probability, expectedClose, newLines, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy,
                deletedAt);
    }
}
