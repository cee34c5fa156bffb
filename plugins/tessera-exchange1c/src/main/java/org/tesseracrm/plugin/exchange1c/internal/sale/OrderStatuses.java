package org.tesseracrm.plugin.exchange1c.internal.sale;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.Deals;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Pipelines;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.plugin.exchange1c.internal.cml.Cml;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;

/**
 * What 1C's orders say about the deals Tessera sent it: an order whose Ид is a deal this connection
 * exported moves that deal to the stage its status calls for — cancelled (or marked for deletion) to the
 * connection's cancelled stage (the pipeline's first lost stage by default), shipped or final to its
 * shipped stage (the first won stage), paid to its paid stage (none by default). The change goes through the
 * core {@link Deals} service, audited as the exchanging user, and never skips a version (a deal changed in
 * between is read again).
 */
@Component(service = OrderStatuses.class)
public final class OrderStatuses {
    /** The status an order from 1C reports. */
    public enum Status {
        /** Nothing to act on. */
        OPEN,
        /** Paid. */
        PAID,
        /** Shipped, or in its final status. */
        SHIPPED,
        /** Cancelled or marked for deletion. */
        CANCELLED
    }

    /** What became of an order. */
    public enum Outcome {
        /** Its deal moved to another stage. */
        UPDATED,
        /** Its deal already stood where the status says, or the status calls for no stage. */
        UNCHANGED,
        /** No deal of this connection has the order's Ид. */
        UNKNOWN
    }

    private final Deals deals;
    private final Pipelines pipelines;
    private final OrderExport exports;

    /** Updates deals through the core. */
    @Activate
    public OrderStatuses(@Reference Deals deals, @Reference Pipelines pipelines, @Reference OrderExport exports) {
        this.deals = deals;
        this.pipelines = pipelines;
        this.exports = exports;
    }

    /** @return the status of an order from its deletion mark and requisites */
    public static Status status(Cml.Document order) {
        Map<String, String> r = order.requisites();
        if (order.deleted() || yes(r, "Отменен") || yes(r, "Отменён")) {
            return Status.CANCELLED;
        }
        if (yes(r, "Финальный статус") || yes(r, "Отгружен") || filled(r, "Номер отгрузки по 1С")) {
            return Status.SHIPPED;
        }
        if (yes(r, "Заказ оплачен") || yes(r, "Оплачен") || filled(r, "Номер оплаты по 1С")) {
            return Status.PAID;
        }
        return Status.OPEN;
    }

    /** Applies an order from 1C to its deal. */
    public Outcome apply(ConnectionSettings connection, Cml.Document order) {
        if (order.id() == null || !exports.known(connection.name(), order.id())) {
            return Outcome.UNKNOWN;
        }
        Optional<Deal> found = deals.find(order.id());
        if (found.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        Deal deal = found.get();
        String stage = stageFor(connection, deal, status(order));
        if (stage == null || stage.equals(deal.stageId())) {
            return Outcome.UNCHANGED;
        }
        deals.update(deal.id(), deal.version(), deal.withStage(stage));
        return Outcome.UPDATED;
    }

    private String stageFor(ConnectionSettings connection, Deal deal, Status status) {
        return switch (status) {
            case OPEN -> null;
            case PAID -> blankToNull(connection.paidStage());
            case SHIPPED -> Optional.ofNullable(blankToNull(connection.shippedStage()))
                    .orElseGet(() -> firstOfKind(deal, StageKind.WON));
            case CANCELLED -> Optional.ofNullable(blankToNull(connection.cancelledStage()))
                    .orElseGet(() -> firstOfKind(deal, StageKind.LOST));
        };
    }

    private String firstOfKind(Deal deal, StageKind kind) {
        if (deal.pipelineId() == null) {
            return null;
        }
        return pipelines.find(deal.pipelineId()).map(Pipeline::stages).orElse(java.util.List.of()).stream()
                .filter(s -> s.kind() == kind).map(Stage::id).findFirst().orElse(null);
    }

    private static boolean yes(Map<String, String> requisites, String name) {
        String value = requisites.get(name);
        return value != null && (value.strip().equalsIgnoreCase("true") || value.strip().equalsIgnoreCase("да"));
    }

    private static boolean filled(Map<String, String> requisites, String name) {
        String value = requisites.get(name);
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
