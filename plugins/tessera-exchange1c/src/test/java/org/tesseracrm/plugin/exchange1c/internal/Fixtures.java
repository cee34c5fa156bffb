package org.tesseracrm.plugin.exchange1c.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real CommerceML files in {@code ../shared/fixtures/commerceml} beside the project root. */
final class Fixtures {
    private Fixtures() {
    }

    /** @return the fixtures folder: the system property the POM sets, else found from the working folder up */
    static Path folder() {
        String configured = System.getProperty("tessera.fixtures.commerceml");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).normalize();
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("../shared/fixtures/commerceml").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("CommerceML fixtures not found (property tessera.fixtures.commerceml="
                + configured + ")");
    }

    /** @return the fixture whose name starts with a prefix ({@code "01_"}) */
    static Path file(String prefix) {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no fixture " + prefix + "* in " + folder()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
