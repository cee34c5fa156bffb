package org.tesseracrm.plugin.exchange1c.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.plugin.exchange1c.internal.cml.Cml;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlHandler;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlReader;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;
import org.tesseracrm.plugin.exchange1c.internal.log.ExchangeLog;
import org.tesseracrm.plugin.exchange1c.internal.protocol.Exchange;
import org.tesseracrm.plugin.exchange1c.internal.protocol.ExchangeProtocol;
import org.tesseracrm.plugin.exchange1c.internal.sale.OrderExport;

/**
 * The protocol's replies, byte for byte, for the sequences 1C runs, with the plugin's services replaced by a
 * recording stand-in (the same sequences run over real HTTP on the distribution in {@code Exchange1cIT}).
 */
class ExchangeProtocolTest {
    private static final InputStream NONE = InputStream.nullInputStream();
    private static final long LIMIT = 1000;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Path> imported = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> importedAs = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> confirmed = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    private ExchangeProtocol protocol(Path work, boolean holdImports, ConnectionSettings settings) {
        Map<String, TesseraUser> users = Map.of(
                "admin", new TesseraUser("admin", Set.of(TesseraUser.ADMINISTRATOR)),
                "keeper", new TesseraUser("keeper", Set.of("manager")),
                "bookkeeper", new TesseraUser("bookkeeper", Set.of(ConnectionSettings.EXCHANGE_ROLE)));
        return new ExchangeProtocol(work, new Exchange() {
            @Override
            public Optional<ConnectionSettings> connection(String name) {
                return name.equals(settings.name()) ? Optional.of(settings) : Optional.empty();
            }

            @Override
            public Optional<TesseraUser> login(String username, String password) {
                return password.equals("s3cret") ? Optional.ofNullable(users.get(username)) : Optional.empty();
            }

            @Override
            public ImportResult importFile(ConnectionSettings connection, Path file) {
                if (holdImports) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                imported.add(file);
                importedAs.add(CurrentUser.get().username());
                ImportResult result = new ImportResult(file.getFileName().toString());
                try (InputStream in = Files.newInputStream(file)) {
                    new CmlReader().read(in, new CmlHandler() {
                        @Override
                        public void section(Cml.Section section) {
                            if (section.name().equals("Каталог")) {
                                result.fullCatalog(!section.changesOnly());
                            }
                        }

                        @Override
                        public void product(Cml.Product product) {
                            result.add(ImportResult.PRODUCTS);
                        }
                    });
                } catch (RuntimeException | IOException e) {
                    result.fail(e.getMessage());
                }
                return result;
            }

            @Override
            public int deleteOmitted(ConnectionSettings connection, java.time.Instant packageStarted) {
                log.add("deleteOmitted " + connection.name());
                return 0;
            }

            @Override
            public OrderExport.Orders query(ConnectionSettings connection, String sessionId) {
                return new OrderExport.Orders("<КоммерческаяИнформация/>".getBytes(connection.encoding()), 0, List.of());
            }

            @Override
            public int confirm(ConnectionSettings connection, String sessionId) {
                confirmed.merge(sessionId, 1, Integer::sum);
                return 0;
            }

            @Override
            public void started(String sessionId, String connection, String username) {
                log.add("started " + connection + " " + username);
            }

            @Override
            public void record(String sessionId, String type, String mode, String filename,
                    ExchangeLog.Outcome outcome, String message, ImportResult result) {
                log.add(type + " " + mode + " " + filename + " " + outcome);
            }
        }, executor);
    }

    private static ConnectionSettings settings(String name, boolean zip) {
        return settings(name, zip, false);
    }

    private static ConnectionSettings settings(String name, boolean zip, boolean deleteOmitted) {
        ConnectionSettings d = ConnectionSettings.defaults(name);
        return new ConnectionSettings(name, d.role(), d.users(), d.priceType(), d.warehouses(), d.encoding(),
                d.exportStages(), "", "", "", LIMIT, zip, deleteOmitted);
    }

    private static String handle(ExchangeProtocol protocol, String type, String mode, String filename, String cookie,
            InputStream body) {
        return protocol.handle(new ExchangeProtocol.Request("default", type, mode, filename, null, cookie, body)).text();
    }

    private static ExchangeProtocol.Reply checkauth(ExchangeProtocol protocol, String authorization) {
        return protocol.handle(new ExchangeProtocol.Request("default", "catalog", "checkauth", null, authorization,
                null, NONE));
    }

    private static String login(ExchangeProtocol protocol, String user) {
        String reply = checkauth(protocol, basic(user, "s3cret")).text();
        String[] lines = reply.split("\n");
        assertEquals(3, lines.length, reply);
        assertEquals("success", lines[0]);
        assertEquals(ExchangeProtocol.COOKIE, lines[1]);
        return lines[2];
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String awaitImport(ExchangeProtocol protocol, String cookie, String file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String reply = handle(protocol, "catalog", "import", file, cookie, NONE);
            if (!reply.startsWith("progress\n")) {
                return reply;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the import did not end");
    }

    @Test
    void theCatalogSequenceWithAFileInSeveralChunks(@TempDir Path work) throws Exception {
        ExchangeProtocol protocol = protocol(work, true, settings("default", false));
        String cookie = login(protocol, "bookkeeper");
        assertEquals("zip=no\nfile_limit=1000", handle(protocol, "catalog", "init", null, cookie, NONE));

        byte[] file = Files.readAllBytes(Fixtures.file("06_"));
        for (int at = 0; at < file.length; at += (int) LIMIT) {
            byte[] chunk = Arrays.copyOfRange(file, at, Math.min(file.length, at + (int) LIMIT));
            assertEquals("success", handle(protocol, "catalog", "file", "import.xml", cookie,
                    new ByteArrayInputStream(chunk)));
        }
        assertTrue(handle(protocol, "catalog", "import", "import.xml", cookie, NONE).startsWith("progress\n"));
        assertEquals("progress\nimporting import.xml", handle(protocol, "catalog", "import", "import.xml", cookie, NONE),
                "1C repeats: still running");
        release.countDown();
        assertEquals("success", awaitImport(protocol, cookie, "import.xml"));
        assertEquals(1, imported.size());
        assertTrue(Arrays.equals(file, Files.readAllBytes(imported.get(0))), "the chunks were appended in order");
        assertEquals(List.of("bookkeeper"), importedAs, "the import acts as the exchanging login");
        assertEquals("success", handle(protocol, "catalog", "complete", null, cookie, NONE));
        assertEquals("started default bookkeeper", log.get(0));
        assertTrue(log.contains("catalog import import.xml SUCCESS"), log.toString());
    }

    @Test
    void aCompletePackageWithAFullCatalogDeletesWhatItOmitsOnceAndOnlyWhenTheConnectionSaysSo(@TempDir Path work)
            throws Exception {
        for (boolean deleteOmitted : new boolean[] {false, true}) {
            log.clear();
            ExchangeProtocol protocol = protocol(work.resolve(String.valueOf(deleteOmitted)), false,
                    settings("default", false, deleteOmitted));
            String cookie = login(protocol, "admin");
            handle(protocol, "catalog", "init", null, cookie, NONE);
            assertEquals("success", handle(protocol, "catalog", "file", "import.xml", cookie,
                    Files.newInputStream(Fixtures.file("06_"))));
            assertEquals("success", awaitImport(protocol, cookie, "import.xml"));

            assertEquals("success", handle(protocol, "catalog", "deactivate", null, cookie, NONE));
            assertEquals("success", handle(protocol, "catalog", "complete", null, cookie, NONE));

            assertEquals(deleteOmitted ? 1 : 0, log.stream().filter(line -> line.equals("deleteOmitted default")).count(),
                    "deleted once after the package, or never: " + log);
        }
    }

    @Test
    void aPackageWithAFailedFileOrOnlyChangesDeletesNothing(@TempDir Path work) throws Exception {
        ExchangeProtocol protocol = protocol(work, false, settings("default", false, true));
        String cookie = login(protocol, "admin");
        handle(protocol, "catalog", "init", null, cookie, NONE);
        handle(protocol, "catalog", "file", "import.xml", cookie, Files.newInputStream(Fixtures.file("06_")));
        assertEquals("success", awaitImport(protocol, cookie, "import.xml"));
        handle(protocol, "catalog", "file", "broken.xml", cookie,
                new ByteArrayInputStream("<КоммерческаяИнформация><Каталог>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(awaitImport(protocol, cookie, "broken.xml").startsWith("failure\n"));
        assertEquals("success", handle(protocol, "catalog", "deactivate", null, cookie, NONE));

        handle(protocol, "catalog", "init", null, cookie, NONE); // the next package holds only changes
        String changes = Files.readString(Fixtures.file("06_")).replace("<Каталог СодержитТолькоИзменения=\"false\">",
                "<Каталог СодержитТолькоИзменения=\"true\">");
        handle(protocol, "catalog", "file", "import.xml", cookie,
                new ByteArrayInputStream(changes.getBytes(StandardCharsets.UTF_8)));
        assertEquals("success", awaitImport(protocol, cookie, "import.xml"));
        assertEquals("success", handle(protocol, "catalog", "deactivate", null, cookie, NONE));

        assertFalse(log.contains("deleteOmitted default"), log.toString());
    }

    @Test
    void aZipPackageIsUnpackedWhenItsFilesAreImported(@TempDir Path work) throws Exception {
        ExchangeProtocol protocol = protocol(work, false, settings("default", true));
        String cookie = login(protocol, "admin");
        assertEquals("zip=yes\nfile_limit=1000", handle(protocol, "catalog", "init", null, cookie, NONE));
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            zip.putNextEntry(new ZipEntry("import.xml"));
            zip.write(Files.readAllBytes(Fixtures.file("01_")));
            zip.putNextEntry(new ZipEntry("offers.xml"));
            zip.write(Files.readAllBytes(Fixtures.file("02_")));
            zip.putNextEntry(new ZipEntry("import_files/ab/picture.jpg"));
            zip.write(new byte[] {1, 2, 3});
        }
        byte[] bytes = archive.toByteArray();
        for (int at = 0; at < bytes.length; at += (int) LIMIT) {
            assertEquals("success", handle(protocol, "catalog", "file", "v8_1A2B_1.zip", cookie,
                    new ByteArrayInputStream(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + (int) LIMIT)))));
        }
        assertEquals("success", awaitImport(protocol, cookie, "import.xml"));
        assertEquals("success", awaitImport(protocol, cookie, "offers.xml"));
        assertEquals(List.of("import.xml", "offers.xml"), imported.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(Arrays.equals(Files.readAllBytes(Fixtures.file("02_")), Files.readAllBytes(imported.get(1))));
    }

    @Test
    void whoMayExchange(@TempDir Path work) {
        ExchangeProtocol protocol = protocol(work, false, settings("default", false));
        ExchangeProtocol.Reply none = checkauth(protocol, null);
        assertEquals(401, none.status(), "no credentials: 1C is asked for them");
        assertEquals("failure\nlogin and password required", none.text());
        ExchangeProtocol.Reply wrong = checkauth(protocol, basic("admin", "nope"));
        assertEquals(200, wrong.status());
        assertEquals("failure\nwrong login or password", wrong.text());
        assertEquals("failure\nuser keeper may not exchange with 1C (needs the role exchange1c or administrator)",
                checkauth(protocol, basic("keeper", "s3cret")).text());
        assertEquals("failure\nno 1C connection named elsewhere", protocol.handle(new ExchangeProtocol.Request(
                "elsewhere", "catalog", "checkauth", null, basic("admin", "s3cret"), null, NONE)).text());
        assertEquals("text/plain;charset=UTF-8", wrong.contentType());
    }

    @Test
    void unknownModeBadFilesAndNoSession(@TempDir Path work) throws Exception {
        ExchangeProtocol protocol = protocol(work, false, settings("default", false));
        assertEquals("failure\nnot authorised: call mode=checkauth first",
                handle(protocol, "catalog", "init", null, "made-up", NONE));
        String cookie = login(protocol, "admin");
        assertEquals("failure\nunknown mode: explode", handle(protocol, "catalog", "explode", null, cookie, NONE));
        assertEquals("failure\nunknown type: stock (catalog or sale)", handle(protocol, "stock", "init", null, cookie, NONE));
        assertEquals("failure\nnot authorised: call mode=checkauth first", protocol.handle(new ExchangeProtocol.Request(
                "other", "catalog", "init", null, null, cookie, NONE)).text(), "a session belongs to its connection");
        assertTrue(handle(protocol, "catalog", "file", "../../etc/passwd", cookie,
                new ByteArrayInputStream(new byte[1])).startsWith("failure\nfilename leaves"));
        assertEquals("failure\nno file offers.xml was sent", awaitImport(protocol, cookie, "offers.xml"));

        handle(protocol, "catalog", "file", "offers.xml", cookie,
                new ByteArrayInputStream("<КоммерческаяИнформация><Пакет".getBytes(StandardCharsets.UTF_8)));
        String reply = awaitImport(protocol, cookie, "offers.xml");
        assertTrue(reply.startsWith("failure\nnot a readable XML file"), reply);
        assertEquals(2, reply.split("\n").length, "one line of reason: " + reply);
        assertTrue(log.contains("catalog import offers.xml FAILURE"), log.toString());
    }

    @Test
    void ordersAreConfirmedOnlyBySuccessAndFilesFrom1cAreAppliedAtOnce(@TempDir Path work) throws Exception {
        ExchangeProtocol protocol = protocol(work, false, settings("default", false));
        String cookie = login(protocol, "admin");
        ExchangeProtocol.Reply query = protocol.handle(new ExchangeProtocol.Request("default", "sale", "query", null,
                null, cookie, NONE));
        assertEquals("application/xml;charset=UTF-8", query.contentType());
        assertEquals(Map.of(), confirmed, "a query marks nothing exported");
        assertEquals("success", handle(protocol, "sale", "success", null, cookie, NONE));
        assertEquals(Map.of(cookie, 1), confirmed);

        byte[] orders = Files.readAllBytes(Fixtures.file("08_"));
        assertTrue(orders.length > LIMIT);
        for (int at = 0; at < orders.length; at += (int) LIMIT) {
            assertEquals("success", handle(protocol, "sale", "file", "documents___1.xml", cookie,
                    new ByteArrayInputStream(Arrays.copyOfRange(orders, at, Math.min(orders.length, at + (int) LIMIT)))));
            assertEquals(at + LIMIT >= orders.length ? 1 : 0, imported.size(),
                    "the file is applied when its last (short) chunk arrives");
        }
        assertTrue(log.contains("sale import documents___1.xml SUCCESS"), log.toString());
    }
}
