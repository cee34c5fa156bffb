package org.tesseracrm.plugin.exchange1c.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.tesseracrm.plugin.exchange1c.internal.cml.Cml;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlException;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlHandler;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlReader;

/**
 * The streaming reader on the real 1C files (counts checked against the files themselves) and on small
 * hand-made documents for the quirks: no namespace, windows-1251, BOM, decimal commas, Контейнер.
 */
class CmlReaderTest {

    /** Collects everything a file holds. */
    static final class Collect implements CmlHandler {
        String version;
        final List<Cml.Section> sections = new ArrayList<>();
        final List<Cml.Group> groups = new ArrayList<>();
        final List<Cml.Property> properties = new ArrayList<>();
        final List<Cml.PriceType> priceTypes = new ArrayList<>();
        final List<Cml.Warehouse> warehouses = new ArrayList<>();
        final List<Cml.Product> products = new ArrayList<>();
        final List<Cml.Offer> offers = new ArrayList<>();
        final List<Cml.Counterparty> counterparties = new ArrayList<>();
        final List<Cml.Document> documents = new ArrayList<>();
        final List<String> invalid = new ArrayList<>();

        @Override public void version(String v) { version = v; }
        @Override public void section(Cml.Section s) { sections.add(s); }
        @Override public void group(Cml.Group g) { groups.add(g); }
        @Override public void property(Cml.Property p) { properties.add(p); }
        @Override public void priceType(Cml.PriceType p) { priceTypes.add(p); }
        @Override public void warehouse(Cml.Warehouse w) { warehouses.add(w); }
        @Override public void product(Cml.Product p) { products.add(p); }
        @Override public void offer(Cml.Offer o) { offers.add(o); }
        @Override public void counterparty(Cml.Counterparty c) { counterparties.add(c); }
        @Override public void document(Cml.Document d) { documents.add(d); }
        @Override public void invalid(String element, int line, String id, String message) {
            invalid.add(element + ":" + line + ":" + id + ":" + message);
        }

        int prices() {
            return offers.stream().mapToInt(o -> o.prices().size()).sum();
        }

        int stockRows() {
            return offers.stream().mapToInt(o -> o.stock().size()).sum();
        }
    }

    static Collect read(String prefix) throws IOException {
        Collect collect = new Collect();
        try (InputStream in = Files.newInputStream(Fixtures.file(prefix))) {
            new CmlReader().read(in, collect);
        }
        assertEquals(List.of(), collect.invalid, prefix);
        return collect;
    }

    static Collect read(byte[] xml) {
        Collect collect = new Collect();
        new CmlReader().read(new ByteArrayInputStream(xml), collect);
        return collect;
    }

    @Test
    void catalogPortionWithBomNamespaceAndTrailingSpaceInUnitCode() throws IOException {
        Collect c = read("01_");
        assertEquals("2.07", c.version);
        assertEquals(1, c.groups.size());
        assertEquals(12, c.properties.size());
        assertEquals(36, c.products.size());
        Cml.Product first = c.products.get(0);
        assertEquals("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1", first.id());
        assertEquals("PM-421-WP", first.article());
        assertEquals("8809288404089", first.barcode());
        assertEquals("Портативный коврик Portable 140x200x1 см, Деревянные лошадки", first.name());
        assertEquals("796", first.unit().code(), "Код=\"796 \" is stripped");
        assertEquals("Штука", first.unit().fullName());
        assertEquals("PCE", first.unit().label());
        assertEquals(List.of(new Cml.TaxRate("НДС", "20")), first.taxes());
        assertEquals(List.of(c.groups.get(0).id()), first.groupIds());
        assertEquals(22, c.products.stream().filter(p -> p.barcode() != null).count());
        assertEquals(36, c.products.stream().filter(p -> p.article() != null).count());
        assertTrue(c.products.stream().flatMap(p -> p.properties().stream())
                .anyMatch(v -> v.values().contains("1,4")), "decimal-comma values are kept as 1C wrote them");
    }

    @Test
    void offersPortionWithStockInAttributeForm() throws IOException {
        Collect c = read("02_");
        assertEquals(1, c.priceTypes.size());
        assertEquals(3, c.warehouses.size());
        assertEquals(44, c.offers.size());
        assertEquals(44, c.prices());
        assertEquals(132, c.stockRows(), "3 <Склад ИдСклада КоличествоНаСкладе/> per offer");
        Cml.Offer first = c.offers.get(0);
        assertEquals("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1", first.id());
        assertEquals(new BigDecimal("377"), first.quantity());
        assertEquals(new Cml.Stock("dd306af1-19c9-11e7-80c2-0cc47ab29cd1", new BigDecimal("376")), first.stock().get(2));
        Cml.Price price = first.prices().get(0);
        assertEquals("279b6812-740b-11e8-80c8-0cc47ab29cd1", price.priceTypeId());
        assertEquals(new BigDecimal("100"), price.pricePerUnit());
        assertEquals("RUB", price.currency());
    }

    @Test
    void changesOnlyClassifierWithDeepGroups() throws IOException {
        Collect c = read("03_");
        assertEquals("2.09", c.version);
        assertTrue(c.sections.contains(new Cml.Section("Классификатор", true)));
        assertEquals(97, c.groups.size());
        assertEquals(4, c.groups.stream().mapToInt(Cml.Group::depth).max().orElse(0));
        assertEquals(1908, c.properties.size());
        // 1,811 <Справочник> values in the file, 11 of them without ИдЗначения (nothing can refer to those)
        assertEquals(1800, c.properties.stream().mapToInt(p -> p.values().size()).sum());
        assertEquals(1, c.priceTypes.size());
        assertEquals(1, c.warehouses.size());
        // parents come before their children, and every parent is a group of the file
        List<String> seen = new ArrayList<>();
        for (Cml.Group group : c.groups) {
            assertTrue(group.parentId() == null || seen.contains(group.parentId()), group.toString());
            assertEquals(group.parentId() == null, group.depth() == 1, group.toString());
            seen.add(group.id());
        }
    }

    @Test
    void pricesAndRestsPackages() throws IOException {
        Collect prices = read("04_");
        assertTrue(prices.sections.contains(new Cml.Section("ПакетПредложений", true)));
        assertEquals(978, prices.offers.size());
        assertEquals(978, prices.prices());
        assertEquals(0, prices.stockRows());
        Collect rests = read("05_");
        assertEquals(978, rests.offers.size());
        assertEquals(0, rests.prices());
        assertEquals(978, rests.stockRows(), "Остатки/Остаток/Склад/{Ид,Количество}");
        assertEquals("5d1caeb1-44b2-11e4-a628-003048c64779", rests.offers.get(0).stock().get(0).warehouseId());
        assertEquals(new BigDecimal("1"), rests.offers.get(0).stock().get(0).quantity());
    }

    @Test
    void catalogWithNamespaceOverSeveralLines() throws IOException {
        Collect c = read("06_");
        assertEquals(22, c.groups.size());
        assertEquals(2, c.groups.stream().mapToInt(Cml.Group::depth).max().orElse(0));
        assertEquals(10, c.properties.size());
        assertEquals(2, c.products.size());
        assertEquals(3, c.products.stream().mapToInt(p -> p.pictures().size()).sum());
    }

    @Test
    void ordersFrom1c() throws IOException {
        Collect c = read("08_");
        assertEquals(2, c.documents.size());
        assertEquals(0, c.counterparties.size(), "a document's counterparties come with the document");
        Cml.Document first = c.documents.get(0);
        assertEquals("142", first.id());
        assertEquals("ТДЦУ-000001", first.number1c());
        assertEquals(new BigDecimal("8186.84"), first.total());
        assertEquals(2, first.lines().size());
        assertEquals("true", first.requisites().get("Проведен"));
        Cml.Counterparty buyer = first.counterparties().get(0);
        assertEquals("4a65ecb6-8b1b-11df-be16-e0cb4ed5f70f", buyer.id());
        assertNull(buyer.inn(), "<ИНН/> is no INN");
        assertEquals(2, buyer.bankAccounts().size());
        assertEquals("044525222", buyer.bankAccounts().get(0).bik());
        assertEquals(List.of(new Cml.Representative("5018186c-ddb3-11df-aeb7-0015e9b8c48d", "Смирнов Олег Иванович",
                "Контактное лицо")), buyer.representatives());
        assertEquals(buyer.id(), c.documents.get(1).counterparties().get(0).id(), "the same counterparty");
        assertEquals(4, c.documents.stream().mapToInt(d -> d.lines().size()).sum());
    }

    @Test
    void counterparties() throws IOException {
        Collect c = read("09_");
        assertTrue(c.sections.contains(new Cml.Section("Контрагенты", true)));
        assertEquals(4, c.counterparties.size());
        assertEquals(List.of("181310839110", "181620360057", "600520144856"),
                c.counterparties.stream().map(Cml.Counterparty::inn).filter(i -> i != null).toList());
        Cml.Counterparty td = c.counterparties.get(2);
        assertEquals("ТД Уют", td.name());
        assertEquals(1, td.bankAccounts().size());
        assertEquals(1, td.representatives().size());
        assertEquals(List.of(new Cml.ContactDetail("Электронная почта", "Uyt@komp.kz"),
                new Cml.ContactDetail("Телефон рабочий", "+7 (3272) 25-39-39")), td.contacts());
        assertEquals(List.of(new Cml.Address("legal",
                "005897, Города Республиканского значения: Алматы, Тохтарова, дом № 18", "005897", null)),
                td.addresses(), "the registration address; the bank's address is the bank's");
    }

    @Test
    void windows1251WithoutNamespace() throws IOException {
        Collect c = read("10_");
        assertEquals("2.05", c.version);
        assertEquals(2, c.documents.size());
        assertEquals(8, c.documents.stream().mapToInt(d -> d.lines().size()).sum());
        Cml.Document first = c.documents.get(0);
        assertEquals("Заказ товара", first.operation(), "windows-1251 decoded");
        assertEquals(new BigDecimal("231.7400"), first.total());
        assertEquals("38#catalog_exchange#", first.counterparties().get(0).id(), "Bitrix-style id");
        assertEquals("Hello Kitty toothbrush for 3~6 years old,2pcs", first.lines().get(0).name());
    }

    private static final String PLAIN = """
            <КоммерческаяИнформация ВерсияСхемы="2.04">
              <Каталог><СодержитТолькоИзменения>true</СодержитТолькоИзменения><Товары>
                <Товар><Ид>a#b</Ид><Наименование>Шуруп</Наименование><БазоваяЕдиница Код="796 ">шт</БазоваяЕдиница>
                  <ПометкаУдаления>true</ПометкаУдаления></Товар>
              </Товары></Каталог>
              <ПакетПредложений><Предложения><Предложение><Ид>a#b</Ид>
                <Цены><Цена><ИдТипаЦены>t</ИдТипаЦены><ЦенаЗаЕдиницу>1 234,50</ЦенаЗаЕдиницу><Валюта>руб</Валюта></Цена></Цены>
                <Количество>1,5</Количество></Предложение></Предложения></ПакетПредложений>
              <Контейнер><Документ><Ид>7</Ид><Сумма>10,25</Сумма><Товары><Товар><Ид>a</Ид><Количество>2,5</Количество></Товар></Товары></Документ></Контейнер>
            </КоммерческаяИнформация>
            """;

    @Test
    void quirksInEveryEncoding() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + PLAIN).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);
        byte[] cp1251 = ("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n" + PLAIN)
                .getBytes(Charset.forName("windows-1251"));
        for (byte[] xml : List.of(utf8, withBom, cp1251)) {
            Collect c = read(xml);
            assertEquals(List.of(), c.invalid);
            assertTrue(c.sections.contains(new Cml.Section("Каталог", true)), "element form of СодержитТолькоИзменения");
            Cml.Product product = c.products.get(0);
            assertEquals("Шуруп", product.name());
            assertEquals("796", product.unit().code());
            assertEquals("шт", product.unit().label());
            assertTrue(product.deleted());
            Cml.Offer offer = c.offers.get(0);
            assertEquals("a", offer.productId());
            assertEquals(new BigDecimal("1234.50"), offer.prices().get(0).pricePerUnit());
            assertEquals(new BigDecimal("1.5"), offer.quantity());
            assertEquals(1, c.documents.size(), "a document wrapped in Контейнер");
            assertEquals(new BigDecimal("10.25"), c.documents.get(0).total());
            assertEquals(new BigDecimal("2.5"), c.documents.get(0).lines().get(0).quantity());
        }
    }

    @Test
    void aBadNumberSkipsOnlyItsObject() {
        Collect c = read(("<КоммерческаяИнформация><ПакетПредложений><Предложения>"
                + "<Предложение><Ид>1</Ид><Количество>много</Количество></Предложение>"
                + "<Предложение><Ид>2</Ид><Количество>3</Количество></Предложение>"
                + "</Предложения></ПакетПредложений></КоммерческаяИнформация>").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, c.offers.size());
        assertEquals(1, c.invalid.size());
        assertTrue(c.invalid.get(0).startsWith("Предложение:"), c.invalid.get(0));
        assertTrue(c.invalid.get(0).contains(":1:not a number"), c.invalid.get(0));
    }

    @Test
    void truncatedAndNonXmlFilesAreRefused() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("01_"));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        assertThrows(CmlException.class, () -> read(truncated));
        assertThrows(CmlException.class, () -> read("PK\u0003\u0004 not xml at all".getBytes(StandardCharsets.ISO_8859_1)));
        assertThrows(CmlException.class, () -> read("<html><body>502</body></html>".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CmlException.class, () -> read(new byte[0]));
    }

    @Test
    void streamsALargeCatalogObjectByObject() {
        int products = 100_000;
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация ВерсияСхемы=\"2.10\" "
                + "xmlns=\"urn:1C.ru:commerceml_2\"><Каталог><Товары>";
        String tail = "</Товары></Каталог></КоммерческаяИнформация>";
        Enumeration<InputStream> parts = new Enumeration<>() {
            int next = -1;

            @Override
            public boolean hasMoreElements() {
                return next <= products;
            }

            @Override
            public InputStream nextElement() {
                int i = next++;
                String text = i < 0 ? head : i == products ? tail
                        : "<Товар><Ид>" + i + "</Ид><Наименование>Товар " + i + "</Наименование>"
                                + "<БазоваяЕдиница Код=\"796 \">шт</БазоваяЕдиница></Товар>";
                return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            }
        };
        AtomicInteger count = new AtomicInteger();
        new CmlReader().read(new SequenceInputStream(parts), new CmlHandler() {
            @Override
            public void product(Cml.Product product) {
                count.incrementAndGet();
            }
        });
        assertEquals(products, count.get());
    }
}
