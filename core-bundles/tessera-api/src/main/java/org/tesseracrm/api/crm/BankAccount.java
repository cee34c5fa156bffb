package org.tesseracrm.api.crm;

import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Required;

/**
 * A company's bank account, as it goes on invoices and contracts.
 *
 * <p>Only lengths are checked: accounting systems carry accounts abroad and test data that are not the
 * 20 digits of a Russian settlement account.
 *
 * @param number               the account number (Russian settlement account: 20 digits; an IBAN: up to 34)
 * @param bik                  the bank's identifier: a Russian BIK (9 digits) or a SWIFT code
 * @param bankName             the bank's name
 * @param correspondentAccount the bank's correspondent account
 */
public record BankAccount(
        @Required @MaxLength(34) String number,
        @MaxLength(11) String bik,
        @MaxLength(300) String bankName,
        @MaxLength(34) String correspondentAccount) {
}
