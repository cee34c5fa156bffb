package org.tesseracrm.plugin.warehouse.internal.deals;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.data.RecordEvents;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;

/**
 * Reacts to the core's deal events ({@code org/tesseracrm/deal/*}: created, updated, stage changed, won,
 * lost, deleted, restored) by reconciling the deal's reservation ({@link DealReservations#reconcile}).
 * Events are handed to one thread of this component, in the order they arrive, so EventAdmin's delivery
 * thread never waits for the database and two events of one deal are never handled at once.
 */
// The topic as a plain service property: @EventTopics would also require the capability
// osgi.implementation=osgi.event, which Karaf's EventAdmin does not declare.
@Component(property = EventConstants.EVENT_TOPIC + "=" + DealEvents.TOPICS)
public final class DealEvents implements EventHandler {
    /** Every deal event. */
    public static final String TOPICS = "org/tesseracrm/deal/*";

    private static final Logger LOG = LoggerFactory.getLogger(DealEvents.class);

    private final DealReservations reservations;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "tessera-warehouse-deal-reservations");
        thread.setDaemon(true);
        return thread;
    });

    /** Reconciles through the deal reservations. */
    @Activate
    public DealEvents(@Reference DealReservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(RecordEvents.ID) instanceof String dealId)) {
            return;
        }
        try {
            worker.execute(() -> {
                try (CurrentUser.Scope ignored = CurrentUser.enter(TesseraUser.SYSTEM)) {
                    reservations.reconcile(dealId);
                } catch (RuntimeException e) {
                    LOG.warn("Could not bring the reservation of deal {} in step after {}", dealId, event.getTopic(), e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.info("Deal {} changed ({}) while the warehouse plugin stops: its reservation is reconciled on the"
                    + " deal's next change", dealId, event.getTopic());
        }
    }

    /** Finishes the deals already handed over, for a few seconds at most. */
    @Deactivate
    void stop() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }
}
