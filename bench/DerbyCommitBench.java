import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline for "create contact": raw embedded Derby, one small row inserted per transaction
 * (autocommit), with Derby's default durability (every commit forces the log to disk). Run with the
 * Derby 10.16 jars on the class path:
 *
 * <pre>
 * java -cp derby.jar:derbyshared.jar:derbytools.jar bench/DerbyCommitBench.java \
 *      --dir bench/work/rawderby --threads 1,8 --warmup 300 --count 3000 --max-seconds 20 --out raw.properties
 * </pre>
 *
 * For each thread count it creates a fresh database under {@code --dir}, warms up, then times {@code --count}
 * commits (bounded by {@code --max-seconds}) and writes commits/s and latency percentiles.
 */
public final class DerbyCommitBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(option(args, "--dir", "bench/work/rawderby"));
        int[] threadCounts = Arrays.stream(option(args, "--threads", "1,8").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int warmup = Integer.parseInt(option(args, "--warmup", "300"));
        int count = Integer.parseInt(option(args, "--count", "3000"));
        double maxSeconds = Double.parseDouble(option(args, "--max-seconds", "20"));
        String out = option(args, "--out", null);

        if (System.getProperty("derby.system.durability") != null) {
            throw new IllegalStateException("derby.system.durability must not be set: the baseline is durable commits");
        }
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        Files.createDirectories(dir);

        List<String> lines = new ArrayList<>();
        lines.add("raw.dir=" + dir.toAbsolutePath());
        for (int threads : threadCounts) {
            Path db = dir.resolve("db-c" + threads);
            deleteTree(db);
            String url = "jdbc:derby:" + db.toAbsolutePath();
            try (Connection c = DriverManager.getConnection(url + ";create=true");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_row (id BIGINT NOT NULL PRIMARY KEY, "
                        + "thread_no INT NOT NULL, payload VARCHAR(100) NOT NULL)");
            }
            Result r = run(url, threads, warmup, count, maxSeconds);
            String p = "raw.c" + threads + ".";
            lines.add(p + "count=" + r.count);
            lines.add(p + "seconds=" + fmt(r.seconds));
            lines.add(p + "commitsPerSec=" + fmt(r.count / r.seconds));
            lines.add(p + "p50ms=" + fmt(r.percentile(50)));
            lines.add(p + "p99ms=" + fmt(r.percentile(99)));
            System.out.printf(Locale.ROOT, "raw Derby c=%d: %d commits in %.2f s = %.1f commits/s, p50 %.2f ms, p99 %.2f ms%n",
                    threads, r.count, r.seconds, r.count / r.seconds, r.percentile(50), r.percentile(99));
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException expected) {
                // Derby reports a successful shutdown as an exception (08006)
            }
            deleteTree(db);
        }
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
        } catch (SQLException expected) {
            // XJ015: the engine shut down
        }
        if (out != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8))) {
                lines.forEach(w::println);
            }
        }
    }

    private record Result(int count, double seconds, double[] latenciesMs) {
        double percentile(double p) {
            if (latenciesMs.length == 0) {
                return Double.NaN;
            }
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    /** Each thread has its own connection; warm-up then timed inserts, bounded by count and time. */
    private static Result run(String url, int threads, int warmup, int count, double maxSeconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger warmLeft = new AtomicInteger(warmup);
            AtomicInteger left = new AtomicInteger(count);
            long[] latencies = new long[count];
            AtomicInteger done = new AtomicInteger();
            CountDownLatch warmedUp = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[2];
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int threadNo = t;
                futures.add(pool.submit(() -> {
                    boolean counted = false;
                    try (Connection c = DriverManager.getConnection(url)) {
                        c.setAutoCommit(true);
                        try (PreparedStatement insert = c.prepareStatement(
                                "INSERT INTO bench_row (id, thread_no, payload) VALUES (?, ?, ?)")) {
                            long warmDeadline = System.nanoTime() + (long) (maxSeconds * 1e9);
                            while (warmLeft.getAndDecrement() > 0 && System.nanoTime() < warmDeadline) {
                                insert(insert, threadNo);
                            }
                            warmedUp.countDown();
                            counted = true;
                            if (!go.await((long) (maxSeconds * 2 + 60), TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never told to start");
                            }
                            long deadline = window[0] + (long) (maxSeconds * 1e9);
                            while (left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                                long start = System.nanoTime();
                                insert(insert, threadNo);
                                latencies[done.getAndIncrement()] = System.nanoTime() - start;
                            }
                        }
                    } finally {
                        if (!counted) {
                            warmedUp.countDown();
                        }
                    }
                    return null;
                }));
            }
            if (!warmedUp.await((long) (maxSeconds * 2 + 60), TimeUnit.SECONDS)) {
                throw new IllegalStateException("warm-up did not finish in time");
            }
            for (Future<?> f : futures) {
                if (f.isDone()) {
                    f.get(); // a thread that failed during warm-up reports its exception here
                }
            }
            window[0] = System.nanoTime();
            go.countDown();
            for (Future<?> f : futures) {
                f.get((long) (maxSeconds * 2 + 60), TimeUnit.SECONDS);
            }
            window[1] = System.nanoTime();
            int n = done.get();
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                ms[i] = latencies[i] / 1e6;
            }
            return new Result(n, (window[1] - window[0]) / 1e9, ms);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Keys come from the program, not from an identity column: Derby's identity generator fails under
     * contention (40XL1 from SequenceUpdater) at 8 threads, which would measure that instead of commits.
     */
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private static void insert(PreparedStatement insert, int threadNo) throws SQLException {
        insert.setLong(1, NEXT_ID.incrementAndGet());
        insert.setInt(2, threadNo);
        insert.setString(3, "row of thread " + threadNo + " at " + System.nanoTime());
        insert.executeUpdate();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        }
    }
}
