package org.tesseracrm.plugin.exchange1c.internal.cml;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The CommerceML 2 objects the reader hands on, one at a time. Strings are stripped (1C writes
 * {@code Код="796 "}); blank values are {@code null}; numbers accept a decimal comma.
 */
public final class Cml {
    private Cml() {
    }

    /** Parses a CommerceML number: decimal comma or point, spaces as thousands separators; blank is {@code null}. */
    public static BigDecimal decimal(String value) {
        if (value == null) {
            return null;
        }
        String normal = value.replace('\u00a0', ' ').replace(" ", "").replace(',', '.').strip();
        if (normal.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(normal);
        } catch (NumberFormatException e) {
            throw new CmlException("not a number: '" + value + "'");
        }
    }

    /** @return whether 1C's text means true ({@code true}, {@code истина}, {@code 1}) */
    public static boolean bool(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        return v.equals("true") || v.equals("истина") || v.equals("1") || v.equals("да");
    }

    /** A section of the file and whether it holds only changes ({@code СодержитТолькоИзменения}). */
    public record Section(String name, boolean changesOnly) { }

    /** A classifier group ({@code Группа}); {@code parentId} is {@code null} at the top; depth starts at 1. */
    public record Group(String id, String name, String parentId, int depth, int line) { }

    /** A classifier property with its reference values ({@code ИдЗначения} to {@code Значение}). */
    public record Property(String id, String name, String valueType, Map<String, String> values, int line) { }

    /** A price type ({@code ТипЦены}). */
    public record PriceType(String id, String name, String currency, int line) { }

    /** A warehouse ({@code Склад} of a {@code Склады} list). */
    public record Warehouse(String id, String name, int line) { }

    /** The base unit: code ({@code Код}, stripped), short name (the text), full name, international abbreviation. */
    public record Unit(String code, String shortName, String fullName, String international) {
        /** @return the best short label for the unit, or {@code null} */
        public String label() {
            return shortName != null ? shortName : international != null ? international : code;
        }
    }

    /** A property value of a product ({@code ЗначенияСвойства}); several values are possible. */
    public record PropertyValue(String propertyId, List<String> values) { }

    /** A tax rate of a product ({@code СтавкаНалога}). */
    public record TaxRate(String name, String rate) { }

    /** A catalog product ({@code Товар}); {@code id} may be {@code guid#guid} for a variant. */
    public record Product(String id, String article, String barcode, String name, String description, Unit unit,
            List<String> groupIds, List<PropertyValue> properties, List<TaxRate> taxes,
            Map<String, String> requisites, List<String> pictures, boolean deleted, int line) { }

    /** A price of an offer ({@code Цена}). */
    public record Price(String priceTypeId, BigDecimal pricePerUnit, String currency, String unit,
            BigDecimal coefficient) { }

    /** Stock of an offer in a warehouse ({@code warehouseId} is {@code ""} when 1C gave none). */
    public record Stock(String warehouseId, BigDecimal quantity) { }

    /** An offer ({@code Предложение}): prices and stock of a product (or variant). */
    public record Offer(String id, String name, String article, List<Price> prices, BigDecimal quantity,
            List<Stock> stock, int line) {
        /** @return the product part of the id (before {@code #}) */
        public String productId() {
            int hash = id.indexOf('#');
            return hash < 0 ? id : id.substring(0, hash);
        }
    }

    /** A bank account of a counterparty. */
    public record BankAccount(String number, String bankName, String bik, String correspondentAccount) { }

    /** A representative (contact person) of a counterparty. */
    public record Representative(String id, String name, String relation) { }

    /** A way to reach a counterparty ({@code Контакт}): its type as 1C words it and the value. */
    public record ContactDetail(String type, String value) { }

    /**
     * An address of a counterparty: {@code ЮридическийАдрес} or {@code АдресРегистрации} ({@code legal}),
     * {@code Адрес} ({@code office}); its {@code Представление} and the postal code and city of its
     * {@code АдресноеПоле}s.
     */
    public record Address(String kind, String text, String postalCode, String city) { }

    /** A counterparty ({@code Контрагент}). */
    public record Counterparty(String id, String name, String fullName, String inn, String kpp, String role,
            List<BankAccount> bankAccounts, List<Representative> representatives, List<ContactDetail> contacts,
            List<Address> addresses, boolean deleted, int line) { }

    /** A line of a document ({@code Товар} of a {@code Документ}). */
    public record DocumentLine(String productId, String name, BigDecimal quantity, BigDecimal price,
            BigDecimal total) { }

    /** A document: an order ({@code Документ}, also wrapped in {@code Контейнер}). */
    public record Document(String id, String number, String date, String operation, String role, String currency,
            BigDecimal rate, BigDecimal total, String number1c, String date1c, boolean deleted,
            List<Counterparty> counterparties, List<DocumentLine> lines, Map<String, String> requisites,
            int line) { }
}
