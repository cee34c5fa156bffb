package org.tesseracrm.plugin.warehouse.internal.deals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Pipelines;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;

/**
 * The stages that reserve ({@code warehouse.reservation_stage}). Only administrators change them; the
 * stage must be an open stage of its pipeline, and a stage has at most one live setting.
 */
@Component(service = ReservationStages.class)
public final class ReservationStages extends ForwardingRecords<ReservationStage> {
    private final Database database;

    /** Starts once schema {@code warehouse} is migrated. */
    @Activate
    public ReservationStages(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=warehouse)") Database database,
            @Reference Pipelines pipelines) {
        super(stores.create(ReservationStage.class, database, new Rules(pipelines)));
        this.database = database;
    }

    /** @return the live setting of a pipeline's stage, if that stage reserves */
    public Optional<ReservationStage> forStage(String pipelineId, String stageId) {
        String id = database.inTransaction(connection -> liveSetting(connection, pipelineId, stageId));
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public ReservationStage create(ReservationStage record) {
        administratorOnly();
        return super.create(record);
    }

    @Override
    public ReservationStage update(String id, long expectedVersion, ReservationStage record) {
        administratorOnly();
        return super.update(id, expectedVersion, record);
    }

    @Override
    public void delete(String id, Long expectedVersion) {
        administratorOnly();
        super.delete(id, expectedVersion);
    }

    @Override
    public ReservationStage restore(String id) {
        administratorOnly();
        return super.restore(id);
    }

    private static void administratorOnly() {
        if (!CurrentUser.get().hasRole(TesseraUser.ADMINISTRATOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Only administrators configure which deal stages reserve stock", null);
        }
    }

    private static String liveSetting(Connection connection, String pipelineId, String stageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM warehouse.reservation_stage"
                + " WHERE pipeline_id = ? AND stage_id = ? AND deleted_at IS NULL")) {
            select.setString(1, pipelineId);
            select.setString(2, stageId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** The stage is an open stage of the pipeline; one live setting per stage. */
    private record Rules(Pipelines pipelines) implements RecordRules<ReservationStage> {
        @Override
        public ReservationStage beforeWrite(ReservationStage previous, ReservationStage setting, Connection connection) {
            Pipeline pipeline = pipelines.find(setting.pipelineId()).orElse(null);
            Stage stage = pipeline == null ? null : pipeline.stage(setting.stageId());
            if (stage == null) {
                throw ProblemException.invalid("stageId", "Pipeline '" + (pipeline == null ? setting.pipelineId()
                        : pipeline.name()) + "' has no stage '" + setting.stageId() + "'");
            }
            if (stage.kind() != StageKind.OPEN) {
                throw ProblemException.invalid("stageId", "Stage '" + stage.name() + "' is " + stage.kind()
                        + "; only an open stage can reserve (a lost deal releases, a won deal ships)");
            }
            try {
                String other = liveSetting(connection, setting.pipelineId(), setting.stageId());
                if (other != null && !other.equals(setting.id())) {
                    throw ProblemException.conflict("Stage '" + stage.name() + "' of pipeline '" + pipeline.name()
                            + "' reserves already (setting " + other + "); change that one instead");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot check reservation stage " + setting.id(), e);
            }
            return setting.shipWhenWon() == null ? setting.withShipWhenWon(false) : setting;
        }
    }
}
