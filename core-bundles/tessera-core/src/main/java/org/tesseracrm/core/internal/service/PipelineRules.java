package org.tesseracrm.core.internal.service;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.api.data.RecordRules;

/** A pipeline needs an open stage and unique stage ids; missing ids are made from the names. */
final class PipelineRules implements RecordRules<Pipeline> {

    @Override
    public Pipeline beforeWrite(Pipeline previous, Pipeline pipeline, Connection connection) {
        List<Stage> stages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < pipeline.stages().size(); i++) {
            Stage stage = pipeline.stages().get(i);
            String id = stage.id() == null || stage.id().isBlank() ? slug(stage.name()) : stage.id();
            if (!ids.add(id)) {
                if (stage.id() != null) {
                    throw ProblemException.invalid("stages[" + i + "].id", "Stage id '" + id + "' is used twice");
                }
                id = UUID.randomUUID().toString().substring(0, 8);
                ids.add(id);
            }
            stages.add(new Stage(id, stage.name(), stage.kind(), stage.probability()));
        }
        if (stages.stream().noneMatch(s -> s.kind() == StageKind.OPEN)) {
            throw ProblemException.invalid("stages", "A pipeline needs at least one OPEN stage");
        }
        return new Pipeline(pipeline.id(), pipeline.version(), pipeline.name(), stages, pipeline.ownerId(),
                pipeline.createdAt(), pipeline.createdBy(), pipeline.updatedAt(), pipeline.updatedBy(),
                pipeline.deletedAt());
    }

    private static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) {
            return UUID.randomUUID().toString().substring(0, 8);
        }
        return slug.length() > 40 ? slug.substring(0, 40) : slug;
    }
}
