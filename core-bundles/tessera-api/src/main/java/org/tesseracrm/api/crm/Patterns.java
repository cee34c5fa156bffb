package org.tesseracrm.api.crm;

/** Formats shared by the CRM records. */
public final class Patterns {
    /** An e-mail address: something, {@code @}, a domain with a dot. */
    public static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    /** Told when an e-mail does not match. */
    public static final String EMAIL_MESSAGE = "must be an e-mail address like name@example.com";
    /** A phone number: digits with optional +, spaces, dashes, dots, parentheses. */
    public static final String PHONE = "\\+?[0-9 ()\\-.]{3,40}";
    /** Told when a phone does not match. */
    public static final String PHONE_MESSAGE = "must be a phone number: digits, spaces, + ( ) - .";
    /** An ISO 4217 currency code. */
    public static final String CURRENCY = "[A-Z]{3}";
    /** Told when a currency does not match. */
    public static final String CURRENCY_MESSAGE = "must be a three-letter ISO 4217 code like RUB";

    private Patterns() {
    }
}
