package org.tesseracrm.api.crm;

import org.tesseracrm.api.data.MaxLength;

/**
 * A postal address of a company.
 *
 * @param kind       what the address is for ({@code legal}, {@code office}, {@code delivery})
 * @param line       street, building, office
 * @param city       city
 * @param postalCode postal code
 * @param country    country
 */
public record Address(
        @MaxLength(40) String kind,
        @MaxLength(500) String line,
        @MaxLength(100) String city,
        @MaxLength(20) String postalCode,
        @MaxLength(100) String country) {
}
