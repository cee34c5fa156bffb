package org.tesseracrm.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The bundle a module's build produced, as the framework will read it: the manifest bnd wrote and the
 * files under {@code target/classes}. For tests that check what a plugin declares (capability, schema
 * header, exports, components) rather than what its code does.
 */
public final class BuiltBundle {
    /** Where Maven puts the bundle's content. */
    public static final Path CLASSES = Path.of("target/classes");

    private BuiltBundle() {
    }

    /** @return the main attributes of the generated manifest */
    public static Attributes manifest() {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException("No manifest in " + CLASSES + ": is this a bundle module?", e);
        }
    }

    /** @return a file of the bundle, such as {@code OSGI-INF/<component>.xml} */
    public static Path file(String path) {
        return CLASSES.resolve(path);
    }
}
