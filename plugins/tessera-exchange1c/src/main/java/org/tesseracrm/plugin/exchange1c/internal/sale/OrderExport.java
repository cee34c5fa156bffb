package org.tesseracrm.plugin.exchange1c.internal.sale;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.crm.Address;
import org.tesseracrm.api.crm.BankAccount;
import org.tesseracrm.api.crm.Companies;
import org.tesseracrm.api.crm.Company;
import org.tesseracrm.api.crm.Contact;
import org.tesseracrm.api.crm.Contacts;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.DealLine;
import org.tesseracrm.api.crm.Deals;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Pipelines;
import org.tesseracrm.api.crm.Product;
import org.tesseracrm.api.crm.Products;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;

/**
 * Deals as CommerceML orders for 1C ({@code type=sale&mode=query}), and their confirmation
 * ({@code mode=success}).
 *
 * <p>A deal goes to 1C when it stands in one of the connection's export stages and its current version was
 * not confirmed yet: a query offers it (remembering the session and version), and only 1C's
 * {@code mode=success} in that session marks it exported. A query that 1C never confirms is offered again
 * by the next query; a deal changed after its export goes again.
 *
 * <p>Every counterparty keeps its own Ид: the company's 1C Ид when it came from 1C, else the company's
 * Tessera id, which is remembered as its Ид so that 1C's answer about the order finds the same company.
 * Products are named by their 1C Ид when they came from 1C, else by their Tessera id.
 */
@Component(service = OrderExport.class)
public final class OrderExport {
    private static final String SCHEMA_VERSION = "2.10";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final ZoneId ZONE = ZoneId.systemDefault();

    private final Database database;
    private final Deals deals;
    private final Companies companies;
    private final Contacts contacts;
    private final Products products;
    private final Pipelines pipelines;

    /** Reads deals and the plugin's Ид links. */
    @Activate
    public OrderExport(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=exchange1c)") Database database,
            @Reference Deals deals, @Reference Companies companies, @Reference Contacts contacts,
            @Reference Products products, @Reference Pipelines pipelines) {
        this.database = database;
        this.deals = deals;
        this.companies = companies;
        this.contacts = contacts;
        this.products = products;
        this.pipelines = pipelines;
    }

    /** The orders of one query: the document and what it holds. */
    public record Orders(byte[] document, int count, List<String> skipped) { }

    /**
     * Writes the deals due for 1C as one CommerceML document in the connection's encoding, and remembers
     * them as offered in this session.
     *
     * @param sessionId the 1C session asking
     */
    public Orders query(ConnectionSettings connection, String sessionId) {
        List<Deal> due = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String stage : connection.exportStages()) {
            int offset = 0;
            while (true) {
                Page<Deal> page = deals.list(new Query(offset, Query.MAX_LIMIT, "createdAt", false,
                        java.util.Map.of("stageId", stage), null, false));
                for (Deal deal : page.items()) {
                    if (!exported(connection.name(), deal)) {
                        due.add(deal);
                    }
                }
                offset += page.items().size();
                if (page.items().isEmpty() || offset >= page.total()) {
                    break;
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count = 0;
        try {
            if (!connection.windows1251()) {
                out.write(UTF8_BOM);
            }
            String encoding = connection.encoding().name();
            // the JDK's writer, whatever StAX implementation another bundle brings: it writes Cyrillic as
            // windows-1251 bytes where others write character references
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, encoding);
            xml.writeStartDocument(encoding, "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("КоммерческаяИнформация");
            xml.writeAttribute("ВерсияСхемы", SCHEMA_VERSION);
            xml.writeAttribute("ДатаФормирования",
                    LocalDateTime.now(ZONE).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            for (Deal deal : due) {
                Optional<Party> party = party(connection.name(), deal);
                if (party.isEmpty()) {
                    skipped.add(deal.id() + ": the deal has no company or contact to sell to");
                    continue;
                }
                order(xml, deal, party.get());
                offered(connection.name(), sessionId, deal);
                count++;
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException | java.io.IOException e) {
            throw new IllegalStateException("cannot write the orders: " + e.getMessage(), e);
        }
        return new Orders(out.toByteArray(), count, skipped);
    }

    /**
     * Marks the deals offered in this session exported: 1C confirmed it took them.
     *
     * @return how many deals were marked
     */
    public int confirm(ConnectionSettings connection, String sessionId) {
        return database.inTransaction(sql -> {
            try (PreparedStatement update = sql.prepareStatement("UPDATE exchange1c.exported_deal SET "
                    + "exported_version = offered_version, exported_at = ?, offered_session = NULL "
                    + "WHERE connection_id = ? AND offered_session = ?")) {
                update.setTimestamp(1, Timestamp.from(Instant.now()));
                update.setString(2, connection.name());
                update.setString(3, sessionId);
                return update.executeUpdate();
            }
        });
    }

    /** A counterparty as 1C gets it: who it is, its addresses, bank accounts, phones and e-mails. */
    private record Party(String id, String name, String fullName, String inn, String kpp, List<Address> addresses,
            List<BankAccount> bankAccounts, List<String> phones, List<String> emails) { }

    private Optional<Party> party(String connection, Deal deal) {
        if (deal.companyId() != null) {
            Optional<Company> company = companies.find(deal.companyId());
            if (company.isPresent()) {
                Company c = company.get();
                return Optional.of(new Party(idFor(connection, "counterparty", c.id(), c.name()), c.name(),
                        c.legalName() == null ? c.name() : c.legalName(), c.inn(), c.kpp(), orEmpty(c.addresses()),
                        orEmpty(c.bankAccounts()), orEmpty(c.phones()), orEmpty(c.emails())));
            }
        }
        if (deal.contactId() != null) {
            Optional<Contact> contact = contacts.find(deal.contactId());
            if (contact.isPresent()) {
                Contact c = contact.get();
                String name = String.join(" ", java.util.stream.Stream.of(c.lastName(), c.firstName(), c.middleName())
                        .filter(java.util.Objects::nonNull).toList());
                return Optional.of(new Party(c.id(), name, name, null, null, List.of(), List.of(),
                        orEmpty(c.phones()), orEmpty(c.emails())));
            }
        }
        return Optional.empty();
    }

    private void order(XMLStreamWriter xml, Deal deal, Party party) throws XMLStreamException {
        LocalDateTime created = LocalDateTime.ofInstant(deal.createdAt() == null ? Instant.now() : deal.createdAt(),
                ZONE);
        List<DealLine> lines = deal.lines() == null ? List.of() : deal.lines();
        BigDecimal total = deal.amount();
        if (total == null) {
            total = lines.stream().map(DealLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        xml.writeStartElement("Документ");
        element(xml, "Ид", deal.id());
        element(xml, "Номер", deal.id());
        element(xml, "Дата", created.toLocalDate().toString());
        element(xml, "ХозОперация", "Заказ товара");
        element(xml, "Роль", "Продавец");
        element(xml, "Валюта", deal.currency() == null ? "RUB" : deal.currency());
        element(xml, "Курс", "1");
        element(xml, "Сумма", money(total));
        xml.writeStartElement("Контрагенты");
        xml.writeStartElement("Контрагент");
        element(xml, "Ид", party.id());
        element(xml, "Наименование", party.name());
        element(xml, "ПолноеНаименование", party.fullName());
        element(xml, "ОфициальноеНаименование", party.fullName());
        element(xml, "Роль", "Покупатель");
        element(xml, "ИНН", party.inn());
        element(xml, "КПП", party.kpp());
        requisites(xml, party);
        xml.writeEndElement();
        xml.writeEndElement();
        element(xml, "Время", created.toLocalTime().truncatedTo(ChronoUnit.SECONDS).toString());
        element(xml, "Комментарий", deal.title() + (deal.notes() == null ? "" : "\n" + deal.notes()));
        xml.writeStartElement("Товары");
        for (DealLine line : lines) {
            Optional<Product> product = line.productId() == null ? Optional.empty() : products.find(line.productId());
            xml.writeStartElement("Товар");
            if (product.isPresent()) {
                element(xml, "Ид", idFor(null, "product", product.get().id(), null));
                element(xml, "Артикул", product.get().sku());
            }
            element(xml, "Наименование", product.map(Product::name).orElse(line.description()));
            String unit = product.map(Product::unit).orElse(null);
            xml.writeStartElement("БазоваяЕдиница");
            xml.writeAttribute("Код", "796");
            xml.writeAttribute("НаименованиеПолное", "Штука");
            xml.writeAttribute("МеждународноеСокращение", "PCE");
            xml.writeCharacters(unit == null ? "шт" : unit);
            xml.writeEndElement();
            element(xml, "ЦенаЗаЕдиницу", money(line.price()));
            element(xml, "Количество", line.quantity().stripTrailingZeros().toPlainString());
            element(xml, "Сумма", money(line.total()));
            if (line.discount() != null && line.discount().signum() != 0) {
                xml.writeStartElement("Скидки");
                xml.writeStartElement("Скидка");
                element(xml, "Наименование", "Скидка");
                element(xml, "Процент", line.discount().stripTrailingZeros().toPlainString());
                element(xml, "Сумма", money(line.quantity().multiply(line.price()).subtract(line.total())));
                element(xml, "УчтеноВСумме", "true");
                xml.writeEndElement();
                xml.writeEndElement();
            }
            requisites(xml, "ВидНоменклатуры", "Товар", "ТипНоменклатуры", "Товар");
            xml.writeEndElement();
        }
        xml.writeEndElement();
        requisites(xml, "Статус заказа", stageName(deal), "Отменен", "false", "Финальный статус", "false");
        xml.writeEndElement();
    }

    private String stageName(Deal deal) {
        if (deal.pipelineId() == null) {
            return deal.stageId();
        }
        Optional<Pipeline> pipeline = pipelines.find(deal.pipelineId());
        Stage stage = pipeline.map(p -> p.stage(deal.stageId())).orElse(null);
        return stage == null ? deal.stageId() : stage.name();
    }

    private static void requisites(XMLStreamWriter xml, String... pairs) throws XMLStreamException {
        xml.writeStartElement("ЗначенияРеквизитов");
        for (int i = 0; i < pairs.length; i += 2) {
            xml.writeStartElement("ЗначениеРеквизита");
            element(xml, "Наименование", pairs[i]);
            element(xml, "Значение", pairs[i + 1]);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /**
     * A counterparty's bank accounts, addresses and contacts, in the elements and order 1C writes them
     * itself: {@code РасчетныеСчета}, {@code АдресРегистрации} (the first legal address), {@code Адрес} (the
     * first other one), {@code Контакты} with the types "Телефон рабочий" and "Электронная почта".
     */
    private static void requisites(XMLStreamWriter xml, Party party) throws XMLStreamException {
        if (!party.bankAccounts().isEmpty()) {
            xml.writeStartElement("РасчетныеСчета");
            for (BankAccount account : party.bankAccounts()) {
                xml.writeStartElement("РасчетныйСчет");
                element(xml, "НомерСчета", account.number());
                xml.writeStartElement("Банк");
                element(xml, "Наименование", account.bankName());
                element(xml, "СчетКорреспондентский", account.correspondentAccount());
                element(xml, "БИК", account.bik());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        Optional<Address> legal = party.addresses().stream().filter(a -> "legal".equals(a.kind())).findFirst();
        Optional<Address> other = party.addresses().stream().filter(a -> !"legal".equals(a.kind())).findFirst();
        if (legal.isPresent()) {
            address(xml, "АдресРегистрации", legal.get());
        }
        if (other.isPresent()) {
            address(xml, "Адрес", other.get());
        }
        if (!party.phones().isEmpty() || !party.emails().isEmpty()) {
            xml.writeStartElement("Контакты");
            for (String phone : party.phones()) {
                contact(xml, "Телефон рабочий", phone);
            }
            for (String email : party.emails()) {
                contact(xml, "Электронная почта", email);
            }
            xml.writeEndElement();
        }
    }

    private static void address(XMLStreamWriter xml, String name, Address address) throws XMLStreamException {
        xml.writeStartElement(name);
        element(xml, "Представление", address.line());
        addressField(xml, "Почтовый индекс", address.postalCode());
        addressField(xml, "Страна", address.country());
        addressField(xml, "Город", address.city());
        xml.writeEndElement();
    }

    private static void addressField(XMLStreamWriter xml, String type, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement("АдресноеПоле");
            element(xml, "Тип", type);
            element(xml, "Значение", value);
            xml.writeEndElement();
        }
    }

    private static void contact(XMLStreamWriter xml, String type, String value) throws XMLStreamException {
        xml.writeStartElement("Контакт");
        element(xml, "Тип", type);
        element(xml, "Значение", value);
        xml.writeEndElement();
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        if (text == null) {
            return;
        }
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static String money(BigDecimal value) {
        return value == null ? "0.00" : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * The Ид 1C knows a record by: its 1C Ид when it came from 1C, else its Tessera id. With a connection,
     * a Tessera id is remembered as the record's Ид there, so 1C's answer finds the record.
     */
    private String idFor(String connection, String kind, String recordId, String name) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT id_1c FROM exchange1c.exchange_object "
                    + "WHERE kind = ? AND record_id = ?" + (connection == null ? "" : " AND connection_id = ?")
                    + " ORDER BY id_1c")) {
                select.setString(1, kind);
                select.setString(2, recordId);
                if (connection != null) {
                    select.setString(3, connection);
                }
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        return row.getString(1);
                    }
                }
            }
            if (connection != null) {
                link(sql, connection, kind, recordId, name);
            }
            return recordId;
        });
    }

    private static void link(Connection sql, String connection, String kind, String recordId, String name)
            throws SQLException {
        // an empty digest: the first time 1C sends this counterparty back, its data is applied to the company
        try (PreparedStatement insert = sql.prepareStatement("INSERT INTO exchange1c.exchange_object (connection_id, "
                + "kind, id_1c, record_id, name, hash, deleted, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)")) {
            insert.setString(1, connection);
            insert.setString(2, kind);
            insert.setString(3, recordId);
            insert.setString(4, recordId);
            insert.setString(5, name);
            insert.setBoolean(6, false);
            insert.setTimestamp(7, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private boolean exported(String connection, Deal deal) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT exported_version FROM exchange1c.exported_deal "
                    + "WHERE connection_id = ? AND deal_id = ?")) {
                select.setString(1, connection);
                select.setString(2, deal.id());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    long version = row.getLong(1);
                    return !row.wasNull() && deal.version() != null && version == deal.version();
                }
            }
        });
    }

    private void offered(String connection, String sessionId, Deal deal) {
        database.inTransaction(sql -> {
            try (PreparedStatement update = sql.prepareStatement("UPDATE exchange1c.exported_deal SET offered_session = ?, "
                    + "offered_version = ? WHERE connection_id = ? AND deal_id = ?")) {
                update.setString(1, sessionId);
                update.setLong(2, deal.version());
                update.setString(3, connection);
                update.setString(4, deal.id());
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO exchange1c.exported_deal (connection_id, "
                    + "deal_id, offered_session, offered_version) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, connection);
                insert.setString(2, deal.id());
                insert.setString(3, sessionId);
                insert.setLong(4, deal.version());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** @return whether a deal was ever sent to 1C by this connection (then 1C's orders may update it) */
    public boolean known(String connection, String dealId) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement(
                    "SELECT 1 FROM exchange1c.exported_deal WHERE connection_id = ? AND deal_id = ?")) {
                select.setString(1, connection);
                select.setString(2, dealId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }
}
