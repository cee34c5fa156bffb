package org.tesseracrm.plugin.exchange1c.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlHandler;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlReader;
import org.tesseracrm.plugin.exchange1c.internal.protocol.ExchangeProtocol;

/** The protocol's replies, byte for byte, for the sequence 1C runs (without HTTP, which is not built yet). */
class ExchangeProtocolTest {
    private static final InputStream NONE = InputStream.nullInputStream();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Path> imported = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    private ExchangeProtocol protocol(Path work, boolean holdImports) {
        return new ExchangeProtocol(work, 1000, (login, password) -> login.equals("admin") && password.equals("s3cret"),
                (connection, file) -> {
                    if (holdImports) {
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    imported.add(file);
                    ImportResult result = new ImportResult(file.getFileName().toString());
                    try (InputStream in = Files.newInputStream(file)) {
                        new CmlReader().read(in, new CmlHandler() { });
                    } catch (RuntimeException | IOException e) {
                        result.fail(e.getMessage());
                    }
                    return result;
                }, executor);
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String awaitImport(ExchangeProtocol protocol, String cookie, String file) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String reply = protocol.handle("default", "import", file, null, cookie, NONE);
            if (!reply.startsWith("progress\n")) {
                return reply;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the import did not end");
    }

    @Test
    void theCatalogSequenceWithAFileInSeveralChunks(@TempDir Path work) throws Exception {
        ExchangeProtocol protocol = protocol(work, true);
        String auth = protocol.handle("default", "checkauth", null, basic("admin", "s3cret"), null, NONE);
        String[] lines = auth.split("\n");
        assertEquals(3, lines.length, auth);
        assertEquals("success", lines[0]);
        assertEquals(ExchangeProtocol.COOKIE, lines[1]);
        String cookie = lines[2];
        assertEquals("zip=no\nfile_limit=1000", protocol.handle("default", "init", null, null, cookie, NONE));

        byte[] file = Files.readAllBytes(Fixtures.file("06_"));
        for (int at = 0; at < file.length; at += 1000) {
            byte[] chunk = Arrays.copyOfRange(file, at, Math.min(file.length, at + 1000));
            assertEquals("success", protocol.handle("default", "file", "import.xml", null, cookie,
                    new ByteArrayInputStream(chunk)));
        }
        assertTrue(protocol.handle("default", "import", "import.xml", null, cookie, NONE).startsWith("progress\n"));
        assertEquals("progress\nimporting import.xml",
                protocol.handle("default", "import", "import.xml", null, cookie, NONE), "1C repeats: still running");
        release.countDown();
        assertEquals("success", awaitImport(protocol, cookie, "import.xml"));
        assertEquals(1, imported.size());
        assertTrue(Arrays.equals(file, Files.readAllBytes(imported.get(0))), "the chunks were appended in order");
        assertEquals("success", protocol.handle("default", "complete", null, null, cookie, NONE));
    }

    @Test
    void wrongPasswordUnknownModeBadFilesAndNoSession(@TempDir Path work) throws Exception {
        ExchangeProtocol protocol = protocol(work, false);
        assertEquals("failure\nwrong login or password",
                protocol.handle("default", "checkauth", null, basic("admin", "nope"), null, NONE));
        assertEquals("failure\nlogin and password required", protocol.handle("default", "checkauth", null, null, null, NONE));
        assertEquals("failure\nnot authorised: call mode=checkauth first",
                protocol.handle("default", "init", null, null, "made-up", NONE));
        String cookie = protocol.handle("default", "checkauth", null, basic("admin", "s3cret"), null, NONE).split("\n")[2];
        assertEquals("failure\nunknown mode: explode", protocol.handle("default", "explode", null, null, cookie, NONE));
        assertEquals("failure\nnot authorised: call mode=checkauth first",
                protocol.handle("other", "init", null, null, cookie, NONE), "a session belongs to its connection");
        assertTrue(protocol.handle("default", "file", "../../etc/passwd", null, cookie,
                new ByteArrayInputStream(new byte[1])).startsWith("failure\nfilename leaves"));
        assertEquals("failure\nno file offers.xml was sent", protocol.handle("default", "import", "offers.xml", null,
                cookie, NONE));

        protocol.handle("default", "file", "offers.xml", null, cookie,
                new ByteArrayInputStream("<КоммерческаяИнформация><Пакет".getBytes(StandardCharsets.UTF_8)));
        protocol.handle("default", "import", "offers.xml", null, cookie, NONE);
        String reply = awaitImport(protocol, cookie, "offers.xml");
        assertTrue(reply.startsWith("failure\nnot a readable XML file"), reply);
        assertEquals(2, reply.split("\n").length, "one line of reason: " + reply);
    }
}
