package org.tesseracrm.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * A steady load of core requests against a running distribution, for the hot-plug tests: a small fixed
 * pool of threads sends GET requests, taking turns over a list of paths, at a fixed rate (one shared
 * schedule of slots, so a stall never turns into a burst larger than the pool). Every answer that is not
 * 2xx and every exception is a failure, remembered with when it happened and during which operation.
 *
 * <p>{@link #during(String, Runnable)} runs an operation (install, uninstall…) and returns what the load
 * saw meanwhile; the load keeps running between operations, and what it sees then counts too.
 */
final class CoreLoad implements AutoCloseable {
    /** What an answer outside an operation is filed under. */
    static final String BETWEEN_OPERATIONS = "between operations";

    /** One request that failed. */
    record Failure(double atSeconds, String during, String request, String outcome) {
        @Override
        public String toString() {
            return String.format("at %.3f s (%s): %s → %s", atSeconds, during, request, outcome);
        }
    }

    /** What the load saw while one operation ran ({@code slowestMillis} -1: not measured). */
    record Window(String operation, long requests, long failures, long millis, long slowestMillis) {
        double perSecond() {
            return millis == 0 ? 0 : requests * 1000.0 / millis;
        }

        @Override
        public String toString() {
            return String.format("%-34s %6.2f s  %5d core requests  %5.1f req/s  %d failed", operation,
                    millis / 1000.0, requests, perSecond(), failures)
                    + (slowestMillis < 0 ? "" : "  (slowest " + slowestMillis + " ms)");
        }
    }

    /** A point in the load's life, to count from. */
    record Mark(long requests, long failures, long nanos, int failureIndex) {
    }

    private final TesseraDistribution tessera;
    private final List<String> paths;
    private final int perSecond;
    private final int threads;
    private final long slotNanos;
    private final ExecutorService pool;
    private final long startNanos = System.nanoTime();
    private final AtomicLong nextSlot = new AtomicLong(startNanos);
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failureCount = new AtomicLong();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final List<Window> windows = new CopyOnWriteArrayList<>();
    private volatile String during = BETWEEN_OPERATIONS;
    private volatile boolean running = true;
    private volatile long stopNanos;

    private CoreLoad(TesseraDistribution tessera, int threads, int perSecond, List<String> paths) {
        this.tessera = tessera;
        this.paths = List.copyOf(paths);
        this.threads = threads;
        this.perSecond = perSecond;
        this.slotNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "core-load-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads; i++) {
            pool.execute(this::work);
        }
    }

    /**
     * Starts the load.
     *
     * @param threads   the pool's size
     * @param perSecond the rate to hold
     * @param paths     API paths ({@code /contacts?limit=5}) to GET in turn
     */
    static CoreLoad start(TesseraDistribution tessera, int threads, int perSecond, List<String> paths) {
        return new CoreLoad(tessera, threads, perSecond, paths);
    }

    /** Runs an operation and returns what the load saw while it ran (printed too). */
    Window during(String operation, Runnable action) {
        Mark mark = mark();
        slowestNanos.set(0);
        during = operation;
        try {
            action.run();
        } finally {
            during = BETWEEN_OPERATIONS;
        }
        Window window = new Window(operation, requests.get() - mark.requests(),
                failureCount.get() - mark.failures(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - mark.nanos()),
                TimeUnit.NANOSECONDS.toMillis(slowestNanos.get()));
        windows.add(window);
        System.out.println("[HotPlugIT] " + window);
        return window;
    }

    /** @return now, to count from */
    Mark mark() {
        return new Mark(requests.get(), failureCount.get(), System.nanoTime(), failures.size());
    }

    /** @return what happened since the mark, as a window named {@code name} */
    Window since(String name, Mark mark) {
        return new Window(name, requests.get() - mark.requests(), failureCount.get() - mark.failures(),
                TimeUnit.NANOSECONDS.toMillis(end() - mark.nanos()), -1);
    }

    /** @return the failures since the mark (the first 1,000 of the whole run are kept) */
    List<Failure> failuresSince(Mark mark) {
        return new ArrayList<>(failures.subList(Math.min(mark.failureIndex(), failures.size()), failures.size()));
    }

    /** @return every failure of the whole run (the first 1,000) */
    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** @return every operation window so far, in order */
    List<Window> windows() {
        return List.copyOf(windows);
    }

    /** @return what the whole run saw, from the start until now (or until closed) */
    Window total() {
        return new Window("whole run", requests.get(), failureCount.get(),
                TimeUnit.NANOSECONDS.toMillis(end() - startNanos), -1);
    }

    /** @return the configuration, for messages */
    String describe() {
        return threads + " threads holding " + perSecond + " req/s over " + paths;
    }

    /** Stops the load and waits for the requests in flight. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(90, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        stopNanos = System.nanoTime();
    }

    private long end() {
        return running ? System.nanoTime() : stopNanos;
    }

    private void work() {
        while (running) {
            awaitSlot();
            if (!running) {
                return;
            }
            String path = paths.get(Math.floorMod(turn.getAndIncrement(), paths.size()));
            String operation = during;
            long begin = System.nanoTime();
            String outcome = null;
            try {
                ApiResponse answer = tessera.get(path);
                if (answer.status() / 100 != 2) {
                    outcome = answer.toString();
                }
            } catch (RuntimeException e) {
                outcome = e.toString();
            }
            long took = System.nanoTime() - begin;
            slowestNanos.accumulateAndGet(took, Math::max);
            if (outcome != null) {
                failureCount.incrementAndGet();
                if (failures.size() < 1000) {
                    // filed under the operation running when the request was sent or when it ended
                    String when = operation.equals(during) ? operation : operation + " / " + during;
                    failures.add(new Failure((System.nanoTime() - startNanos) / 1e9, when, "GET " + path, outcome));
                }
            }
            requests.incrementAndGet();
        }
    }

    /** Waits for this thread's next slot on the shared schedule. */
    private void awaitSlot() {
        while (true) {
            long now = System.nanoTime();
            long next = nextSlot.get();
            long slot = Math.max(next, now);
            if (nextSlot.compareAndSet(next, slot + slotNanos)) {
                long wait = slot - now;
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                return;
            }
        }
    }
}
