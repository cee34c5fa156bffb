package org.tesseracrm.demo.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.crm.Activities;
import org.tesseracrm.api.crm.Activity;
import org.tesseracrm.api.crm.ActivityType;
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
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;

/**
 * Loads demo data — 200 companies, 500 contacts, 300 deals across the pipeline's stages, 400 activities
 * and 30 products — but only when Tessera was started with {@code -Dtessera.demo=true} and only into
 * an empty database, so it never mixes into a real installation. The data is the same on every run.
 */
@Component(immediate = true)
public final class DemoData {
    /** System property that asks for demo data. */
    public static final String PROPERTY = "tessera.demo";
    /** How many of each are created. */
    static final int COMPANIES = 200;
    static final int CONTACTS = 500;
    static final int DEALS = 300;
    static final int ACTIVITIES = 400;
    static final int PRODUCTS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private static final String[] FIRST = {"Иван", "Пётр", "Анна", "Мария", "Алексей", "Ольга", "Сергей", "Елена",
        "Дмитрий", "Наталья", "Andrew", "Kate", "John", "Laura", "Михаил", "Татьяна", "Николай", "Светлана"};
    private static final String[] LAST = {"Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев",
        "Козлов", "Новиков", "Морозов", "Smith", "Brown", "Волков", "Зайцев", "Павлов", "Семёнов", "Голубев"};
    private static final String[] COMPANY_WORDS = {"Альфа", "Вектор", "Гранит", "Север", "Прогресс", "Омега",
        "Техно", "Строй", "Медиа", "Логистик", "Agro", "Nord", "Сфера", "Ресурс", "Импульс", "Меридиан"};
    private static final String[] FORMS = {"ООО", "АО", "ПАО", "ИП"};
    private static final String[] CITIES = {"Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург",
        "Нижний Новгород", "Самара", "Краснодар"};
    private static final String[] PRODUCTS_NAMES = {"Консультация", "Внедрение", "Лицензия", "Поддержка",
        "Обучение", "Сервер", "Ноутбук", "Монитор", "Принтер", "Кабель"};

    private final Companies companies;
    private final Contacts contacts;
    private final Deals deals;
    private final Activities activities;
    private final Products products;
    private final Pipelines pipelines;

    /** Loads the data in the background when asked to. */
    @Activate
    public DemoData(BundleContext context, @Reference Companies companies, @Reference Contacts contacts,
            @Reference Deals deals, @Reference Activities activities, @Reference Products products,
            @Reference Pipelines pipelines) {
        this.companies = companies;
        this.contacts = contacts;
        this.deals = deals;
        this.activities = activities;
        this.products = products;
        this.pipelines = pipelines;
        if (!Boolean.parseBoolean(context.getProperty(PROPERTY))) {
            LOG.info("Demo data not loaded: start Tessera with -D{}=true to load it into an empty database", PROPERTY);
            return;
        }
        if (companies.list(Query.firstPage()).total() > 0 || contacts.list(Query.firstPage()).total() > 0) {
            LOG.info("Demo data not loaded: the database already has data");
            return;
        }
        Thread loader = new Thread(this::load, "tessera-demo-data");
        loader.setDaemon(true);
        loader.start();
    }

    private void load() {
        long started = System.nanoTime();
        try (CurrentUser.Scope ignored = CurrentUser.enter(new TesseraUser("admin", TesseraUser.SYSTEM.roles()))) {
            Random random = new Random(42);
            List<Product> catalog = new ArrayList<>();
            for (int i = 0; i < PRODUCTS; i++) {
                String name = PRODUCTS_NAMES[i % PRODUCTS_NAMES.length] + " " + (char) ('A' + i / PRODUCTS_NAMES.length);
                Product product = Product.of(name, i % 2 == 0 ? "шт" : "ч",
                        BigDecimal.valueOf(1000 + random.nextInt(90) * 500L), "RUB");
                catalog.add(products.create(new Product(null, null, product.name(), "SKU-" + (1000 + i),
                        "46" + String.format("%011d", 1_000_000L + i), product.unit(), null, product.price(), "RUB",
                        true, null, null, null, null, null, null)));
            }
            List<Company> clients = new ArrayList<>();
            for (int i = 0; i < COMPANIES; i++) {
                String name = COMPANY_WORDS[i % COMPANY_WORDS.length] + "-" + (i / COMPANY_WORDS.length + 1);
                String form = FORMS[random.nextInt(FORMS.length)];
                String city = CITIES[random.nextInt(CITIES.length)];
                Company company = new Company(null, null, name, form + " «" + name + "»",
                        String.format("77%08d", 10_000_000 + i), String.format("77%07d", 1_000_000 + i),
                        List.of(new Address("office", "ул. Ленина, " + (i + 1), city, String.format("1%05d", i), "Россия")),
                        List.of(new BankAccount(String.format("40702810%012d", 38_000_000L + i), "044525225",
                                "ПАО Сбербанк", "30101810400000000225")),
                        List.of(String.format("+7 (495) %03d-%02d-%02d", i % 1000, random.nextInt(100), random.nextInt(100))),
                        List.of("info@" + "company" + i + ".example"), "https://company" + i + ".example", null, null,
                        null, null, null, null, null);
                clients.add(companies.create(company));
            }
            List<Contact> people = new ArrayList<>();
            for (int i = 0; i < CONTACTS; i++) {
                Company company = clients.get(i % COMPANIES);
                Contact contact = Contact.of(FIRST[random.nextInt(FIRST.length)], LAST[random.nextInt(LAST.length)])
                        .withEmails(List.of("person" + i + "@company" + (i % COMPANIES) + ".example"))
                        .withPhones(List.of(String.format("+7 9%02d %03d-%02d-%02d", random.nextInt(100), i % 1000,
                                random.nextInt(100), random.nextInt(100))))
                        .withCompanyId(company.id())
                        .withPosition(i % 5 == 0 ? "Директор" : "Менеджер");
                people.add(contacts.create(contact));
            }
            Pipeline pipeline = pipelines.list(Query.firstPage().page(0, 1)).items().get(0);
            List<Deal> created = new ArrayList<>();
            for (int i = 0; i < DEALS; i++) {
                Contact contact = people.get(random.nextInt(people.size()));
                Stage stage = pipeline.stages().get(random.nextInt(pipeline.stages().size()));
                Product product = catalog.get(random.nextInt(catalog.size()));
                BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(10));
                Deal deal = Deal.of(product.name() + " для " + clients.get(i % COMPANIES).name())
                        .withClient(contact.companyId(), contact.id())
                        .withLines(List.of(new DealLine(product.id(), null, quantity, product.price(), null)))
                        .withStage(stage.id());
                Deal stored = deals.create(new Deal(null, null, deal.title(), deal.companyId(), deal.contactId(), null,
                        "RUB", pipeline.id(), stage.id(), null, LocalDate.now().plusDays(random.nextInt(90) - 30),
                        deal.lines(), null, null, null, null, null, null, null));
                created.add(stored);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
            ActivityType[] types = ActivityType.values();
            for (int i = 0; i < ACTIVITIES; i++) {
                Deal deal = created.get(random.nextInt(created.size()));
                ActivityType type = types[random.nextInt(types.length)];
                Instant due = now.plus(random.nextInt(14 * 24) - 5 * 24, ChronoUnit.HOURS);
                activities.create(new Activity(null, null, type, subject(type) + ": " + deal.title(), due,
                        due.isBefore(now) && random.nextBoolean(), deal.contactId(), deal.companyId(), deal.id(), null,
                        null, null, null, null, null, null));
            }
            LOG.info("Demo data loaded in {} s: {} companies, {} contacts, {} deals, {} activities, {} products",
                    (System.nanoTime() - started) / 1_000_000_000, COMPANIES, CONTACTS, DEALS, ACTIVITIES, PRODUCTS);
        } catch (RuntimeException e) {
            LOG.error("Demo data could not be loaded completely", e);
        }
    }

    private static String subject(ActivityType type) {
        return switch (type) {
            case CALL -> "Позвонить";
            case MEETING -> "Встреча";
            case EMAIL -> "Письмо";
            case TASK -> "Подготовить КП";
        };
    }
}
