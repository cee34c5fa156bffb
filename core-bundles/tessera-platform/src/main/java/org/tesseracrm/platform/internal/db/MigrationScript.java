package org.tesseracrm.platform.internal.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One versioned SQL file of a bundle ({@code V002__add_stock.sql}).
 *
 * @param version     the number after {@code V}
 * @param description the words after {@code __}
 * @param resource    the path in the bundle, for messages
 * @param sql         the file's text
 */
public record MigrationScript(int version, String description, String resource, String sql) {

    /** @return the SHA-256 of the text, line endings normalised, as hex */
    public String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
