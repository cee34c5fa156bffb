package org.tesseracrm.plugin.exchange1c.internal.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

import org.tesseracrm.plugin.exchange1c.internal.ImportResult;

/**
 * The "exchange with site" protocol 1C speaks, without HTTP: what to answer to each {@code mode}. An HTTP
 * adapter (not built yet) passes the request's parameters, Basic credentials, cookie and body here and
 * writes the reply as {@code text/plain} exactly as returned.
 *
 * <p>Replies are exactly those 1C expects: {@code success\n<cookie>\n<value>}, {@code zip=no\nfile_limit=…},
 * {@code success}, {@code progress\n…}, {@code failure\n<reason>}. An import runs in the background: the
 * first {@code mode=import} starts it and answers {@code progress}; 1C repeats the request and gets
 * {@code progress} until the import ends, then {@code success} or {@code failure}.
 */
public final class ExchangeProtocol {
    /** The cookie name 1C is told to send back. */
    public static final String COOKIE = "tessera_1c_exchange";

    private final Path work;
    private final long fileLimit;
    private final BiPredicate<String, String> credentials;
    private final BiFunction<String, Path, ImportResult> importer;
    private final ExecutorService executor;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** One 1C session: its folder and the imports started in it. */
    private static final class Session {
        final String connection;
        final Path folder;
        final Map<String, Future<ImportResult>> imports = new ConcurrentHashMap<>();

        Session(String connection, Path folder) {
            this.connection = connection;
            this.folder = folder;
        }
    }

    /**
     * @param work        folder for uploaded files (one subfolder per session)
     * @param fileLimit   largest chunk 1C may send in one request, in bytes
     * @param credentials checks a login and password of a user allowed to exchange
     * @param importer    imports one file of a connection
     * @param executor    runs imports in the background
     */
    public ExchangeProtocol(Path work, long fileLimit, BiPredicate<String, String> credentials,
            BiFunction<String, Path, ImportResult> importer, ExecutorService executor) {
        this.work = work;
        this.fileLimit = fileLimit;
        this.credentials = credentials;
        this.importer = importer;
        this.executor = executor;
    }

    /**
     * Answers one request.
     *
     * @param connection    the connection named by the URL
     * @param mode          the {@code mode} parameter
     * @param filename      the {@code filename} parameter, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param cookie        the value of {@link #COOKIE} 1C sent, or {@code null}
     * @param body          the request body (for {@code mode=file})
     * @return the reply text
     */
    public String handle(String connection, String mode, String filename, String authorization, String cookie,
            InputStream body) {
        try {
            if ("checkauth".equals(mode)) {
                return checkauth(connection, authorization);
            }
            Session session = cookie == null ? null : sessions.get(cookie);
            if (session == null || !session.connection.equals(connection)) {
                return "failure\nnot authorised: call mode=checkauth first";
            }
            return switch (mode == null ? "" : mode) {
                case "init" -> "zip=no\nfile_limit=" + fileLimit;
                case "file" -> file(session, filename, body);
                case "import" -> importFile(session, filename);
                case "deactivate", "complete", "success" -> "success";
                default -> "failure\nunknown mode: " + mode;
            };
        } catch (IOException | RuntimeException e) {
            return "failure\n" + oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private String checkauth(String connection, String authorization) throws IOException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "failure\nlogin and password required";
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "failure\nmalformed Authorization header";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !credentials.test(decoded.substring(0, colon), decoded.substring(colon + 1))) {
            return "failure\nwrong login or password";
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Path folder = Files.createDirectories(work.resolve(id));
        sessions.put(id, new Session(connection, folder));
        return "success\n" + COOKIE + "\n" + id;
    }

    private String file(Session session, String filename, InputStream body) throws IOException {
        Path target = resolve(session, filename);
        Files.createDirectories(target.getParent());
        // a file larger than file_limit arrives as several requests with the same name: append
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            body.transferTo(out);
        }
        return "success";
    }

    private String importFile(Session session, String filename) {
        Path file = resolve(session, filename);
        Future<ImportResult> running = session.imports.get(filename);
        if (running == null) {
            if (!Files.isRegularFile(file)) {
                return "failure\nno file " + filename + " was sent";
            }
            session.imports.put(filename, executor.submit(() -> importer.apply(session.connection, file)));
            return "progress\nimport of " + filename + " started";
        }
        if (!running.isDone()) {
            return "progress\nimporting " + filename;
        }
        session.imports.remove(filename);
        try {
            ImportResult result = running.get();
            if (!result.succeeded()) {
                return "failure\n" + oneLine(result.failure());
            }
            return "success";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "failure\ninterrupted";
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
            return "failure\n" + oneLine(String.valueOf(cause.getMessage()));
        }
    }

    /** A file name 1C sent, confined to the session's folder (names may hold {@code import_files/…}). */
    private static Path resolve(Session session, String filename) {
        if (filename == null || filename.isBlank()) {
            throw new IllegalArgumentException("filename is missing");
        }
        Path target = session.folder.resolve(filename.replace('\\', '/')).normalize();
        if (!target.startsWith(session.folder)) {
            throw new IllegalArgumentException("filename leaves the exchange folder: " + filename);
        }
        return target;
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
