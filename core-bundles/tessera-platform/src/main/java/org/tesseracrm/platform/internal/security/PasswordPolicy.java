package org.tesseracrm.platform.internal.security;

import java.util.Locale;
import java.util.Set;

import org.tesseracrm.api.ProblemException;

/**
 * The minimum a password must meet (OWASP ASVS 5.0, V6): at least 10 characters, at most 128, not the
 * username, not one of the passwords everybody tries first. Length matters more than character classes,
 * so none are demanded.
 */
public final class PasswordPolicy {
    /** Fewest characters. */
    public static final int MIN_LENGTH = 10;
    /** Most characters (bcrypt reads 72 bytes; longer is refused rather than silently cut). */
    public static final int MAX_LENGTH = 72;
    private static final Set<String> COMMON = Set.of("1234567890", "12345678901", "123456789012", "qwertyuiop",
            "password12", "password123", "password1234", "administrator", "qwerty12345", "1q2w3e4r5t",
            "iloveyou123", "0987654321", "1111111111", "aaaaaaaaaa", "tessera123", "tesseracrm1", "йцукенгшщз");

    private PasswordPolicy() {
    }

    /**
     * @param field    the request field to name in the problem
     * @throws ProblemException INVALID_FIELD when the password does not meet the policy
     */
    public static void check(String username, String password, String field) {
        if (password == null || password.isEmpty()) {
            throw ProblemException.invalid(field, "A password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw ProblemException.invalid(field, "The password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw ProblemException.invalid(field, "The password must not be longer than " + MAX_LENGTH + " bytes");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw ProblemException.invalid(field, "The password must not contain the username");
        }
        if (COMMON.contains(lower) || lower.chars().distinct().count() < 4) {
            throw ProblemException.invalid(field, "This password is too easy to guess; choose another");
        }
    }
}
