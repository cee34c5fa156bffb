package org.tesseracrm.core.internal.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.crm.CrmTopics;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.DealLine;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Pipelines;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.RecordRules;

/**
 * A deal lives in a stage of its pipeline. Omitted values are completed: the first pipeline, its first
 * stage, the stage's probability, RUB, and the amount from the lines. Moving to another stage posts
 * {@code STAGE_CHANGED}, and reaching a won or lost stage posts {@code WON} or {@code LOST}.
 */
final class DealRules implements RecordRules<Deal> {
    /** Currency of deals that name none. */
    static final String DEFAULT_CURRENCY = "RUB";
    /** Decimal places of a stored amount ({@code DECIMAL(19, 4)}). */
    static final int AMOUNT_SCALE = 4;

    private final Pipelines pipelines;

    DealRules(Pipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public Deal beforeWrite(Deal previous, Deal deal, Connection connection) {
        Pipeline pipeline = deal.pipelineId() == null ? defaultPipeline() : pipelines.get(deal.pipelineId());
        Stage stage;
        if (deal.stageId() == null) {
            stage = previous != null && Objects.equals(previous.pipelineId(), pipeline.id())
                    ? pipeline.stage(previous.stageId()) : null;
            if (stage == null) {
                stage = pipeline.stages().get(0); // new deal, other pipeline, or its stage was removed
            }
        } else {
            stage = pipeline.stage(deal.stageId());
            if (stage == null) {
                throw ProblemException.invalid("stageId", "Pipeline '" + pipeline.name() + "' has no stage '"
                        + deal.stageId() + "'; its stages are "
                        + pipeline.stages().stream().map(Stage::id).toList());
            }
        }
        Integer probability = deal.probability();
        boolean stageChanged = previous == null || !Objects.equals(previous.stageId(), stage.id());
        // A deal moved to another stage takes that stage's probability unless the caller set a new one.
        if (probability == null || stageChanged && previous != null && probability.equals(previous.probability())) {
            probability = stage.probability();
        }
        BigDecimal amount = deal.amount();
        List<DealLine> lines = deal.lines() == null ? List.of() : deal.lines();
        if (amount == null && !lines.isEmpty()) {
            amount = lines.stream().map(DealLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (amount.scale() > AMOUNT_SCALE) {
                amount = amount.setScale(AMOUNT_SCALE, RoundingMode.HALF_UP); // what the column keeps
            }
        }
        return new Deal(deal.id(), deal.version(), deal.title(), deal.companyId(), deal.contactId(), amount,
                deal.currency() == null ? DEFAULT_CURRENCY : deal.currency(), pipeline.id(), stage.id(), probability,
                deal.expectedClose(), new ArrayList<>(lines), deal.notes(), deal.ownerId(), deal.createdAt(),
                deal.createdBy(), deal.updatedAt(), deal.updatedBy(), deal.deletedAt());
    }

    @Override
    public List<String> extraTopics(Deal previous, Deal current) {
        if (previous != null && Objects.equals(previous.stageId(), current.stageId())) {
            return List.of();
        }
        List<String> topics = new ArrayList<>();
        if (previous != null) {
            topics.add(CrmTopics.DEAL_STAGE_CHANGED);
        }
        Stage stage = pipelines.find(current.pipelineId()).map(p -> p.stage(current.stageId())).orElse(null);
        if (stage != null && stage.kind() == StageKind.WON) {
            topics.add(CrmTopics.DEAL_WON);
        } else if (stage != null && stage.kind() == StageKind.LOST) {
            topics.add(CrmTopics.DEAL_LOST);
        }
        return topics;
    }

    @Override
    public Map<String, Object> eventProperties(Deal previous, Deal current) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CrmTopics.PIPELINE_ID, current.pipelineId());
        properties.put(CrmTopics.STAGE_ID, current.stageId());
        if (previous != null) {
            properties.put(CrmTopics.PREVIOUS_STAGE_ID, previous.stageId());
        }
        return properties;
    }

    private Pipeline defaultPipeline() {
        Page<Pipeline> first = pipelines.list(Query.firstPage().page(0, 1));
        if (first.items().isEmpty()) {
            throw ProblemException.invalid("pipelineId", "There is no pipeline; create one first");
        }
        return first.items().get(0);
    }
}
