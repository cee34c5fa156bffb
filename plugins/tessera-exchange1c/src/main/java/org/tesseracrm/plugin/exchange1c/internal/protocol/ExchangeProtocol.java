package org.tesseracrm.plugin.exchange1c.internal.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.plugin.exchange1c.internal.ImportResult;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;
import org.tesseracrm.plugin.exchange1c.internal.log.ExchangeLog.Outcome;
import org.tesseracrm.plugin.exchange1c.internal.sale.OrderExport;

/**
 * The "exchange with site" protocol 1C speaks, without HTTP: what to answer to each {@code type} and
 * {@code mode}. The HTTP endpoint ({@code ExchangeServlet}) passes the request here and writes the reply
 * exactly as returned.
 *
 * <p>Replies are exactly those 1C expects: {@code success\n<cookie>\n<value>}, {@code zip=yes\nfile_limit=…},
 * {@code success}, {@code progress\n…}, {@code failure\n<reason>}, or the orders document. An import runs in
 * the background: the first {@code mode=import} starts it and answers {@code progress}; 1C repeats the
 * request and gets {@code progress} until the import ends, then {@code success} or {@code failure}, so no
 * request is held for long. Chunks of a file ({@code file_limit}) are appended in the order they come;
 * zip archives are unpacked when 1C asks to import a file they hold.
 *
 * <p>Who may exchange: administrators, users with the connection's role, and (when the connection names
 * logins) only those. The exchange acts on behalf of that login with administrator rights over CRM records,
 * because it synchronises all of them; every change is audited under the login.
 */
public final class ExchangeProtocol {
    /** The cookie name 1C is told to send back. */
    public static final String COOKIE = "tessera_1c_exchange";
    /** Sessions idle this long are forgotten and their files deleted. */
    static final Duration IDLE = Duration.ofHours(2);

    private final Path work;
    private final Exchange exchange;
    private final ExecutorService executor;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** A request of 1C. */
    public record Request(String connection, String type, String mode, String filename, String authorization,
            String cookie, InputStream body) { }

    /**
     * A reply.
     *
     * @param status      the HTTP status: 200, or 401 asking for Basic credentials
     * @param contentType the media type with its charset
     * @param body        the bytes
     */
    public record Reply(int status, String contentType, byte[] body) {
        /** @return the body as text (for tests and logs) */
        public String text() {
            Charset charset = contentType.contains("windows-1251") ? ConnectionSettings.WINDOWS_1251
                    : StandardCharsets.UTF_8;
            return new String(body, charset);
        }
    }

    /** One 1C session: its user, its folder and the imports started in it. */
    private static final class Session {
        final String id;
        final ConnectionSettings connection;
        final TesseraUser user;
        final Path folder;
        final Map<String, Future<ImportResult>> imports = new ConcurrentHashMap<>();
        volatile Instant lastUsed = Instant.now();
        /** When the package in progress began (login or {@code init}). */
        volatile Instant packageStarted = Instant.now();
        /** Whether the package imported a full catalog with products, and whether an import of it failed. */
        volatile boolean fullCatalog;
        volatile boolean packageFailed;

        Session(String id, ConnectionSettings connection, TesseraUser user, Path folder) {
            this.id = id;
            this.connection = connection;
            this.user = user;
            this.folder = folder;
        }
    }

    /**
     * @param work     folder for uploaded files (one subfolder per session)
     * @param exchange the plugin's services
     * @param executor runs imports in the background
     */
    public ExchangeProtocol(Path work, Exchange exchange, ExecutorService executor) {
        this.work = work;
        this.exchange = exchange;
        this.executor = executor;
    }

    /** Answers one request; never throws. */
    public Reply handle(Request request) {
        Charset charset = exchange.connection(request.connection()).map(ConnectionSettings::encoding)
                .orElse(StandardCharsets.UTF_8);
        try {
            String type = request.type() == null ? "" : request.type();
            String mode = request.mode() == null ? "" : request.mode();
            if (!type.equals("catalog") && !type.equals("sale")) {
                return text(charset, "failure\nunknown type: " + type + " (catalog or sale)");
            }
            if (mode.equals("checkauth")) {
                return checkauth(request, type, charset);
            }
            Session session = request.cookie() == null ? null : sessions.get(request.cookie());
            if (session == null || !session.connection.name().equals(request.connection())) {
                return text(charset, "failure\nnot authorised: call mode=checkauth first");
            }
            session.lastUsed = Instant.now();
            try (CurrentUser.Scope ignored = CurrentUser.enter(session.user)) {
                return switch (mode) {
                    case "init" -> init(session, type);
                    case "file" -> file(session, type, request.filename(), request.body());
                    case "import" -> importFile(session, type, request.filename());
                    case "query" -> type.equals("sale") ? query(session) : unknownMode(session, type, mode);
                    case "success" -> success(session, type);
                    case "deactivate", "complete" -> complete(session, type, mode);
                    default -> unknownMode(session, type, mode);
                };
            }
        } catch (IOException | RuntimeException e) {
            return text(charset, "failure\n" + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- modes

    private Reply checkauth(Request request, String type, Charset charset) throws IOException {
        Optional<ConnectionSettings> connection = exchange.connection(request.connection());
        if (connection.isEmpty()) {
            return text(charset, "failure\nno 1C connection named " + request.connection());
        }
        String authorization = request.authorization();
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Reply(401, "text/plain;charset=" + charset.name(),
                    "failure\nlogin and password required".getBytes(charset));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text(charset, "failure\nmalformed Authorization header");
        }
        int colon = decoded.indexOf(':');
        Optional<TesseraUser> user = colon < 0 ? Optional.empty()
                : exchange.login(decoded.substring(0, colon), decoded.substring(colon + 1));
        if (user.isEmpty()) {
            return text(charset, "failure\nwrong login or password");
        }
        ConnectionSettings settings = connection.get();
        TesseraUser login = user.get();
        boolean allowed = login.hasRole(TesseraUser.ADMINISTRATOR)
                || login.hasRole(settings.role()) && (settings.users().isEmpty()
                        || settings.users().contains(login.username()));
        if (!allowed) {
            return text(charset, "failure\nuser " + login.username() + " may not exchange with 1C (needs the role "
                    + settings.role() + " or administrator)");
        }
        sweep();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Path folder = Files.createDirectories(work.resolve(id));
        Set<String> roles = new HashSet<>(login.roles());
        roles.add(TesseraUser.ADMINISTRATOR);
        sessions.put(id, new Session(id, settings, new TesseraUser(login.username(), roles), folder));
        exchange.started(id, settings.name(), login.username());
        exchange.record(id, type, "checkauth", null, Outcome.SUCCESS, "logged in as " + login.username(), null);
        return text(charset, "success\n" + COOKIE + "\n" + id);
    }

    private Reply init(Session session, String type) throws IOException {
        // a new package: what an earlier one in this session left must not be appended to
        if (session.imports.values().stream().allMatch(Future::isDone)) {
            session.imports.clear();
            deleteRecursively(session.folder);
            Files.createDirectories(session.folder);
            session.packageStarted = Instant.now();
            session.fullCatalog = false;
            session.packageFailed = false;
        }
        exchange.record(session.id, type, "init", null, Outcome.SUCCESS, null, null);
        return text(session, "zip=" + (session.connection.zip() ? "yes" : "no") + "\nfile_limit="
                + session.connection.fileLimit());
    }

    private Reply file(Session session, String type, String filename, InputStream body) throws IOException {
        Path target = resolve(session, filename);
        if (session.imports.containsKey(filename)) {
            return failure(session, type, "file", filename, "the file is being imported; send it under another name");
        }
        Files.createDirectories(target.getParent());
        long received;
        // a file larger than file_limit arrives as several requests with the same name: append
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            received = body.transferTo(out);
        }
        exchange.record(session.id, type, "file", filename, Outcome.SUCCESS, received + " bytes received", null);
        if (type.equals("sale") && received < session.connection.fileLimit()) {
            // 1C sends no mode=import for orders: a chunk shorter than the limit is the file's last
            return importOrders(session, target);
        }
        return text(session, "success");
    }

    private Reply importOrders(Session session, Path file) throws IOException {
        List<Path> files = isZip(file) ? unzip(session, file) : List.of(file);
        for (Path xml : files) {
            if (!xml.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
                continue;
            }
            ImportResult result;
            try {
                result = exchange.importFile(session.connection, xml);
            } finally {
                // 1C sends a failed file again from its start: it must not be appended to this one
                Files.deleteIfExists(xml);
            }
            String name = session.folder.relativize(xml).toString();
            if (!result.succeeded()) {
                return failure(session, "sale", "import", name, result.failure(), result);
            }
            exchange.record(session.id, "sale", "import", name, Outcome.SUCCESS, null, result);
        }
        return text(session, "success");
    }

    private Reply importFile(Session session, String type, String filename) {
        Future<ImportResult> running = session.imports.get(filename);
        if (running == null) {
            Path file = resolve(session, filename);
            session.imports.put(filename, executor.submit(() -> {
                try (CurrentUser.Scope ignored = CurrentUser.enter(session.user)) {
                    return runImport(session, type, filename, file);
                }
            }));
            return text(session, "progress\nimport of " + filename + " started");
        }
        if (!running.isDone()) {
            return text(session, "progress\nimporting " + filename);
        }
        session.imports.remove(filename);
        try {
            ImportResult result = running.get();
            if (!result.succeeded()) {
                return text(session, "failure\n" + oneLine(result.failure()));
            }
            return text(session, "success");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return text(session, "failure\ninterrupted");
        } catch (ExecutionException e) {
            Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
            return text(session, "failure\n" + oneLine(String.valueOf(cause.getMessage())));
        }
    }

    /** Runs in the background; its outcome goes to the exchange log at once, whether 1C asks again or not. */
    private ImportResult runImport(Session session, String type, String filename, Path file) {
        ImportResult result;
        try {
            if (!Files.isRegularFile(file)) {
                unzipAll(session);
            }
            if (!Files.isRegularFile(file)) {
                result = new ImportResult(filename);
                result.fail("no file " + filename + " was sent");
            } else {
                result = exchange.importFile(session.connection, file);
            }
        } catch (IOException | RuntimeException e) {
            result = new ImportResult(filename);
            result.fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        exchange.record(session.id, type, "import", filename, result.succeeded() ? Outcome.SUCCESS : Outcome.FAILURE,
                result.failure(), result);
        if (!result.succeeded()) {
            session.packageFailed = true;
        } else if (result.fullCatalog() && result.count(ImportResult.PRODUCTS) > 0) {
            session.fullCatalog = true;
        }
        return result;
    }

    private Reply query(Session session) {
        OrderExport.Orders orders = exchange.query(session.connection, session.id);
        exchange.record(session.id, "sale", "query", null, Outcome.SUCCESS, orders.count() + " orders sent"
                + (orders.skipped().isEmpty() ? "" : "; not sent: " + String.join("; ", orders.skipped())), null);
        return new Reply(200, "application/xml;charset=" + session.connection.encoding().name(), orders.document());
    }

    private Reply success(Session session, String type) {
        if (type.equals("sale")) {
            int marked = exchange.confirm(session.connection, session.id);
            exchange.record(session.id, type, "success", null, Outcome.SUCCESS, marked + " orders marked exported",
                    null);
        }
        return text(session, "success");
    }

    /**
     * 1C's last step of a package ({@code deactivate}, then {@code complete} in some releases): when the
     * connection says so, the products a full catalog of this package did not list are deleted to the recycle
     * bin, once, and only after every file of the package was imported without failure. 1C always gets
     * {@code success}; the exchange log says what was done or why not.
     */
    private Reply complete(Session session, String type, String mode) {
        if (type.equals("catalog") && session.connection.deleteOmitted() && session.fullCatalog) {
            String message;
            if (session.packageFailed) {
                message = "products missing from the full catalog kept: a file of the package failed";
            } else if (!session.imports.values().stream().allMatch(Future::isDone)) {
                message = "products missing from the full catalog kept: an import is still running";
            } else {
                int deleted = exchange.deleteOmitted(session.connection, session.packageStarted);
                session.fullCatalog = false; // once per package
                message = deleted + " products missing from the full catalog deleted to the recycle bin";
            }
            exchange.record(session.id, type, mode, null, Outcome.SUCCESS, message, null);
        } else {
            exchange.record(session.id, type, mode, null, Outcome.SUCCESS, null, null);
        }
        return text(session, "success");
    }

    private Reply unknownMode(Session session, String type, String mode) {
        return failure(session, type, mode.isEmpty() ? "?" : mode, null, "unknown mode: " + mode);
    }

    private Reply failure(Session session, String type, String mode, String filename, String reason) {
        return failure(session, type, mode, filename, reason, null);
    }

    private Reply failure(Session session, String type, String mode, String filename, String reason,
            ImportResult result) {
        exchange.record(session.id, type, mode, filename, Outcome.FAILURE, reason, result);
        return text(session, "failure\n" + oneLine(reason));
    }

    // ---------------------------------------------------------------- files

    /** A file name 1C sent, confined to the session's folder (names may hold {@code import_files/…}). */
    private static Path resolve(Session session, String filename) {
        if (filename == null || filename.isBlank()) {
            throw new IllegalArgumentException("filename is missing");
        }
        Path target = session.folder.resolve(filename.replace('\\', '/')).normalize();
        if (!target.startsWith(session.folder) || target.equals(session.folder)) {
            throw new IllegalArgumentException("filename leaves the exchange folder: " + filename);
        }
        return target;
    }

    /** Unpacks every archive of the session (then deletes it): the files 1C sent in a zip package. */
    private void unzipAll(Session session) throws IOException {
        List<Path> archives;
        try (Stream<Path> files = Files.list(session.folder)) {
            archives = files.filter(ExchangeProtocol::isZip).sorted(Comparator.naturalOrder()).toList();
        }
        for (Path archive : archives) {
            unzip(session, archive);
        }
    }

    private static boolean isZip(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    private static List<Path> unzip(Session session, Path archive) throws IOException {
        List<Path> unpacked = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                Path target = resolve(session, entry.getName());
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    zip.transferTo(out);
                }
                unpacked.add(target);
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException("archive " + archive.getFileName() + " is not a complete zip file: "
                    + e.getMessage(), e);
        }
        Files.delete(archive);
        return unpacked;
    }

    /** Forgets sessions idle too long and deletes their files. */
    private void sweep() {
        Instant limit = Instant.now().minus(IDLE);
        for (Session session : List.copyOf(sessions.values())) {
            if (session.lastUsed.isBefore(limit) && session.imports.values().stream().allMatch(Future::isDone)) {
                sessions.remove(session.id);
                deleteRecursively(session.folder);
            }
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a file left behind is removed with the next sweep of the folder's parent or by an administrator
        }
    }

    // ---------------------------------------------------------------- replies

    private static Reply text(Session session, String text) {
        return text(session.connection.encoding(), text);
    }

    private static Reply text(Charset charset, String text) {
        return new Reply(200, "text/plain;charset=" + charset.name(), text.getBytes(charset));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\r', ' ').replace('\n', ' ');
    }
}
