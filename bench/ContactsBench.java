import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for Tessera's contacts API, JDK only (java.net.http, a fixed thread pool). Runs as a
 * single-file program ({@code java bench/ContactsBench.java <command> ...}) or compiled with javac.
 *
 * <p>Commands, each writing {@code <command>.properties} into {@code --out}:
 * <ul>
 * <li>{@code load}: creates {@code --n} contacts concurrently; keeps a sample of their ids;</li>
 * <li>{@code create}: create-contact throughput and latency at each of {@code --conc} (e.g. 1,8);</li>
 * <li>{@code read}: get by id, list a page (first and deep), prefix search of several kinds; RSS;</li>
 * <li>{@code report}: the summary table and ratios from all properties files in {@code --out}.</li>
 * </ul>
 * Every loop is bounded by a request count and by a time limit. Only 127.0.0.1 is ever contacted.
 */
public final class ContactsBench {

    // ---------------------------------------------------------------- options

    private static final class Options {
        final Map<String, String> values = new LinkedHashMap<>();

        Options(String[] args, int from) {
            for (int i = from; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                values.put(args[i].substring(2), args[++i]);
            }
        }

        String str(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            return Integer.parseInt(str(name, String.valueOf(fallback)));
        }

        long longValue(String name, long fallback) {
            return Long.parseLong(str(name, String.valueOf(fallback)));
        }

        double dbl(String name, double fallback) {
            return Double.parseDouble(str(name, String.valueOf(fallback)));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ContactsBench load|create|read|report --out DIR [options]; see bench/README.md");
            System.exit(2);
        }
        Options o = new Options(args, 1);
        Path out = Path.of(o.str("out", "bench/results/manual"));
        Files.createDirectories(out);
        switch (args[0]) {
            case "load" -> new ContactsBench(o).load(out);
            case "create" -> new ContactsBench(o).create(out);
            case "read" -> new ContactsBench(o).read(out);
            case "report" -> report(out, o);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ---------------------------------------------------------------- HTTP

    private final Options options;
    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final long seed;
    private final Duration requestTimeout;

    private ContactsBench(Options options) throws IOException {
        this.options = options;
        String baseText = options.str("base", "http://127.0.0.1:8383/api/v1");
        this.base = URI.create(baseText.endsWith("/") ? baseText : baseText + "/");
        if (!"127.0.0.1".equals(base.getHost())) {
            throw new IllegalArgumentException("the benchmark only talks to 127.0.0.1, not " + base.getHost());
        }
        String password = options.values.containsKey("password-file")
                ? Files.readString(Path.of(options.str("password-file", null))).strip()
                : options.str("password", "");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (options.str("user", "admin") + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.seed = options.longValue("seed", 20261123L);
        this.requestTimeout = Duration.ofSeconds(options.integer("request-timeout-seconds", 60));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** One timed operation: returns null when fine, else a short error description. */
    private interface Operation {
        String run(int worker, SplittableRandom random) throws Exception;
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private static String error(HttpResponse<String> response, int expected) {
        if (response.statusCode() == expected) {
            return null;
        }
        String body = response.body();
        return "HTTP " + response.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) : body);
    }

    // ---------------------------------------------------------------- synthetic contacts

    private static final String[] FIRST = {
        "Ivan", "Petr", "Sergey", "Andrey", "Dmitry", "Alexey", "Mikhail", "Nikolay", "Vladimir", "Pavel",
        "Anna", "Maria", "Elena", "Olga", "Natalia", "Tatiana", "Irina", "Svetlana", "Ekaterina", "Yulia",
        "John", "James", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Mark", "Paul",
        "Mary", "Linda", "Susan", "Karen", "Nancy", "Laura", "Emma", "Sophie", "Julia", "Eva",
        "Oleg", "Igor", "Yuri", "Boris", "Roman", "Artem", "Kirill", "Denis", "Maxim", "Anton"};
    private static final String[] ONSET = {
        "Pe", "Iva", "Smi", "Ku", "Vo", "Ka", "Mo", "Le", "So", "Ne", "Fe", "Za", "Bo", "Gri", "Dmi",
        "Ale", "Se", "Tka", "Or", "Ya", "Cher", "Ba", "Ro", "Mi", "Ste", "Ha", "Jo", "Wi", "Bra", "Ma"};
    private static final String[] MIDDLE = {
        "tr", "n", "rn", "zn", "lk", "sil", "rozh", "bed", "kol", "kras", "dor", "khar", "gd", "rish", "tri"};
    private static final String[] ENDING = {
        "ov", "ova", "in", "ina", "ev", "eva", "sky", "skaya", "enko", "son"};
    private static final String[] DOMAIN = {
        "example.com", "example.org", "mail.example", "corp.example.ru", "test.example"};
    private static final String[] AREA = {"495", "499", "812", "903", "916", "926", "985", "921", "383", "343"};

    /** The contact number {@code i}, the same on every run with the same seed. */
    private record Person(String first, String last, String email, String phone, String phoneDigits) {
        String json() {
            return "{\"firstName\":\"" + first + "\",\"lastName\":\"" + last + "\",\"emails\":[\"" + email
                    + "\"],\"phones\":[\"" + phone + "\"]}";
        }
    }

    private Person person(long i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = ONSET[r.nextInt(ONSET.length)] + MIDDLE[r.nextInt(MIDDLE.length)] + ENDING[r.nextInt(ENDING.length)];
        String email = (first + "." + last + "." + i).toLowerCase(Locale.ROOT) + "@" + DOMAIN[r.nextInt(DOMAIN.length)];
        String area = AREA[r.nextInt(AREA.length)];
        String number = String.format(Locale.ROOT, "%07d", r.nextInt(10_000_000));
        String phone = "+7 " + area + " " + number.substring(0, 3) + "-" + number.substring(3, 5) + "-" + number.substring(5);
        return new Person(first, last, email, phone, area + number);
    }

    // ---------------------------------------------------------------- load

    private void load(Path out) throws Exception {
        long n = options.longValue("n", 100_000);
        int threads = options.integer("threads", 16);
        double maxSeconds = options.dbl("max-seconds", 4 * 3600);
        long maxErrors = options.longValue("max-errors", 1000);
        int sampleSize = options.integer("sample", 20_000);
        long sampleEvery = Math.max(1, n / sampleSize);

        AtomicLong next = new AtomicLong();
        AtomicLong created = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> sample = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        System.out.printf(Locale.ROOT, "loading %d contacts with %d threads (bounded by %.0f s)%n", n, threads, maxSeconds);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long i;
                while ((i = next.getAndIncrement()) < n && System.nanoTime() < deadline
                        && errors.get() < maxErrors) {
                    try {
                        HttpResponse<String> response = send(request("contacts")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(person(i).json())).build());
                        String problem = error(response, 201);
                        if (problem == null) {
                            created.incrementAndGet();
                            if (i % sampleEvery == 0) {
                                Matcher m = ID.matcher(response.body());
                                if (m.find()) {
                                    sample.add(i + " " + m.group(1));
                                }
                            }
                        } else {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 5) {
                                firstErrors.add(problem);
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < 5) {
                            firstErrors.add(e.toString());
                        }
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        long lastReport = System.nanoTime();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            if (System.nanoTime() - lastReport > 15e9) {
                lastReport = System.nanoTime();
                double s = (lastReport - start) / 1e9;
                long c = created.get();
                System.out.printf(Locale.ROOT, "  %,d created, %d errors, %.0f s, %.0f/s, about %.0f s to go%n",
                        c, errors.get(), s, c / s, c == 0 ? Double.NaN : (n - c) / (c / s));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = countContacts();
        System.out.printf(Locale.ROOT, "loaded %,d contacts in %.1f s (%.1f/s), %d errors; the API reports %,d contacts%n",
                created.get(), seconds, created.get() / seconds, errors.get(), total);
        firstErrors.forEach(e -> System.out.println("  error: " + e));

        List<String> sampleLines = new ArrayList<>(sample);
        Files.write(out.resolve("ids.txt"), sampleLines, StandardCharsets.UTF_8);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("load.n", String.valueOf(n));
        p.put("load.threads", String.valueOf(threads));
        p.put("load.created", String.valueOf(created.get()));
        p.put("load.errors", String.valueOf(errors.get()));
        p.put("load.seconds", fmt(seconds));
        p.put("load.perSec", fmt(created.get() / seconds));
        p.put("load.totalContacts", String.valueOf(total));
        p.put("load.firstErrors", String.join(" | ", firstErrors));
        rss(p, "load");
        write(out.resolve("load.properties"), p);
        if (created.get() == 0) {
            throw new IllegalStateException("no contact could be created: " + firstErrors);
        }
    }

    private long countContacts() throws Exception {
        HttpResponse<String> response = send(request("contacts?offset=0&limit=1").GET().build());
        Matcher m = TOTAL.matcher(response.body());
        return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    // ---------------------------------------------------------------- timed phases

    /** Latencies and counts of one phase. */
    private record Phase(String name, int concurrency, int requests, int errors, double seconds, double[] latenciesMs,
            String firstError, Map<String, String> extra) {

        double perSec() {
            return requests / seconds;
        }

        double percentile(double p) {
            if (latenciesMs.length == 0) {
                return Double.NaN;
            }
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        void into(Map<String, String> p, String key) {
            p.put(key + ".name", name);
            p.put(key + ".conc", String.valueOf(concurrency));
            p.put(key + ".requests", String.valueOf(requests));
            p.put(key + ".errors", String.valueOf(errors));
            p.put(key + ".seconds", fmt(seconds));
            p.put(key + ".perSec", fmt(perSec()));
            p.put(key + ".p50ms", fmt(percentile(50)));
            p.put(key + ".p90ms", fmt(percentile(90)));
            p.put(key + ".p99ms", fmt(percentile(99)));
            p.put(key + ".maxms", fmt(percentile(100)));
            p.put(key + ".firstError", firstError == null ? "" : firstError);
            extra.forEach((k, v) -> p.put(key + "." + k, v));
        }
    }

    /**
     * Runs {@code warmup} untimed operations, then up to {@code count} timed ones (or until
     * {@code maxSeconds} pass) on {@code concurrency} threads, each with its own random stream.
     */
    private Phase phase(String name, int concurrency, int warmup, int count, double maxSeconds, Operation op)
            throws Exception {
        double warmupSeconds = options.dbl("warmup-seconds", 10);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            AtomicInteger warmLeft = new AtomicInteger(warmup);
            AtomicInteger left = new AtomicInteger(count);
            AtomicInteger done = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            double[] latencies = new double[count];
            ConcurrentLinkedQueue<String> firstError = new ConcurrentLinkedQueue<>();
            CountDownLatch warmedUp = new CountDownLatch(concurrency);
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[2];
            long limitNanos = (long) (maxSeconds * 1e9);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                int worker = t;
                futures.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed + 7919L * worker + name.hashCode());
                    boolean counted = false;
                    try {
                        long warmDeadline = System.nanoTime() + (long) (warmupSeconds * 1e9);
                        while (warmLeft.getAndDecrement() > 0 && System.nanoTime() < warmDeadline) {
                            String problem = runQuietly(op, worker, random);
                            if (problem != null && firstError.isEmpty()) {
                                firstError.add("warm-up: " + problem);
                            }
                        }
                        warmedUp.countDown();
                        counted = true;
                        if (!go.await((long) (warmupSeconds * 1e9) + limitNanos + 120_000_000_000L, TimeUnit.NANOSECONDS)) {
                            return null;
                        }
                        long deadline = window[0] + limitNanos;
                        while (left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                            long begin = System.nanoTime();
                            String problem = runQuietly(op, worker, random);
                            double ms = (System.nanoTime() - begin) / 1e6;
                            if (problem == null) {
                                latencies[done.getAndIncrement()] = ms;
                            } else {
                                errors.incrementAndGet();
                                if (firstError.isEmpty()) {
                                    firstError.add(problem);
                                }
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
            if (!warmedUp.await((long) (warmupSeconds * 1e9) + limitNanos + 60_000_000_000L, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException(name + ": warm-up did not finish in time");
            }
            window[0] = System.nanoTime();
            go.countDown();
            for (Future<?> f : futures) {
                f.get(limitNanos * 2 + 120_000_000_000L, TimeUnit.NANOSECONDS);
            }
            window[1] = System.nanoTime();
            int n = done.get();
            Phase phase = new Phase(name, concurrency, n, errors.get(), (window[1] - window[0]) / 1e9,
                    Arrays.copyOf(latencies, n), firstError.peek(), new LinkedHashMap<>());
            System.out.printf(Locale.ROOT, "  %-34s c=%d  %6d req  %4d err  %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n",
                    name, concurrency, n, errors.get(), phase.perSec(), phase.percentile(50), phase.percentile(99),
                    phase.percentile(100));
            if (phase.firstError() != null) {
                System.out.println("    first error: " + phase.firstError());
            }
            return phase;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static String runQuietly(Operation op, int worker, SplittableRandom random) {
        try {
            return op.run(worker, random);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.toString();
        }
    }

    // ---------------------------------------------------------------- create

    private void create(Path out) throws Exception {
        int[] concurrencies = Arrays.stream(options.str("conc", "1,8").split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int warmup = options.integer("warmup", 200);
        int count = options.integer("count", 3000);
        double maxSeconds = options.dbl("max-seconds", 30);
        // numbers for new contacts start well above the loaded ones, so every run creates distinct people
        AtomicLong next = new AtomicLong(options.longValue("first-number", 1L << 40));
        Map<String, String> p = new LinkedHashMap<>();
        System.out.println("create contact:");
        for (int c : concurrencies) {
            Phase phase = phase("create contact", c, warmup * c, count * c, maxSeconds, (worker, random) -> {
                HttpResponse<String> response = send(request("contacts")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(person(next.getAndIncrement()).json())).build());
                return error(response, 201);
            });
            phase.into(p, "create.c" + c);
        }
        write(out.resolve("create.properties"), p);
    }

    // ---------------------------------------------------------------- read

    private void read(Path out) throws Exception {
        int conc = options.integer("conc", 1);
        int warmup = options.integer("warmup", 300);
        int count = options.integer("count", 3000);
        double maxSeconds = options.dbl("max-seconds", 30);
        int limit = options.integer("page-size", 50);

        List<String[]> sample = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(options.str("ids", out.resolve("ids.txt").toString())))) {
            if (!line.isBlank()) {
                sample.add(line.strip().split(" ", 2));
            }
        }
        if (sample.isEmpty()) {
            throw new IllegalStateException("no sampled ids: run load first");
        }
        long total = countContacts();
        long requestedN = options.longValue("n", total);
        Path loadProperties = out.resolve("load.properties");
        if (Files.exists(loadProperties)) { // a load cut short by its time limit created only the first numbers
            Properties load = new Properties();
            try (var reader = Files.newBufferedReader(loadProperties, StandardCharsets.UTF_8)) {
                load.load(reader);
            }
            requestedN = Math.min(requestedN, Long.parseLong(load.getProperty("load.created", String.valueOf(requestedN))));
        }
        long loadedN = requestedN;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("read.contactsAtStart", String.valueOf(total));
        System.out.printf(Locale.ROOT, "reads against %,d contacts (concurrency %d):%n", total, conc);

        IntFunction<String[]> pick = r -> sample.get(r);
        phase("get by id", conc, warmup, count, maxSeconds, (w, r) -> {
            String id = pick.apply(r.nextInt(sample.size()))[1];
            return error(send(request("contacts/" + id).GET().build()), 200);
        }).into(p, "read.get");

        phase("list first page (limit " + limit + ")", conc, warmup, count, maxSeconds, (w, r) ->
                error(send(request("contacts?offset=0&limit=" + limit).GET().build()), 200)).into(p, "read.listFirst");

        long maxOffset = Math.max(0, total - limit);
        phase("list deep page (random offset)", conc, Math.min(warmup, 50), Math.max(1, count / 5), maxSeconds, (w, r) ->
                error(send(request("contacts?offset=" + (maxOffset == 0 ? 0 : r.nextLong(maxOffset)) + "&limit=" + limit)
                        .GET().build()), 200)).into(p, "read.listDeep");

        // prefix searches, from the synthetic contact data, by kind; each also records how many matched
        String[] kinds = {"name3", "lastname", "email", "phone", "name1", "fullname"};
        Map<String, String> kindLabels = Map.of(
                "name1", "search 1-letter prefix",
                "fullname", "search first and last name (2 words)",
                "name3", "search 3-letter name prefix",
                "lastname", "search full last name",
                "email", "search e-mail prefix",
                "phone", "search phone digits (7)");
        List<Phase> searches = new ArrayList<>();
        for (String kind : kinds) {
            AtomicLong matches = new AtomicLong();
            AtomicLong queries = new AtomicLong();
            Phase phase = phase(kindLabels.get(kind), conc, warmup / 2, count / 2, maxSeconds, (w, r) -> {
                long i = r.nextLong(Math.max(1, loadedN));
                Person person = person(i);
                String q = switch (kind) {
                    case "name1" -> person.last().substring(0, 1).toLowerCase(Locale.ROOT);
                    case "name3" -> person.last().substring(0, 3).toLowerCase(Locale.ROOT);
                    case "lastname" -> person.last();
                    case "fullname" -> person.first() + " " + person.last();
                    case "email" -> person.email().substring(0, person.email().indexOf('@'));
                    default -> person.phoneDigits().substring(0, 3) + " " + person.phoneDigits().substring(3, 7);
                };
                HttpResponse<String> response = send(request("contacts?limit=" + limit + "&q="
                        + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)).GET().build());
                String problem = error(response, 200);
                if (problem == null) {
                    Matcher m = TOTAL.matcher(response.body());
                    if (m.find()) {
                        matches.addAndGet(Long.parseLong(m.group(1)));
                        queries.incrementAndGet();
                    }
                    if (!kind.equals("phone") && response.body().contains("\"items\":[]")) {
                        return "no match for '" + q + "'";
                    }
                }
                return problem;
            });
            phase.extra().put("avgMatches", queries.get() == 0 ? "?" : fmt((double) matches.get() / queries.get()));
            phase.into(p, "read.search." + kind);
            searches.add(phase);
        }
        // the one-word kinds of at least three characters together (equal shares); 1 letter and 2 words apart
        searches.removeIf(phase -> phase.name().contains("1-letter") || phase.name().contains("2 words"));
        double[] all = searches.stream().flatMapToDouble(s -> Arrays.stream(s.latenciesMs())).toArray();
        int allRequests = searches.stream().mapToInt(Phase::requests).sum();
        int allErrors = searches.stream().mapToInt(Phase::errors).sum();
        double allSeconds = searches.stream().mapToDouble(Phase::seconds).sum();
        new Phase("search, 4 kinds above together", conc, allRequests, allErrors, allSeconds, all, null, new LinkedHashMap<>())
                .into(p, "read.search.all");

        p.put("read.contactsAtEnd", String.valueOf(countContacts()));
        rss(p, "read");
        write(out.resolve("read.properties"), p);
    }

    // ---------------------------------------------------------------- RSS

    private void rss(Map<String, String> p, String prefix) throws IOException {
        String pid = options.str("pid", "");
        if (pid.isEmpty()) {
            return;
        }
        Path status = Path.of("/proc", pid, "status");
        if (!Files.exists(status)) {
            p.put(prefix + ".rssError", "no process " + pid);
            return;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                p.put(prefix + (line.startsWith("VmRSS:") ? ".rssMB" : ".hwmMB"), fmt(kb / 1024.0));
            }
        }
    }

    // ---------------------------------------------------------------- report

    private static void report(Path out, Options o) throws IOException {
        Properties p = new Properties();
        for (String file : new String[] {"run", "load", "raw-before", "create", "raw-after", "read"}) {
            Path path = out.resolve(file + ".properties");
            if (Files.exists(path)) {
                try (var reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    Properties part = new Properties();
                    part.load(reader);
                    for (String key : part.stringPropertyNames()) {
                        p.setProperty(file.startsWith("raw-") ? file.substring(4) + "." + key : key, part.getProperty(key));
                    }
                }
            }
        }
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        w.printf(Locale.ROOT, "Tessera contacts benchmark  %s%n", p.getProperty("run.started", Instant.now().toString()));
        w.printf(Locale.ROOT, "machine: %s CPUs, disk of %s; distribution %s%n", p.getProperty("run.cpus", "?"),
                p.getProperty("run.workDir", "?"), p.getProperty("run.dist", "?"));
        w.printf(Locale.ROOT, "load average at start %s, at end %s (other work on the machine skews every number)%s%n",
                p.getProperty("run.loadavgStart", "?"), p.getProperty("run.loadavgEnd", "?"),
                p.getProperty("run.distJavaOpts", "").isBlank() ? "" : "; distribution JVM options: " + p.getProperty("run.distJavaOpts"));
        w.printf(Locale.ROOT, "contacts: requested N=%s, loaded %s in %s s (%s/s, %s threads, %s errors); %s at the reads, %s at the end%n",
                p.getProperty("load.n", "?"), p.getProperty("load.created", "?"), p.getProperty("load.seconds", "?"),
                p.getProperty("load.perSec", "?"), p.getProperty("load.threads", "?"), p.getProperty("load.errors", "?"),
                p.getProperty("read.contactsAtStart", "?"), p.getProperty("read.contactsAtEnd", "?"));
        w.println();
        String header = String.format(Locale.ROOT, "%-36s %4s %8s %5s %9s %9s %9s %9s  %s",
                "operation", "conc", "requests", "errs", "req/s", "p50 ms", "p99 ms", "max ms", "target / note");
        w.println(header);
        w.println("-".repeat(header.length() + 10));
        row(w, p, "create.c1", "");
        row(w, p, "create.c8", "");
        row(w, p, "read.get", "");
        row(w, p, "read.listFirst", target(p, "read.listFirst.p99ms", 10, "p99 <= 10 ms"));
        row(w, p, "read.listDeep", "OFFSET paging, informational");
        String n = p.getProperty("read.contactsAtStart", "?");
        for (String kind : new String[] {"name3", "lastname", "email", "phone"}) {
            row(w, p, "read.search." + kind, "avg matches " + p.getProperty("read.search." + kind + ".avgMatches", "?"));
        }
        row(w, p, "read.search.all", target(p, "read.search.all.p99ms", 20, "p99 <= 20 ms (target at 1M; measured at " + n + ")"));
        row(w, p, "read.search.name1", "avg matches " + p.getProperty("read.search.name1.avgMatches", "?") + "; not in the line above");
        row(w, p, "read.search.fullname", "avg matches " + p.getProperty("read.search.fullname.avgMatches", "?")
                + "; not in the line above");
        for (String when : new String[] {"before", "after"}) {
            for (String c : new String[] {"1", "8"}) {
                String k = when + ".raw.c" + c + ".";
                if (p.getProperty(k + "commitsPerSec") != null) {
                    w.printf(Locale.ROOT, "%-36s %4s %8s %5s %9.1f %9.2f %9.2f %9s  %s%n", "raw Derby commit (" + when + ")", c,
                            p.getProperty(k + "count"), "0", d(p, k + "commitsPerSec"), d(p, k + "p50ms"), d(p, k + "p99ms"), "",
                            "1 row/transaction, durable");
                }
            }
        }
        w.println();
        double rss = Math.max(d(p, "load.rssMB"), d(p, "read.rssMB"));
        w.printf(Locale.ROOT, "RSS of the distribution's JVM: %.0f MB after the load, %.0f MB after the reads, peak (VmHWM) %.0f MB  [target <= 450 MB: %s]%n",
                d(p, "load.rssMB"), d(p, "read.rssMB"), Math.max(d(p, "load.hwmMB"), d(p, "read.hwmMB")),
                Double.isNaN(rss) ? "n/a" : rss <= 450 ? "PASS" : "FAIL");
        w.println();
        double raw1 = mean(d(p, "before.raw.c1.commitsPerSec"), d(p, "after.raw.c1.commitsPerSec"));
        double raw8 = mean(d(p, "before.raw.c8.commitsPerSec"), d(p, "after.raw.c8.commitsPerSec"));
        double c1 = d(p, "create.c1.perSec");
        double c8 = d(p, "create.c8.perSec");
        double b1 = d(p, "before.raw.c1.commitsPerSec");
        double a1 = d(p, "after.raw.c1.commitsPerSec");
        double b8 = d(p, "before.raw.c8.commitsPerSec");
        double a8 = d(p, "after.raw.c8.commitsPerSec");
        w.printf(Locale.ROOT, "raw Derby commits/s (mean of before and after the creates): c=1 %.1f, c=8 %.1f%n", raw1, raw8);
        w.printf(Locale.ROOT, "ratio create c=1 / raw Derby c=1: %5.1f%%  (%s against before / after alone)  [target >= 50%%: %s]%n",
                100 * c1 / raw1, range(c1, b1, a1), pass(c1 / raw1 >= 0.5));
        w.printf(Locale.ROOT, "ratio create c=8 / raw Derby c=1: %5.1f%%  (%s against before / after alone)  [target >= 50%%: %s]%n",
                100 * c8 / raw1, range(c8, b1, a1), pass(c8 / raw1 >= 0.5));
        w.printf(Locale.ROOT, "ratio create c=8 / raw Derby c=8: %5.1f%%  (%s against before / after alone; same concurrency, informational)%n",
                100 * c8 / raw8, range(c8, b8, a8));
        w.flush();
        System.out.print(text);
        Files.writeString(out.resolve("summary.txt"), text.toString(), StandardCharsets.UTF_8);
    }

    private static String range(double create, double before, double after) {
        return String.format(Locale.ROOT, "%.1f%% / %.1f%%", 100 * create / before, 100 * create / after);
    }

    private static String pass(boolean ok) {
        return ok ? "PASS" : "FAIL";
    }

    private static double mean(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : (a + b) / 2;
    }

    private static String target(Properties p, String key, double limit, String label) {
        double v = d(p, key);
        return label + ": " + (Double.isNaN(v) ? "n/a" : v <= limit ? "PASS" : "FAIL");
    }

    private static void row(PrintWriter w, Properties p, String key, String note) {
        if (p.getProperty(key + ".name") == null) {
            return;
        }
        if (d(p, key + ".requests") == 0) {
            note = note + (note.isEmpty() ? "" : "; ") + "NO successful request: " + p.getProperty(key + ".firstError", "");
        } else if (d(p, key + ".requests") < 100) {
            note = note + (note.isEmpty() ? "" : "; ") + "few samples (time limit): p99 = max";
        }
        w.printf(Locale.ROOT, "%-36s %4s %8s %5s %9.1f %9.2f %9.2f %9.2f  %s%n", p.getProperty(key + ".name"),
                p.getProperty(key + ".conc"), p.getProperty(key + ".requests"), p.getProperty(key + ".errors"),
                d(p, key + ".perSec"), d(p, key + ".p50ms"), d(p, key + ".p99ms"), d(p, key + ".maxms"), note);
    }

    private static double d(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    // ---------------------------------------------------------------- files

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static void write(Path file, Map<String, String> values) throws IOException {
        List<String> lines = new ArrayList<>();
        values.forEach((k, v) -> lines.add(k + "=" + v.replace("\\", "\\\\").replace("\n", " ")));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
