package org.tesseracrm.testing;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The real Tessera distribution, unpacked from its {@code tar.gz} into a fresh folder and run as a
 * separate process ({@code bin/karaf run}) on a free loopback port, for integration tests that talk HTTP
 * to it and restart it for real.
 *
 * <p>Typical use, one distribution per test class:
 *
 * <pre>{@code
 * static TesseraDistribution tessera;
 *
 * @BeforeAll static void boot() { tessera = TesseraDistribution.unpack("crud").start(); }
 * @AfterAll static void shutDown() { tessera.close(); }
 *
 * ApiResponse created = tessera.post("/contacts", Map.of("lastName", "Lee"));
 * }</pre>
 *
 * <p>Configuration may be changed between {@link #unpack} and {@link #start()} (or between
 * {@link #stop()} and the next start): {@link #configure(String, String)} writes a file under
 * {@code etc/}, {@link #environment(String, String)} and {@link #javaOption(String)} add to the process'
 * environment and {@code EXTRA_JAVA_OPTS}. Every start takes a free port on 127.0.0.1 for HTTP, and for
 * SSH and JMX when the distribution has them, so it never collides with a Tessera a developer runs.
 *
 * <p>The process never outlives the test JVM: {@link #stop()} ends Karaf's Java process (SIGTERM, then
 * SIGKILL after a grace period) and the {@code bin/karaf} shell loop around it, and a shutdown hook does
 * the same if a test run is cut short. Every answer of 500 or more is remembered ({@link #serverErrors()})
 * so a suite can assert that none happened.
 */
public final class TesseraDistribution implements AutoCloseable {
    /** System property: path of the distribution's {@code tar.gz}. */
    public static final String ARCHIVE_PROPERTY = "tessera.distribution";
    /** System property: folder under which distributions are unpacked. */
    public static final String WORK_PROPERTY = "tessera.work";
    /** System property: seconds to wait for a start (default 180). */
    public static final String START_TIMEOUT_PROPERTY = "tessera.startTimeoutSeconds";
    /** System property: the JDK to run Karaf with (default: this JVM when it is 17 to 23, else the system JDK 17). */
    public static final String JAVA_HOME_PROPERTY = "tessera.javaHome";
    /** The administrator created on first start. */
    public static final String ADMIN = "admin";
    /** Where the first start writes the administrator's password, relative to the distribution. */
    public static final String ADMIN_PASSWORD_FILE = "data/tessera/initial-admin-password";
    /** The DataSource configuration file, relative to {@code etc/}. */
    public static final String DATASOURCE_CONFIG = "org.ops4j.datasource-tessera.cfg";
    /**
     * The {@code osgi.jdbc.driver.name} the PostgreSQL driver bundle registers its DataSourceFactory
     * under: {@code org.postgresql.osgi.PGBundleActivator} uses {@code DriverInfo.DRIVER_NAME}.
     */
    public static final String POSTGRES_DRIVER_NAME = "PostgreSQL JDBC Driver";

    private static final Path SYSTEM_JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    private static final long POLL_MILLIS = 200;
    /** How long /platform may stay 404 while the Tessera application already answers. */
    private static final Duration PLATFORM_GRACE = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    /**
     * How long Jetty may answer its own 404, once Karaf installed its features and the whiteboard's default
     * context was removed, before the start counts as hit by Pax Web 8's start race: the whiteboard extender,
     * started while the HTTP service registers, can lose its default context for good, so that no servlet
     * (the API, the console) is ever served. Such a start is stopped and made once more.
     */
    private static final Duration WEB_CONTEXT_GRACE = Duration.ofSeconds(45);
    /**
     * Answers in a row (one per {@value #POLL_MILLIS} ms) that must report every Tessera bundle active:
     * the JAX-RS whiteboard republishes the application for each resource a starting bundle adds, and
     * requests in between are not served.
     */
    private static final int SETTLED_POLLS = 5;

    private final String name;
    private final Path folder;
    private final Path home;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> javaOptions = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<ApiResponse> serverErrors = new CopyOnWriteArrayList<>();
    private final Duration startTimeout = Duration.ofSeconds(
            Long.getLong(START_TIMEOUT_PROPERTY, 180));

    private volatile Process process;
    private Thread shutdownHook;
    private volatile int port;
    private volatile String adminPassword;
    private int starts;
    private Duration lastStartDuration = Duration.ZERO;

    private TesseraDistribution(String name, Path folder, Path home) {
        this.name = name;
        this.folder = folder;
        this.home = home;
    }

    /**
     * Unpacks the archive named by the {@value #ARCHIVE_PROPERTY} system property into
     * {@code <}{@value #WORK_PROPERTY}{@code >/<name>}, removing what an earlier run left there.
     *
     * @param name a folder name for this distribution, usually the test class' simple name
     */
    public static TesseraDistribution unpack(String name) {
        return unpack(Path.of(required(ARCHIVE_PROPERTY)), Path.of(required(WORK_PROPERTY)), name);
    }

    /**
     * Unpacks an archive into {@code workDir/name}, removing what an earlier run left there.
     *
     * @throws IllegalStateException when the archive is missing or {@code tar} fails
     */
    public static TesseraDistribution unpack(Path archive, Path workDir, String name) {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("No distribution archive at " + archive
                    + " (build it first: mvn -o install -Dmaven.test.skip=true)");
        }
        Path folder = workDir.toAbsolutePath().resolve(name);
        try {
            deleteRecursively(folder);
            Files.createDirectories(folder);
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C",
                    folder.toString()).redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                tar.destroyForcibly();
                throw new IllegalStateException("tar -xzf " + archive + " failed: " + output);
            }
            Path home;
            try (Stream<Path> children = Files.list(folder)) {
                home = children.filter(child -> Files.isRegularFile(child.resolve("bin/karaf"))).findFirst()
                        .orElseThrow(() -> new IllegalStateException(archive + " holds no bin/karaf"));
            }
            return new TesseraDistribution(name, folder, home);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + archive, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while unpacking " + archive, e);
        }
    }

    // ---------------------------------------------------------------- configuration before a start

    /** Sets an environment variable of the Karaf process (from the next start on). */
    public TesseraDistribution environment(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Adds a JVM option (no spaces: {@code bin/karaf} splits on them), from the next start on. */
    public TesseraDistribution javaOption(String option) {
        if (option.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bin/karaf splits options on spaces: " + option);
        }
        javaOptions.add(option);
        return this;
    }

    /** Replaces (or creates) a file under {@code etc/}; takes effect at the next start. */
    public TesseraDistribution configure(String etcFile, String content) {
        requireStopped("change etc/" + etcFile);
        try {
            Files.writeString(home.resolve("etc").resolve(etcFile), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Points the {@code tessera} DataSource at a PostgreSQL database: configuration only, the same
     * distribution.
     *
     * @param jdbcUrl for example {@code jdbc:postgresql://127.0.0.1:5432/tessera}
     * @param user    the database user (password-less, as with trust authentication)
     */
    public TesseraDistribution usePostgres(String jdbcUrl, String user) {
        return configure(DATASOURCE_CONFIG, String.join("\n",
                "# PostgreSQL, written by " + TesseraDistribution.class.getSimpleName(),
                "osgi.jdbc.driver.name = " + POSTGRES_DRIVER_NAME,
                "dataSourceName = tessera",
                "url = " + jdbcUrl,
                "user = " + user,
                "pool = hikari",
                "xa = false",
                "hikari.maximumPoolSize = 16",
                "hikari.minimumIdle = 2",
                ""));
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts {@code bin/karaf run} on a free loopback port and waits until {@code GET /api/v1/platform}
     * answers 200 to the administrator, reporting every Tessera bundle and schema active, for about a
     * second in a row. On failure the process is stopped and the exception carries the ERROR lines of
     * {@code karaf.log}.
     *
     * @return this distribution
     * @throws IllegalStateException when it does not come up in time (property {@value #START_TIMEOUT_PROPERTY})
     */
    public TesseraDistribution start() {
        try {
            return startOnce();
        } catch (WebContextLost e) {
            // Pax Web's race, not Tessera's: said aloud, and the next start must succeed on its own
            System.out.printf("[tessera] %s: %s; starting once more%n", name, e.getMessage());
            return startOnce();
        }
    }

    private TesseraDistribution startOnce() {
        requireStopped("start");
        long begin = System.nanoTime();
        port = freePort();
        // other servers of the distribution get free ports too: a developer's Tessera may hold the defaults
        setPort("org.apache.karaf.shell.cfg", "sshPort");
        setPort("org.apache.karaf.management.cfg", "rmiRegistryPort");
        setPort("org.apache.karaf.management.cfg", "rmiServerPort");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "run")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("console.log").toFile()));
        Map<String, String> env = builder.environment();
        // what the caller's shell has set must not leak in: another Karaf, another port, 0.0.0.0
        env.keySet().removeIf(key -> key.startsWith("KARAF_") || key.startsWith("TESSERA_")
                || key.equals("EXTRA_JAVA_OPTS") || key.equals("JAVA_OPTS") || key.startsWith("JAVA_MAX")
                || key.startsWith("JAVA_MIN"));
        env.put("JAVA_HOME", javaHome().toString());
        env.put("TESSERA_HTTP_HOST", "127.0.0.1");
        env.put("TESSERA_HTTP_PORT", String.valueOf(port));
        env.put("EXTRA_JAVA_OPTS", String.join(" ", javaOptions));
        env.putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + home.resolve("bin/karaf"), e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> terminate(started, Duration.ofSeconds(20)), "stop tessera " + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        starts++;
        awaitPlatform();
        lastStartDuration = Duration.ofNanos(System.nanoTime() - begin);
        System.out.printf("[tessera] %s: started (#%d) on %s in %.1f s%n", name, starts, apiUri(),
                lastStartDuration.toMillis() / 1000.0);
        return this;
    }

    /** Stops and starts again on the same folder (data, configuration and log survive). */
    public TesseraDistribution restart() {
        stop();
        return start();
    }

    /**
     * Stops Karaf: SIGTERM to its Java process (a clean framework shutdown), SIGKILL after 60 s, then
     * waits for the {@code bin/karaf} loop to end. Does nothing when not running.
     */
    public void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        process = null;
        try {
            terminate(running, STOP_GRACE);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            shutdownHook = null;
        }
    }

    /** Stops the distribution and prints the ERROR lines of its log, if any. The files stay for post-mortems. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            printLogErrors(System.out);
        }
    }

    /** @return whether the Karaf process is running */
    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    private static void terminate(Process shell, Duration grace) {
        List<ProcessHandle> children = shell.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                System.err.println("[tessera] process " + child.pid() + " ignored SIGTERM for " + grace
                        + "; killing it");
                child.destroyForcibly();
                awaitExit(child);
            } catch (ExecutionException e) {
                child.destroyForcibly();
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            // the shell loop ends by itself once Java is gone (it restarts only on exit code 10)
            if (!shell.waitFor(children.isEmpty() ? 0 : 15, TimeUnit.SECONDS)) {
                shell.descendants().forEach(ProcessHandle::destroyForcibly);
                shell.destroyForcibly();
                shell.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            shell.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("[tessera] process " + handle.pid() + " did not end after SIGKILL");
        }
    }

    private void awaitPlatform() {
        long begin = System.nanoTime();
        long deadline = begin + startTimeout.toNanos();
        long applicationAnsweredAt = 0;
        long jettyAloneSince = 0;
        long logFrom = logSize();
        int settled = 0;
        String last = "no answer yet";
        while (true) {
            Process running = process;
            if (!running.isAlive()) {
                throw startFailure("bin/karaf exited with code " + running.exitValue());
            }
            String password = readAdminPassword();
            if (password != null) {
                adminPassword = password;
                try {
                    ApiResponse answer = send("GET", "/platform", basic(ADMIN, password), Map.of(), null, false);
                    last = answer.toString();
                    if (answer.status() == 200) {
                        String inactive = inactiveBundles(answer);
                        if (inactive.isEmpty()) {
                            if (++settled >= SETTLED_POLLS) {
                                return;
                            }
                        } else {
                            settled = 0;
                            last = "not active yet: " + inactive;
                        }
                    } else {
                        settled = 0;
                    }
                    if (answer.status() == 404 && !answer.isProblem() && webContextLost(logFrom)) {
                        // Karaf is done, the whiteboard's default context is gone: only Jetty's own 404
                        if (jettyAloneSince == 0) {
                            jettyAloneSince = System.nanoTime();
                        } else if (System.nanoTime() - jettyAloneSince > WEB_CONTEXT_GRACE.toNanos()) {
                            stop();
                            throw new WebContextLost("the web whiteboard served nothing for "
                                    + WEB_CONTEXT_GRACE.toSeconds() + " s after every feature was installed");
                        }
                    }
                    if (answer.status() == 404 && answer.isProblem()) {
                        // Tessera's application answers, but not at /platform: give it a short while
                        if (applicationAnsweredAt == 0) {
                            applicationAnsweredAt = System.nanoTime();
                        } else if (System.nanoTime() - applicationAnsweredAt > PLATFORM_GRACE.toNanos()) {
                            throw startFailure("The API answers, but /platform stayed 404 for "
                                    + PLATFORM_GRACE.toSeconds() + " s: " + answer);
                        }
                    }
                } catch (UncheckedIOException e) {
                    last = e.getCause().toString();
                }
            } else {
                last = "no " + ADMIN_PASSWORD_FILE + " yet";
            }
            if (System.nanoTime() > deadline) {
                throw startFailure("No 200 from " + apiUri() + "/platform within " + startTimeout.toSeconds()
                        + " s; last: " + last);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw startFailure("Interrupted while waiting for the start");
            }
        }
    }

    /**
     * @return whether, in what this start logged (from the byte offset on), Karaf installed its features and
     *         the last word on the whiteboard's default context removed it
     */
    private boolean webContextLost(long offset) {
        boolean installed = false;
        String lastOnDefaultContext = "";
        try (java.io.InputStream in = Files.newInputStream(karafLog())) {
            in.skipNBytes(Math.min(offset, Files.size(karafLog())));
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                installed |= line.contains("FeaturesServiceImpl") && line.strip().endsWith("| Done.");
                if (line.contains("OsgiContextModel{WB,") && line.contains("name='default'")) {
                    lastOnDefaultContext = line;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
        return installed && (lastOnDefaultContext.contains("Unregistration of")
                || lastOnDefaultContext.contains("Removing OsgiContextModel"));
    }

    /** @return the size of {@code karaf.log} now, 0 when there is none yet */
    private long logSize() {
        try {
            return Files.isRegularFile(karafLog()) ? Files.size(karafLog()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** A start that Pax Web's start race left without any servlet; see {@link #WEB_CONTEXT_GRACE}. */
    private static final class WebContextLost extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        WebContextLost(String message) {
            super(message);
        }
    }

    /** @return the Tessera bundles (or schemas) /platform reports as not active, or "" */
    @SuppressWarnings("unchecked")
    private static String inactiveBundles(ApiResponse platform) {
        Object bundles;
        try {
            bundles = platform.map().get("bundles");
        } catch (AssertionError notJson) {
            return "(no JSON)";
        }
        if (!(bundles instanceof List<?> list) || list.isEmpty()) {
            return "(no bundles listed)";
        }
        StringBuilder inactive = new StringBuilder();
        for (Object entry : list) {
            Map<String, Object> bundle = (Map<String, Object>) entry;
            Object schemaState = bundle.get("schemaState");
            if (!"active".equals(bundle.get("state")) || schemaState != null && !"active".equals(schemaState)) {
                inactive.append(inactive.length() == 0 ? "" : ", ").append(bundle.get("symbolicName"))
                        .append(' ').append(bundle.get("state"))
                        .append(schemaState == null ? "" : " (schema " + schemaState + ")");
            }
        }
        return inactive.toString();
    }

    private IllegalStateException startFailure(String reason) {
        stop();
        StringBuilder message = new StringBuilder("Tessera (" + home + ") did not start: " + reason);
        List<String> errors = logErrors();
        if (!errors.isEmpty()) {
            message.append("\nERROR lines of karaf.log (").append(errors.size()).append("):");
            errors.stream().limit(20).forEach(line -> message.append("\n  ").append(line));
        }
        message.append("\nLast lines of ").append(folder.resolve("console.log")).append(':');
        tail(folder.resolve("console.log"), 30).forEach(line -> message.append("\n  ").append(line));
        return new IllegalStateException(message.toString());
    }

    /** Sets {@code key = <a free port>} in an {@code etc/} file that has the key; leaves other files alone. */
    private void setPort(String etcFile, String key) {
        Path file = home.resolve("etc").resolve(etcFile);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            String content = Files.readString(file, StandardCharsets.ISO_8859_1);
            String changed = content.replaceAll("(?m)^(\\s*" + key + "\\s*=).*$", "$1 " + freePort());
            if (!changed.equals(content)) {
                Files.writeString(file, changed, StandardCharsets.ISO_8859_1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readAdminPassword() {
        Path file = home.resolve(ADMIN_PASSWORD_FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            return password.isEmpty() ? null : password;
        } catch (IOException e) {
            return null;
        }
    }

    private void requireStopped(String what) {
        if (process != null) {
            throw new IllegalStateException("Cannot " + what + " while the distribution runs; stop() first");
        }
    }

    // ---------------------------------------------------------------- what a test reads

    /** @return the distribution's folder (with {@code bin/}, {@code etc/}, {@code data/}) */
    public Path home() {
        return home;
    }

    /** @return the HTTP port of the current (or last) start */
    public int port() {
        return port;
    }

    /** @return {@code http://127.0.0.1:<port>/api/v1} */
    public URI apiUri() {
        return URI.create("http://127.0.0.1:" + port + "/api/v1");
    }

    /** @return the administrator's user name */
    public String adminUser() {
        return ADMIN;
    }

    /** @return the administrator's password, from {@value #ADMIN_PASSWORD_FILE} (known once started) */
    public String adminPassword() {
        if (adminPassword == null) {
            throw new IllegalStateException("The password is written on the first start; start() first");
        }
        return adminPassword;
    }

    /** @return how many times this distribution was started */
    public int starts() {
        return starts;
    }

    /** @return how long the last start took, until /platform answered */
    public Duration lastStartDuration() {
        return lastStartDuration;
    }

    /** @return how many API requests tests sent (start-up polling not counted) */
    public int requestCount() {
        return requests.get();
    }

    /** @return every answer with a status of 500 or more that tests received */
    public List<ApiResponse> serverErrors() {
        return List.copyOf(serverErrors);
    }

    /** @return {@code data/log/karaf.log} */
    public Path karafLog() {
        return home.resolve("data/log/karaf.log");
    }

    /** @return the ERROR lines of {@code karaf.log} (without their stack traces) */
    public List<String> logErrors() {
        Path log = karafLog();
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("| ERROR |")).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + log + ": " + e + ")");
        }
    }

    /** Prints the ERROR lines of {@code karaf.log}, if any, with where the whole log is. */
    public void printLogErrors(PrintStream out) {
        List<String> errors = logErrors();
        if (errors.isEmpty()) {
            return;
        }
        out.println("[tessera] " + name + ": " + errors.size() + " ERROR line(s) in " + karafLog() + ":");
        errors.stream().limit(50).forEach(line -> out.println("  " + line));
    }

    // ---------------------------------------------------------------- HTTP

    /** {@code GET /api/v1<path>} as the administrator. */
    public ApiResponse get(String path) {
        return request("GET", path).send();
    }

    /** {@code POST /api/v1<path>} as the administrator with a JSON body (a String is sent as it is). */
    public ApiResponse post(String path, Object body) {
        return request("POST", path).json(body).send();
    }

    /** {@code PUT /api/v1<path>} as the administrator with {@code If-Match} (unless null) and a JSON body. */
    public ApiResponse put(String path, String ifMatch, Object body) {
        return request("PUT", path).ifMatch(ifMatch).json(body).send();
    }

    /** {@code DELETE /api/v1<path>} as the administrator with {@code If-Match} unless null. */
    public ApiResponse delete(String path, String ifMatch) {
        return request("DELETE", path).ifMatch(ifMatch).send();
    }

    /** @return a request to {@code /api/v1<path>} as the administrator, to adjust and {@link Call#send()} */
    public Call request(String method, String path) {
        return new Call(method, path);
    }

    /** One HTTP request being put together. */
    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private String authorization;
        private String body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
            this.authorization = basic(ADMIN, adminPassword());
        }

        /** Sends HTTP Basic credentials of another user (or a wrong password). */
        public Call as(String user, String password) {
            authorization = basic(user, password);
            return this;
        }

        /** Sends no credentials at all. */
        public Call anonymous() {
            authorization = null;
            return this;
        }

        /** Sends this {@code Authorization} header as it is. */
        public Call authorization(String value) {
            authorization = value;
            return this;
        }

        /** Adds a header (a {@code null} value is left out). */
        public Call header(String header, String value) {
            if (value != null) {
                headers.put(header, value);
            }
            return this;
        }

        /** Sends {@code If-Match} unless {@code null}. */
        public Call ifMatch(String etag) {
            return header("If-Match", etag);
        }

        /** A JSON body: a String is sent as it is (so it may be malformed), anything else is written as JSON. */
        public Call json(Object value) {
            return body("application/json", value instanceof String text ? text : JsonText.write(value));
        }

        /** A body of any media type ({@code null} type: no {@code Content-Type} header). */
        public Call body(String contentType, String text) {
            header("Content-Type", contentType);
            body = text;
            return this;
        }

        /** @return the answer; an I/O failure is an {@link UncheckedIOException} */
        public ApiResponse send() {
            return TesseraDistribution.this.send(method, path, authorization, headers, body, true);
        }
    }

    private ApiResponse send(String method, String path, String authorization, Map<String, String> headers,
            String body, boolean counted) {
        URI uri = path.startsWith("http://") ? URI.create(path) : URI.create(apiUri() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + method + " " + uri, e);
        }
        Map<String, List<String>> lowerCase = new TreeMap<>();
        response.headers().map().forEach((key, values) -> lowerCase.put(key.toLowerCase(Locale.ROOT), values));
        ApiResponse answer = new ApiResponse(method, uri.toString(), response.statusCode(), lowerCase,
                response.body() == null ? "" : response.body());
        if (counted) {
            requests.incrementAndGet();
            if (answer.status() >= 500) {
                serverErrors.add(answer);
            }
        }
        return answer;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- helpers

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set (failsafe passes it)");
        }
        return value;
    }

    /** @return a port that was free on 127.0.0.1 a moment ago */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    private static Path javaHome() {
        String configured = System.getProperty(JAVA_HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // Karaf 4.4's scripts pass -Djava.security.manager=allow, which Java 24+ refuses
        int feature = Runtime.version().feature();
        if (feature >= 17 && feature < 24) {
            return Path.of(System.getProperty("java.home"));
        }
        if (Files.isDirectory(SYSTEM_JAVA_17)) {
            return SYSTEM_JAVA_17;
        }
        throw new IllegalStateException("No JDK 17 to run Karaf with: set -D" + JAVA_HOME_PROPERTY);
    }

    private static List<String> tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of("(no " + file + ")");
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e + ")");
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public String toString() {
        return "Tessera " + name + " at " + home + (isRunning() ? " on port " + port : " (stopped)");
    }
}
