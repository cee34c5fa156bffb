package org.tesseracrm.assembly;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * Karaf's SSH console of a running distribution, reached with Apache MINA SSHD's client (the library
 * Karaf's console runs on), for tests that run shell commands as a given user.
 */
final class KarafShell implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final TesseraDistribution tessera;
    private final SshClient ssh = SshClient.setUpDefaultClient();

    /** What a command printed (standard output and error together) and its exit status. */
    record Run(String command, int exit, String output) {
        /** @return whether the console refused the command: unknown to the user, or not permitted */
        boolean refused() {
            return exit != 0 && (output.contains("Insufficient credentials") || output.contains("not found")
                    || output.contains("permission") || output.contains("Permission"));
        }
    }

    KarafShell(TesseraDistribution tessera) {
        this.tessera = tessera;
        // the console is on loopback and its host key is made at first start: nothing to verify it against
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
    }

    /** @return the SSH port of the current start, from {@code etc/org.apache.karaf.shell.cfg} */
    int port() {
        Properties shell = new Properties();
        try (var in = Files.newInputStream(tessera.home().resolve("etc/org.apache.karaf.shell.cfg"))) {
            shell.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(shell.getProperty("sshPort").strip());
    }

    /** @return whether the user gets into the console with this password */
    boolean canLogIn(String user, String password) {
        try (ClientSession session = session(user, password)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** Runs a command (or several, one a line); a failed login is an {@link AssertionError}. */
    Run run(String user, String password, String command) {
        try (ClientSession session = session(user, password);
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(output);
            channel.setErr(output);
            channel.open().verify(TIMEOUT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            Integer exit = channel.getExitStatus();
            return new Run(command, exit == null ? -1 : exit, output.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(user + " could not run '" + command + "' over SSH: " + e, e);
        }
    }

    private ClientSession session(String user, String password) throws IOException {
        ClientSession session = ssh.connect(user, "127.0.0.1", port()).verify(TIMEOUT).getSession();
        try {
            session.addPasswordIdentity(password);
            session.auth().verify(TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        ssh.stop();
    }
}
