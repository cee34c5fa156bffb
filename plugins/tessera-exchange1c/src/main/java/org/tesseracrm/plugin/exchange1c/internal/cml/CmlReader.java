package org.tesseracrm.plugin.exchange1c.internal.cml;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A streaming CommerceML 2.04–2.10 reader on StAX. It matches local names only (files with the
 * {@code urn:1C.ru:commerceml_2} namespace and without read alike), takes the encoding from the BOM or the
 * XML declaration (UTF-8 with or without BOM, windows-1251), and hands each object to a
 * {@link CmlHandler} as soon as its element ends: memory is bounded by the largest single object.
 */
public final class CmlReader {
    private static final String GROUP = "Группа";

    private final XMLInputFactory factory;

    /** A reader with the JDK's StAX parser; DTDs and external entities are refused. */
    public CmlReader() {
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /**
     * Reads a whole file.
     *
     * @throws CmlException when the file is not well-formed XML, is truncated, or is not CommerceML
     */
    public void read(InputStream in, CmlHandler handler) {
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(in);
            read(reader, handler);
        } catch (XMLStreamException e) {
            throw new CmlException("not a readable XML file: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    /** An open group: its Ид and name as far as read, and whether it was handed on already. */
    private static final class OpenGroup {
        final OpenGroup parent;
        final int depth;
        final int line;
        String id;
        String name;
        boolean emitted;

        OpenGroup(OpenGroup parent, int line) {
            this.parent = parent;
            this.depth = parent == null ? 1 : parent.depth + 1;
            this.line = line;
        }
    }

    private void read(XMLStreamReader reader, CmlHandler handler) throws XMLStreamException {
        Deque<String> path = new ArrayDeque<>();
        Deque<OpenGroup> groups = new ArrayDeque<>();
        boolean rootSeen = false;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                String name = path.pop();
                if (name.equals(GROUP) && !groups.isEmpty() && groups.peek().depth == groupDepth(path) + 1) {
                    emit(groups.pop(), handler);
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = reader.getLocalName();
            String parent = path.peek();
            int line = reader.getLocation() == null ? -1 : reader.getLocation().getLineNumber();
            if (!rootSeen) {
                rootSeen = true;
                if (!name.equals("КоммерческаяИнформация")) {
                    throw new CmlException("not a CommerceML file: the root element is <" + name + ">");
                }
                handler.version(Fragment.blankToNull(reader.getAttributeValue(null, "ВерсияСхемы")));
                path.push(name);
                continue;
            }
            boolean inDocument = path.contains("Документ");
            if (name.equals("Документ")) {
                Fragment fragment = Fragment.read(reader);
                safely(handler, fragment, () -> handler.document(document(fragment)));
                continue;
            }
            if (inDocument) {
                path.push(name);
                continue;
            }
            switch (name) {
                case "Классификатор", "Каталог", "ПакетПредложений", "Контрагенты", "ИзмененияПакетаПредложений" -> {
                    if (name.equals("Контрагенты") && !"КоммерческаяИнформация".equals(parent)) {
                        break;
                    }
                    String changesOnly = reader.getAttributeValue(null, "СодержитТолькоИзменения");
                    handler.section(new Cml.Section(name,
                            Cml.bool(changesOnly) || name.equals("ИзмененияПакетаПредложений")));
                }
                case "СодержитТолькоИзменения" -> {
                    if (parent != null && !parent.equals("КоммерческаяИнформация")) {
                        String value = reader.getElementText();
                        handler.section(new Cml.Section(parent, Cml.bool(value)));
                        continue; // getElementText consumed the end
                    }
                }
                default -> {
                    // decided below
                }
            }
            if (name.equals(GROUP) && "Группы".equals(parent) && path.contains("Классификатор")
                    && !path.contains("Товар")) {
                OpenGroup open = new OpenGroup(groups.peek(), line);
                if (open.parent != null && !open.parent.emitted) {
                    emit(open.parent, handler); // parents first
                }
                groups.push(open);
                path.push(name);
                continue;
            }
            if (GROUP.equals(parent) && !groups.isEmpty() && (name.equals("Ид") || name.equals("Наименование"))) {
                String text = Fragment.blankToNull(reader.getElementText());
                if (name.equals("Ид")) {
                    groups.peek().id = text;
                } else {
                    groups.peek().name = text;
                }
                continue;
            }
            Runnable emit = null;
            Fragment fragment = null;
            if ((name.equals("Свойство") || name.equals("СвойствоНоменклатуры")) && "Свойства".equals(parent)
                    && path.contains("Классификатор")) {
                fragment = Fragment.read(reader);
                Fragment f = fragment;
                emit = () -> handler.property(property(f));
            } else if (name.equals("Товар") && "Товары".equals(parent) && path.contains("Каталог")) {
                fragment = Fragment.read(reader);
                Fragment f = fragment;
                emit = () -> handler.product(product(f));
            } else if (name.equals("Предложение") && "Предложения".equals(parent)) {
                fragment = Fragment.read(reader);
                Fragment f = fragment;
                emit = () -> handler.offer(offer(f));
            } else if (name.equals("ТипЦены") && "ТипыЦен".equals(parent)) {
                fragment = Fragment.read(reader);
                Fragment f = fragment;
                emit = () -> handler.priceType(new Cml.PriceType(required(f, "Ид"), f.text("Наименование"),
                        f.text("Валюта"), f.line()));
            } else if (name.equals("Склад") && "Склады".equals(parent)) {
                fragment = Fragment.read(reader);
                Fragment f = fragment;
                emit = () -> handler.warehouse(new Cml.Warehouse(required(f, "Ид"), f.text("Наименование"), f.line()));
            } else if (name.equals("Контрагент") && "Контрагенты".equals(parent)) {
                fragment = Fragment.read(reader);
                Fragment f = fragment;
                emit = () -> handler.counterparty(counterparty(f));
            }
            if (fragment != null) {
                safely(handler, fragment, emit);
                continue;
            }
            path.push(name);
        }
        if (!rootSeen) {
            throw new CmlException("not a CommerceML file: no root element");
        }
        if (!path.isEmpty()) {
            throw new CmlException("the file ends inside <" + path.peek() + ">");
        }
    }

    private static int groupDepth(Deque<String> path) {
        int depth = 0;
        for (String name : path) {
            if (name.equals(GROUP)) {
                depth++;
            }
        }
        return depth;
    }

    private static void emit(OpenGroup group, CmlHandler handler) {
        if (group.emitted) {
            return;
        }
        group.emitted = true;
        if (group.id == null) {
            handler.invalid(GROUP, group.line, null, "a group without Ид");
            return;
        }
        handler.group(new Cml.Group(group.id, group.name, group.parent == null ? null : group.parent.id,
                group.depth, group.line));
    }

    /** Hands an object on; an object that cannot be converted is reported and skipped. */
    private static void safely(CmlHandler handler, Fragment fragment, Runnable emit) {
        try {
            emit.run();
        } catch (CmlException e) {
            handler.invalid(fragment.name(), fragment.line(), fragment.text("Ид"), e.getMessage());
        }
    }

    private static String required(Fragment fragment, String child) {
        String value = fragment.text(child);
        if (value == null) {
            throw new CmlException("<" + fragment.name() + "> without <" + child + ">");
        }
        return value;
    }

    private static Map<String, String> requisites(Fragment fragment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Fragment requisite : fragment.all("ЗначенияРеквизитов", "ЗначениеРеквизита")) {
            String key = requisite.text("Наименование");
            if (key != null) {
                values.put(key, requisite.text("Значение"));
            }
        }
        return values;
    }

    static Cml.Property property(Fragment f) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String kind : new String[] {"Справочник", "ЗначениеСвойства"}) {
            for (Fragment value : f.all("ВариантыЗначений", kind)) {
                String id = value.text("ИдЗначения");
                if (id != null) {
                    values.put(id, value.text("Значение"));
                }
            }
        }
        return new Cml.Property(required(f, "Ид"), f.text("Наименование"), f.text("ТипЗначений"), values, f.line());
    }

    static Cml.Product product(Fragment f) {
        Fragment unit = f.child("БазоваяЕдиница");
        Cml.Unit base = unit == null ? null : new Cml.Unit(unit.attribute("Код"), unit.text(),
                unit.attribute("НаименованиеПолное"), unit.attribute("МеждународноеСокращение"));
        List<String> groups = new ArrayList<>();
        for (Fragment id : f.all("Группы", "Ид")) {
            if (id.text() != null) {
                groups.add(id.text());
            }
        }
        List<Cml.PropertyValue> properties = new ArrayList<>();
        for (Fragment value : f.all("ЗначенияСвойств", "ЗначенияСвойства")) {
            List<String> texts = new ArrayList<>();
            for (Fragment v : value.children("Значение")) {
                if (v.text() != null) {
                    texts.add(v.text());
                }
            }
            String id = value.text("Ид");
            if (id != null) {
                properties.add(new Cml.PropertyValue(id, texts));
            }
        }
        List<Cml.TaxRate> taxes = new ArrayList<>();
        for (Fragment tax : f.all("СтавкиНалогов", "СтавкаНалога")) {
            taxes.add(new Cml.TaxRate(tax.text("Наименование"), tax.text("Ставка")));
        }
        List<String> pictures = new ArrayList<>();
        for (Fragment picture : f.children("Картинка")) {
            if (picture.text() != null) {
                pictures.add(picture.text());
            }
        }
        boolean deleted = Cml.bool(f.text("ПометкаУдаления")) || "Удален".equals(f.text("Статус"))
                || "Удален".equals(f.attribute("Статус"));
        return new Cml.Product(required(f, "Ид"), f.text("Артикул"), f.text("Штрихкод"), f.text("Наименование"),
                f.text("Описание"), base, groups, properties, taxes, requisites(f), pictures, deleted, f.line());
    }

    static Cml.Offer offer(Fragment f) {
        List<Cml.Price> prices = new ArrayList<>();
        for (Fragment price : f.all("Цены", "Цена")) {
            prices.add(new Cml.Price(price.text("ИдТипаЦены"), Cml.decimal(price.text("ЦенаЗаЕдиницу")),
                    price.text("Валюта"), price.text("Единица"), Cml.decimal(price.text("Коэффициент"))));
        }
        List<Cml.Stock> stock = new ArrayList<>();
        for (Fragment store : f.children("Склад")) { // 2.07/2.08: <Склад ИдСклада КоличествоНаСкладе/>
            String id = store.attribute("ИдСклада");
            stock.add(new Cml.Stock(id == null ? "" : id, Cml.decimal(store.attribute("КоличествоНаСкладе"))));
        }
        for (Fragment rest : f.all("Остатки", "Остаток")) { // 2.09/2.10: Остатки/Остаток/Склад/{Ид,Количество}
            List<Fragment> stores = rest.children("Склад");
            if (stores.isEmpty() && rest.child("Количество") != null) {
                stock.add(new Cml.Stock("", Cml.decimal(rest.text("Количество"))));
            }
            for (Fragment store : stores) {
                String id = store.text("Ид");
                stock.add(new Cml.Stock(id == null ? "" : id, Cml.decimal(store.text("Количество"))));
            }
        }
        return new Cml.Offer(required(f, "Ид"), f.text("Наименование"), f.text("Артикул"), prices,
                Cml.decimal(f.text("Количество")), stock, f.line());
    }

    static Cml.Counterparty counterparty(Fragment f) {
        List<Cml.BankAccount> accounts = new ArrayList<>();
        for (Fragment account : f.all("РасчетныеСчета", "РасчетныйСчет")) {
            accounts.add(new Cml.BankAccount(account.text("НомерСчета"), account.text("Банк", "Наименование"),
                    account.text("Банк", "БИК"), account.text("Банк", "СчетКорреспондентский")));
        }
        List<Cml.Representative> representatives = new ArrayList<>();
        for (Fragment representative : f.all("Представители", "Представитель")) {
            Fragment who = representative.child("Контрагент") != null ? representative.child("Контрагент")
                    : representative;
            representatives.add(new Cml.Representative(who.text("Ид"), who.text("Наименование"),
                    who.text("Отношение")));
        }
        List<Cml.ContactDetail> contacts = new ArrayList<>();
        for (Fragment contact : f.all("Контакты", "Контакт")) {
            contacts.add(new Cml.ContactDetail(contact.text("Тип"), contact.text("Значение")));
        }
        List<Cml.Address> addresses = new ArrayList<>();
        for (String[] element : new String[][] {{"ЮридическийАдрес", "legal"}, {"АдресРегистрации", "legal"},
                {"Адрес", "office"}}) {
            Fragment address = f.child(element[0]);
            String text = address == null ? null : address.text("Представление");
            // some exports write the placeholder "Адрес" for an address nobody filled in
            if (text != null && !text.isBlank() && !text.strip().equalsIgnoreCase("Адрес")) {
                String postalCode = null;
                String city = null;
                for (Fragment field : address.children("АдресноеПоле")) {
                    String type = field.text("Тип");
                    if ("Почтовый индекс".equals(type)) {
                        postalCode = field.text("Значение");
                    } else if ("Город".equals(type)) {
                        city = field.text("Значение");
                    }
                }
                addresses.add(new Cml.Address(element[1], text.strip(), postalCode, city));
            }
        }
        String fullName = f.text("ОфициальноеНаименование") != null ? f.text("ОфициальноеНаименование")
                : f.text("ПолноеНаименование");
        return new Cml.Counterparty(required(f, "Ид"), f.text("Наименование"), fullName, f.text("ИНН"),
                f.text("КПП"), f.text("Роль"), accounts, representatives, contacts, addresses,
                Cml.bool(f.text("ПометкаУдаления")), f.line());
    }

    static Cml.Document document(Fragment f) {
        List<Cml.Counterparty> counterparties = new ArrayList<>();
        for (Fragment counterparty : f.all("Контрагенты", "Контрагент")) {
            counterparties.add(counterparty(counterparty));
        }
        List<Cml.DocumentLine> lines = new ArrayList<>();
        for (Fragment line : f.all("Товары", "Товар")) {
            String price = line.text("ЦенаЗаЕдиницу") != null ? line.text("ЦенаЗаЕдиницу") : line.text("Цена");
            lines.add(new Cml.DocumentLine(line.text("Ид"), line.text("Наименование"),
                    Cml.decimal(line.text("Количество")), Cml.decimal(price), Cml.decimal(line.text("Сумма"))));
        }
        BigDecimal rate = Cml.decimal(f.text("Курс"));
        return new Cml.Document(required(f, "Ид"), f.text("Номер"), f.text("Дата"), f.text("ХозОперация"),
                f.text("Роль"), f.text("Валюта"), rate, Cml.decimal(f.text("Сумма")), f.text("Номер1С"),
                f.text("Дата1С"), Cml.bool(f.text("ПометкаУдаления")), counterparties, lines, requisites(f), f.line());
    }
}
