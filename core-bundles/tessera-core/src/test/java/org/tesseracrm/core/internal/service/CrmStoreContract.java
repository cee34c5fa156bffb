package org.tesseracrm.core.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.audit.AuditEntry;
import org.tesseracrm.api.audit.AuditEntry.FieldChange;
import org.tesseracrm.api.crm.Address;
import org.tesseracrm.api.crm.BankAccount;
import org.tesseracrm.api.crm.Company;
import org.tesseracrm.api.crm.Contact;
import org.tesseracrm.api.crm.CrmTopics;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.DealLine;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Product;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.audit.AuditLogService;
import org.tesseracrm.platform.internal.db.SchemaMigrator;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.security.AccessService;
import org.tesseracrm.platform.internal.security.Departments;
import org.tesseracrm.platform.internal.security.Roles;
import org.tesseracrm.platform.internal.security.UserAccounts;
import org.tesseracrm.testing.DatabaseContract;
import org.tesseracrm.testing.TestDatabase;

/**
 * What the CRM core's records promise on every supported database, through the real services over
 * the real platform store: optimistic versions, soft delete and restore, field validation that writes
 * nothing, paging, sorting, filters and prefix search, one audit entry per change with old and new
 * values, events after each change, and the deal rules (defaults, amount from lines, stage checks,
 * stage and won/lost events). Subclasses say which database. Each test acts as a user of its own, so
 * the records it lists are its own although the database is shared by the class.
 */
abstract class CrmStoreContract extends DatabaseContract {
    /** The pipeline the core's migration creates. */
    static final String SALES = "00000000-0000-0000-0000-000000000001";
    private ContactService contacts;
    private CompanyService companies;
    private PipelineService pipelines;
    private DealService deals;
    private AuditLogService audit;
    private Database core;
    /** Products behind the platform's real access service: managers may read the catalog, not change it. */
    private ProductService guardedProducts;

    @Override
    protected void prepare(TestDatabase db) {
        core = db.database("core", ContactService.class);
        RecordStores stores = db.stores();
        contacts = new ContactService(stores, core);
        companies = new CompanyService(stores, core);
        pipelines = new PipelineService(stores, core);
        deals = new DealService(stores, core, pipelines);
        Database platform = db.database("platform", SchemaMigrator.class);
        audit = new AuditLogService(platform, new JsonCodec());
        AccessService access = new AccessService(new Roles(platform),
                new UserAccounts(platform, Path.of("target", "crm-store-test-admin-password")),
                new Departments(platform), platform);
        guardedProducts = new ProductService(db.stores(access), core);
    }


    // ---------------------------------------------------------------- helpers

    private static Contact contact(String first, String last, List<String> emails, List<String> phones) {
        return new Contact(null, null, first, null, last, emails, phones, null, null, List.of(), null, null, null,
                null, null, null, null);
    }

    private static Contact named(String last) {
        return contact("Anna", last, List.of(), List.of());
    }

    private static Contact withNames(Contact c, String first, String last) {
        return new Contact(c.id(), c.version(), first, c.middleName(), last, c.emails(), c.phones(), c.position(),
                c.companyId(), c.tags(), c.notes(), c.ownerId(), c.createdAt(), c.createdBy(), c.updatedAt(),
                c.updatedBy(), c.deletedAt());
    }

    private static DealLine line(String quantity, String price, String discount) {
        return new DealLine(null, null, new BigDecimal(quantity), new BigDecimal(price),
                discount == null ? null : new BigDecimal(discount));
    }

    private Query mine() {
        return Query.firstPage().where("ownerId", user);
    }

    private List<AuditEntry> auditOf(String entity, String id) {
        return audit.list(entity, id, 0, 100).items();
    }

    /** Row counts of everything a write touches, and the events so far. */
    private record Snapshot(long contacts, long companies, long deals, long audit, long terms, List<String> events) {
    }

    private Snapshot snapshot() {
        return new Snapshot(db.count("core.contact"), db.count("core.company"), db.count("core.deal"),
                db.count("platform.audit_entry"), db.count("platform.search_term"), List.copyOf(db.events));
    }

    /** Asserts that the call is refused as the given problem and that it wrote nothing at all. */
    private ProblemException assertRefusedWritingNothing(ProblemType type, String field, Executable call) {
        Snapshot before = snapshot();
        ProblemException e = assertThrows(ProblemException.class, call);
        assertEquals(type, e.type(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(before, snapshot(), "a refused change must write nothing");
        return e;
    }

    private void assertInvalid(String field, Executable call) {
        assertRefusedWritingNothing(ProblemType.INVALID_FIELD, field, call);
    }

    private static String topic(String entity, String action) {
        return "org/tesseracrm/" + entity + "/" + action;
    }

    // ---------------------------------------------------------------- contacts: life cycle

    @Test
    void createAssignsServerFieldsAndIgnoresTheCallers() {
        Instant before = Instant.now().minusSeconds(1);
        Contact sent = new Contact("my-own-id", 42L, "Anna", "Petrovna", "Ivanova", List.of("anna@example.com"),
                List.of("+7 (916) 123-45-67"), "Buyer", null, List.of("vip"), "Met at the fair", null,
                Instant.EPOCH, "mallory", Instant.EPOCH, "mallory", Instant.EPOCH);

        Contact created = contacts.create(sent);

        assertNotNull(created.id());
        assertNotEquals("my-own-id", created.id());
        assertEquals(1L, created.version());
        assertEquals(user, created.createdBy());
        assertEquals(user, created.updatedBy());
        assertEquals(user, created.ownerId(), "the owner defaults to the creator");
        assertTrue(created.createdAt().isAfter(before), created.createdAt().toString());
        assertEquals(created.createdAt(), created.updatedAt());
        assertNull(created.deletedAt());
        assertEquals(created, contacts.get(created.id()), "what is stored is what create returned");
        assertEquals(List.of(topic("contact", "CREATED")), db.events);
    }

    @Test
    void workInsideASurroundingTransactionCommitsAndIsAnnouncedWithIt() {
        core.inTransaction(connection -> {
            contacts.create(named("Batched"));
            contacts.create(named("Batched"));
            assertEquals(List.of(), db.events, "nothing is announced before the commit");
            return null;
        });
        assertEquals(List.of(topic("contact", "CREATED"), topic("contact", "CREATED")), db.events);
        assertEquals(2, contacts.list(mine().where("lastName", "Batched")).total());

        db.events.clear();
        Snapshot before = snapshot();
        IllegalStateException abort = assertThrows(IllegalStateException.class, () -> core.inTransaction(c -> {
            contacts.create(named("RolledBack"));
            throw new IllegalStateException("the batch fails");
        }));
        assertEquals("the batch fails", abort.getMessage());
        assertEquals(before, snapshot(), "a rolled-back batch leaves nothing, announces nothing");
        assertEquals(List.of(), db.events);

        // a long import commits batch by batch: each committed batch is kept and announced at once
        assertThrows(IllegalStateException.class, () -> core.inTransaction(c -> {
            contacts.create(named("SoFar"));
            core.commitSoFar();
            assertEquals(List.of(topic("contact", "CREATED")), db.events, "announced at the batch's commit");
            contacts.create(named("SoFar"));
            throw new IllegalStateException("the second batch fails");
        }));
        assertEquals(1, contacts.list(mine().where("lastName", "SoFar")).total(), "the first batch stays");
        assertEquals(List.of(topic("contact", "CREATED")), db.events);
        assertThrows(IllegalStateException.class, core::commitSoFar, "no transaction to commit");
    }

    @Test
    void updateBumpsTheVersionAndKeepsCreation() {
        Contact created = contacts.create(named("Ivanova"));

        Contact updated = contacts.update(created.id(), 1, created.withPosition("Chief buyer"));

        assertEquals(2L, updated.version());
        assertEquals("Chief buyer", updated.position());
        assertEquals(created.createdAt(), updated.createdAt());
        assertEquals(created.createdBy(), updated.createdBy());
        assertFalse(updated.updatedAt().isBefore(created.updatedAt()));
        assertEquals(updated, contacts.get(created.id()));
        assertEquals(List.of(topic("contact", "CREATED"), topic("contact", "UPDATED")), db.events);
    }

    @Test
    void updateKeepsTheOwnerWhenNoneIsSent() {
        Contact created = contacts.create(named("Ivanova"));
        Contact sent = new Contact(null, null, "Anna", null, "Sidorova", List.of(), List.of(), null, null,
                List.of(), null, null, null, null, null, null, null);

        assertEquals(user, contacts.update(created.id(), 1, sent).ownerId());
    }

    @Test
    void staleVersionIsAConflictAndChangesNothing() {
        Contact created = contacts.create(named("Ivanova"));
        Contact current = contacts.update(created.id(), 1, created.withPosition("Buyer"));

        ProblemException e = assertRefusedWritingNothing(ProblemType.VERSION_CONFLICT, "If-Match",
                () -> contacts.update(created.id(), 1, created.withPosition("Director")));

        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertEquals(current, contacts.get(created.id()));
    }

    @Test
    void staleVersionOnDeleteIsAConflictAndDeletesNothing() {
        Contact created = contacts.create(named("Ivanova"));
        contacts.update(created.id(), 1, created.withPosition("Buyer"));

        assertRefusedWritingNothing(ProblemType.VERSION_CONFLICT, "If-Match", () -> contacts.delete(created.id(), 1L));
        assertEquals(2L, contacts.get(created.id()).version());
    }

    @Test
    void softDeleteHidesTheRecordAndRestoreBringsItBack() {
        Contact kept = contacts.create(named("Kept"));
        Contact gone = contacts.create(named("Gone"));

        contacts.delete(gone.id(), 1L);

        assertTrue(contacts.find(gone.id()).isEmpty());
        assertEquals(ProblemType.NOT_FOUND,
                assertThrows(ProblemException.class, () -> contacts.get(gone.id())).type());
        assertEquals(List.of(kept.id()), ids(contacts.list(mine())));
        Page<Contact> bin = contacts.list(new Query(0, 50, null, false, Map.of("ownerId", user), null, true));
        assertEquals(List.of(gone.id()), ids(bin));
        assertEquals(1, bin.total());
        Contact deleted = bin.items().get(0);
        assertEquals(2L, deleted.version());
        assertNotNull(deleted.deletedAt());
        assertEquals(1L, db.count("core.contact WHERE id = '" + gone.id() + "'"), "soft delete keeps the row");

        Contact restored = contacts.restore(gone.id());

        assertEquals(3L, restored.version());
        assertNull(restored.deletedAt());
        assertEquals(restored, contacts.get(gone.id()));
        assertEquals(Set.of(kept.id(), gone.id()), new HashSet<>(ids(contacts.list(mine()))));
        assertEquals(List.of(topic("contact", "CREATED"), topic("contact", "CREATED"), topic("contact", "DELETED"),
                topic("contact", "RESTORED")), db.events);
    }

    @Test
    void deleteWithoutVersionDeletesWhateverTheVersion() {
        Contact created = contacts.create(named("Ivanova"));
        contacts.update(created.id(), 1, created.withPosition("Buyer"));

        contacts.delete(created.id(), null);

        assertTrue(contacts.find(created.id()).isEmpty());
    }

    @Test
    void deletedRecordsCannotBeChangedOrDeletedAgain() {
        Contact created = contacts.create(named("Ivanova"));
        contacts.delete(created.id(), 1L);

        assertRefusedWritingNothing(ProblemType.NOT_FOUND, null,
                () -> contacts.update(created.id(), 2, created.withPosition("Buyer")));
        assertRefusedWritingNothing(ProblemType.NOT_FOUND, null, () -> contacts.delete(created.id(), null));
    }

    @Test
    void unknownIdsAreNotFound() {
        assertTrue(contacts.find("no-such-id").isEmpty());
        assertTrue(contacts.find("x".repeat(500)).isEmpty());
        assertRefusedWritingNothing(ProblemType.NOT_FOUND, null, () -> contacts.get("no-such-id"));
        assertRefusedWritingNothing(ProblemType.NOT_FOUND, null, () -> contacts.update("no-such-id", 1, named("X")));
        assertRefusedWritingNothing(ProblemType.NOT_FOUND, null, () -> contacts.delete("no-such-id", null));
        assertRefusedWritingNothing(ProblemType.NOT_FOUND, null, () -> contacts.restore("no-such-id"));
    }

    @Test
    void identicalUpdateKeepsTheVersionAndWritesNoAudit() {
        Contact created = contacts.create(contact("Anna", "Ivanova", List.of("anna@example.com"), List.of("+7 916")));
        db.events.clear();
        long auditBefore = db.count("platform.audit_entry");

        Contact again = contacts.update(created.id(), 1, created);
        // Same content without any server fields: still nothing to do.
        Contact fresh = contacts.update(created.id(), 1,
                contact("Anna", "Ivanova", List.of("anna@example.com"), List.of("+7 916")));

        assertEquals(created, again);
        assertEquals(created, fresh);
        assertEquals(created, contacts.get(created.id()));
        assertEquals(auditBefore, db.count("platform.audit_entry"));
        assertEquals(List.of(), db.events);
    }

    @Test
    void concurrentReadersAndWritersSeeTheRightTimestamps() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<String>>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String worker = user + "-w" + t;
            workers.add(() -> {
                List<String> wrong = new ArrayList<>();
                try (CurrentUser.Scope ignored = CurrentUser.enter(new TesseraUser(worker, Set.of()))) {
                    start.await();
                    List<Contact> written = new ArrayList<>();
                    for (int i = 0; i < 15; i++) {
                        Contact created = contacts.create(named("Worker" + i));
                        written.add(created);
                        if (!created.equals(contacts.get(created.id()))) {
                            wrong.add("get " + created.id());
                        }
                        List<Contact> listed = contacts.list(Query.firstPage().where("ownerId", worker)).items();
                        if (!new HashSet<>(listed).equals(new HashSet<>(written))) {
                            wrong.add("list after " + created.id());
                        }
                    }
                } catch (RuntimeException e) {
                    wrong.add(e.toString());
                }
                return wrong;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (Callable<List<String>> worker : workers) {
                results.add(pool.submit(worker));
            }
            start.countDown();
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> result : results) {
                wrong.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertEquals(List.of(), wrong, "every record reads back as written, timestamps included");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- contacts: validation

    @Test
    void missingLastNameIsRefused() {
        assertInvalid("lastName", () -> contacts.create(contact("Anna", null, List.of(), List.of())));
        assertInvalid("lastName", () -> contacts.create(contact("Anna", "   ", List.of(), List.of())));
    }

    @Test
    void overLongTextIsRefused() {
        assertInvalid("firstName", () -> contacts.create(contact("A".repeat(101), "Ivanova", List.of(), List.of())));
        assertInvalid("lastName", () -> contacts.create(contact("Anna", "I".repeat(101), List.of(), List.of())));
        assertInvalid("emails[0]", () -> contacts.create(
                contact("Anna", "Ivanova", List.of("a".repeat(250) + "@example.com"), List.of())));
        // The limit itself is fine.
        assertEquals(100, contacts.create(contact("A".repeat(100), "Ivanova", List.of(), List.of())).firstName().length());
    }

    @Test
    void badEmailIsRefusedNamingTheElement() {
        assertInvalid("emails[1]", () -> contacts.create(
                contact("Anna", "Ivanova", List.of("anna@example.com", "anna at example"), List.of())));
        assertInvalid("emails[0]", () -> contacts.create(contact("Anna", "Ivanova", List.of("anna@example"), List.of())));
    }

    @Test
    void badPhoneIsRefused() {
        assertInvalid("phones[0]", () -> contacts.create(contact("Anna", "Ivanova", List.of(), List.of("call me"))));
    }

    @Test
    void unknownCompanyIsRefused() {
        assertInvalid("companyId", () -> contacts.create(named("Ivanova").withCompanyId("no-such-company")));
    }

    @Test
    void deletedCompanyIsRefused() {
        Company company = companies.create(Company.of("Romashka"));
        companies.delete(company.id(), null);

        assertInvalid("companyId", () -> contacts.create(named("Ivanova").withCompanyId(company.id())));
    }

    @Test
    void existingCompanyIsAccepted() {
        Company company = companies.create(Company.of("Romashka"));

        Contact contact = contacts.create(named("Ivanova").withCompanyId(company.id()));

        assertEquals(company.id(), contacts.get(contact.id()).companyId());
    }

    @Test
    void companyKeepsItsAddressesAndBankAccounts() {
        Address office = new Address("office", "ул. Ленина, 1", "Москва", "101000", "Россия");
        BankAccount account = new BankAccount("40702810938000000001", "044525225", "ПАО Сбербанк",
                "30101810400000000225");
        BankAccount abroad = new BankAccount("DE89370400440532013000", "COBADEFFXXX", "Commerzbank", null);

        Company created = companies.create(withRequisites("Romashka", List.of(office), List.of(account, abroad)));

        Company read = companies.get(created.id());
        assertEquals(List.of(office), read.addresses());
        assertEquals(List.of(account, abroad), read.bankAccounts());
    }

    @Test
    void bankAccountWithoutNumberOrTooLongIsRefused() {
        BankAccount good = new BankAccount("40702810938000000001", "044525225", null, null);

        assertInvalid("bankAccounts[0].number", () -> companies.create(withRequisites("Romashka", List.of(),
                List.of(new BankAccount(null, "044525225", "ПАО Сбербанк", null)))));
        assertInvalid("bankAccounts[1].number", () -> companies.create(withRequisites("Romashka", List.of(),
                List.of(good, new BankAccount("4".repeat(35), null, null, null)))));
        assertInvalid("bankAccounts[0].bik", () -> companies.create(withRequisites("Romashka", List.of(),
                List.of(new BankAccount("40702810938000000001", "0445252250000", null, null)))));
    }

    private static Company withRequisites(String name, List<Address> addresses, List<BankAccount> accounts) {
        return new Company(null, null, name, null, null, null, addresses, accounts, List.of(), List.of(), null, null,
                null, null, null, null, null, null);
    }

    @Test
    void invalidUpdateChangesNothing() {
        Contact created = contacts.create(named("Ivanova"));

        assertInvalid("emails[0]", () -> contacts.update(created.id(), 1, created.withEmails(List.of("nope"))));
        assertInvalid("companyId", () -> contacts.update(created.id(), 1, created.withCompanyId("nope")));

        assertEquals(created, contacts.get(created.id()));
    }

    // ---------------------------------------------------------------- contacts: lists

    @Test
    void pagesAreDisjointAndTotalIsRight() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(contacts.create(named("Contact" + i)).id());
        }

        Page<Contact> first = contacts.list(mine().page(0, 3));
        Page<Contact> second = contacts.list(mine().page(3, 3));
        Page<Contact> third = contacts.list(mine().page(6, 3));
        Page<Contact> beyond = contacts.list(mine().page(9, 3));

        assertEquals(List.of(3, 3, 1, 0), List.of(first.items().size(), second.items().size(), third.items().size(),
                beyond.items().size()));
        for (Page<Contact> page : List.of(first, second, third, beyond)) {
            assertEquals(7, page.total());
        }
        List<String> all = new ArrayList<>();
        all.addAll(ids(first));
        all.addAll(ids(second));
        all.addAll(ids(third));
        assertEquals(7, new HashSet<>(all).size(), "pages must not overlap: " + all);
        assertEquals(new HashSet<>(created), new HashSet<>(all));
        assertEquals(7, contacts.list(mine().page(0, 7)).total());
        assertEquals(7, contacts.list(mine().page(0, 50)).total());
    }

    @Test
    void sortsAscendingAndDescending() {
        for (String last : List.of("Borisova", "Abramova", "Dmitrieva", "Chekhova")) {
            contacts.create(named(last));
        }

        Function<Boolean, List<String>> sorted = descending -> contacts.list(
                new Query(0, 50, "lastName", descending, Map.of("ownerId", user), null, false))
                .items().stream().map(Contact::lastName).toList();

        assertEquals(List.of("Abramova", "Borisova", "Chekhova", "Dmitrieva"), sorted.apply(false));
        assertEquals(List.of("Dmitrieva", "Chekhova", "Borisova", "Abramova"), sorted.apply(true));
    }

    @Test
    void sortedPagesAreDisjoint() {
        for (int i = 0; i < 5; i++) {
            contacts.create(named("Same")); // equal sort keys: the id breaks the tie
        }
        Query byName = new Query(0, 2, "lastName", false, Map.of("ownerId", user), null, false);

        List<String> all = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            all.addAll(ids(contacts.list(byName.page(offset, 2))));
        }
        assertEquals(5, all.size());
        assertEquals(5, new HashSet<>(all).size(), all.toString());
    }

    @Test
    void filtersByExactValue() {
        Company company = companies.create(Company.of("Romashka"));
        Contact ivanova = contacts.create(named("Ivanova").withCompanyId(company.id()));
        contacts.create(named("Ivanov"));
        contacts.create(named("Petrova"));

        assertEquals(List.of(ivanova.id()), ids(contacts.list(mine().where("lastName", "Ivanova"))));
        assertEquals(List.of(ivanova.id()), ids(contacts.list(mine().where("companyId", company.id()))));
        assertEquals(List.of(), ids(contacts.list(mine().where("lastName", "ivanova"))));
        assertEquals(3, contacts.list(mine()).total());
        assertEquals(0, contacts.list(Query.firstPage().where("ownerId", "nobody")).total());
    }

    @Test
    void unknownFilterAndSortAreRefusedNamingThem() {
        ProblemException filter = assertThrows(ProblemException.class,
                () -> contacts.list(mine().where("nickname", "x")));
        assertEquals(ProblemType.INVALID_FIELD, filter.type());
        assertEquals("nickname", filter.field());

        ProblemException json = assertThrows(ProblemException.class, () -> contacts.list(mine().where("emails", "x")));
        assertEquals("emails", json.field());

        ProblemException sort = assertThrows(ProblemException.class,
                () -> contacts.list(new Query(0, 50, "nickname", false, Map.of(), null, false)));
        assertEquals(ProblemType.INVALID_FIELD, sort.type());
        assertEquals("sort", sort.field());
    }

    @Test
    void searchesByPrefixOfFirstNameCaseInsensitively() {
        Contact anna = contacts.create(contact("Anna", "Ivanova", List.of(), List.of()));
        contacts.create(contact("Hanna", "Petrova", List.of(), List.of()));
        contacts.create(contact("Boris", "Sidorov", List.of(), List.of()));

        assertEquals(Set.of(anna.id()), searchIds("ANN"));
        assertEquals(Set.of(anna.id()), searchIds("anN"));
        assertEquals(Set.of(anna.id()), searchIds("Anna"));
        assertEquals(Set.of(), searchIds("Annaa"));
        assertEquals(Set.of(byLastName("Petrova")), searchIds("HAN"));
    }

    @Test
    void searchesByPrefixOfLastName() {
        Contact smith = contacts.create(contact("John", "Smith", List.of(), List.of()));
        contacts.create(contact("Jane", "Blacksmith", List.of(), List.of()));

        assertEquals(Set.of(smith.id()), searchIds("smi"));
        assertEquals(Set.of(smith.id()), searchIds("  SMITH "));
    }

    @Test
    void searchesCyrillicNamesCaseInsensitively() {
        Contact ivan = contacts.create(contact("Иван", "Петров", List.of(), List.of()));

        assertEquals(Set.of(ivan.id()), searchIds("ИВА"));
        assertEquals(Set.of(ivan.id()), searchIds("пет"));
    }

    @Test
    void searchesByPrefixOfEmail() {
        Contact ivan = contacts.create(contact("Ivan", "Petrov", List.of("Ivan.Petrov@Example.com", "ip@mail.ru"),
                List.of()));
        contacts.create(contact("Ivan", "Sidorov", List.of("sidorov@example.com"), List.of()));

        assertEquals(Set.of(ivan.id()), searchIds("ivan.petrov@ex"));
        assertEquals(Set.of(ivan.id()), searchIds("IP@MAIL"));
    }

    @Test
    void searchesByPhoneDigitsWhateverTheFormatting() {
        Contact moscow = contacts.create(contact("Ivan", "Petrov", List.of(), List.of("+7 (495) 123-45-67")));
        contacts.create(contact("Oleg", "Sidorov", List.of(), List.of("8 (812) 765-43-21")));

        assertEquals(Set.of(moscow.id()), searchIds("7495123"));
        assertEquals(Set.of(moscow.id()), searchIds("+7 (495) 12"));
        assertEquals(Set.of(moscow.id()), searchIds("495-123"));
        assertEquals(Set.of(byLastName("Sidorov")), searchIds("812 765"));
    }

    @Test
    void searchesSeveralWordsInAnyOrderAcrossFields() {
        Contact anna = contacts.create(contact("Анна", "Петрова", List.of("anna@example.com"), List.of()));
        contacts.create(contact("Анна", "Сидорова", List.of(), List.of()));
        contacts.create(contact("Мария", "Петрова", List.of(), List.of()));

        assertEquals(Set.of(anna.id()), searchIds("Анна Петрова"));
        assertEquals(Set.of(anna.id()), searchIds("петрова анна"));
        assertEquals(Set.of(anna.id()), searchIds("  пет   ан "));
        assertEquals(Set.of(anna.id()), searchIds("Петрова, Анна"), "the punctuation around words is no part of them");
        assertEquals(Set.of(anna.id()), searchIds("анна anna@ex"));
        assertEquals(Set.of(), searchIds("Анна Иванова"), "every word must match");
        assertEquals(Set.of(anna.id()), searchIds("Анна Анна Петрова"));
    }

    @Test
    void searchesSeveralWordsInCreationOrderAndSortedAlike() {
        Company romashka = companies.create(Company.of("ООО «Ромашка»"));
        Company vasilek = companies.create(Company.of("ООО «Василёк»"));
        companies.create(Company.of("АО «Ромашка-Трейд»"));

        // in creation order (a one-word search there is answered from the search index) and sorted by name
        for (String sort : java.util.Arrays.asList(null, "name")) {
            Page<Company> found = companies.list(new Query(0, 50, sort, false, Map.of(), "ооо ромашка", false));
            assertEquals(List.of(romashka.id()), found.items().stream().map(Company::id).toList(), "sort " + sort);
            assertEquals(1, found.total());
            Page<Company> both = companies.list(new Query(0, 50, sort, false, Map.of(), "ООО", false));
            assertEquals(Set.of(romashka.id(), vasilek.id()),
                    both.items().stream().map(Company::id).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void searchFollowsUpdatesAndDeletes() {
        Contact created = contacts.create(contact("Anna", "Ivanova", List.of(), List.of()));
        contacts.update(created.id(), 1, withNames(created, "Maria", "Ivanova"));

        assertEquals(Set.of(), searchIds("anna"));
        assertEquals(Set.of(created.id()), searchIds("mari"));

        contacts.delete(created.id(), null);
        assertEquals(Set.of(), searchIds("mari"));
        assertEquals(Set.of(created.id()), new HashSet<>(ids(contacts.list(
                new Query(0, 50, null, false, Map.of("ownerId", user), "mari", true)))));
    }

    private Set<String> searchIds(String search) {
        Page<Contact> page = contacts.list(new Query(0, 50, null, false, Map.of("ownerId", user), search, false));
        assertEquals(page.items().size(), page.total());
        return new HashSet<>(ids(page));
    }

    private String byLastName(String lastName) {
        return contacts.list(mine().where("lastName", lastName)).items().get(0).id();
    }

    private static List<String> ids(Page<Contact> page) {
        return page.items().stream().map(Contact::id).toList();
    }

    // ---------------------------------------------------------------- many at once

    /** Live contacts as the record count tells them (a page smaller than the total reads the count). */
    private long countedContacts() {
        return contacts.list(Query.firstPage().page(0, 1)).total();
    }

    private Page<Contact> found(String term) {
        return contacts.list(new Query(0, 50, null, false, Map.of("ownerId", user), term, false));
    }

    @Test
    void createAllStoresWhatSingleCreatesStore() {
        Company company = companies.create(Company.of("Bulk supplier"));
        List<Contact> sent = List.of(
                contact("Olga", "Bulkova", List.of("olga@example.com"), List.of("+7 916 000-00-01")),
                contact("Petr", "Bulkin", List.of(), List.of()).withCompanyId(company.id()),
                contact("Vera", "Bulkanova", List.of("vera@example.com"), List.of()));
        Contact single = contacts.create(sent.get(0));
        db.events.clear();
        long countedBefore = countedContacts();
        long rowsBefore = db.count("core.contact");
        Instant before = Instant.now().minusSeconds(1);

        List<Contact> created = contacts.createAll(sent);

        assertEquals(3, created.size());
        assertEquals(3, created.stream().map(Contact::id).distinct().count(), "each gets its own id");
        for (int i = 0; i < created.size(); i++) {
            Contact c = created.get(i);
            assertEquals(sent.get(i).lastName(), c.lastName(), "in the order sent");
            assertEquals(1L, c.version());
            assertEquals(user, c.ownerId(), "the owner defaults to the creator");
            assertEquals(user, c.createdBy());
            assertEquals(user, c.updatedBy());
            assertTrue(c.createdAt().isAfter(before), c.createdAt().toString());
            assertNull(c.deletedAt());
            assertEquals(c, contacts.get(c.id()), "what is stored is what createAll returned");
            List<AuditEntry> entries = auditOf("contact", c.id());
            assertEquals(1, entries.size());
            assertEquals("CREATED", entries.get(0).action());
            assertEquals(user, entries.get(0).actor());
        }
        assertEquals(company.id(), created.get(1).companyId());
        Map<String, FieldChange> singleChanges = new java.util.HashMap<>(auditOf("contact", single.id()).get(0).changes());
        Map<String, FieldChange> bulkChanges = new java.util.HashMap<>(auditOf("contact", created.get(0).id()).get(0)
                .changes());
        assertEquals(new FieldChange(null, created.get(0).id()), bulkChanges.remove("id"));
        singleChanges.remove("id");
        assertEquals(singleChanges, bulkChanges, "the same audit as a single create");
        assertEquals(3, db.count("core.contact") - rowsBefore);
        assertEquals(3, countedContacts() - countedBefore, "the record count follows");
        assertEquals(Set.of(single.id(), created.get(0).id()), Set.copyOf(ids(found("Bulkova"))));
        assertEquals(List.of(created.get(1).id()), ids(found("Bulkin")));
        assertEquals(Set.of(created.get(0).id(), created.get(1).id(), created.get(2).id(), single.id()),
                Set.copyOf(ids(found("Bulk"))), "every name is searchable");
        assertEquals(List.of(topic("contact", "CREATED"), topic("contact", "CREATED"), topic("contact", "CREATED")),
                db.events);
    }

    @Test
    void createAllRunsEachRecordsRulesAndAnnouncesLikeSingleCreates() {
        Deal single = deals.create(Deal.of("Bulk pumps").withLines(List.of(line("2", "100.50", null))));
        List<String> singleEvents = List.copyOf(db.events);
        db.events.clear();

        List<Deal> created = deals.createAll(List.of(Deal.of("Bulk pumps").withLines(List.of(line("2", "100.50", null))),
                Deal.of("Bulk valves")));

        assertEquals(single.amount(), created.get(0).amount(), "the amount comes from the lines");
        assertEquals(single.stageId(), created.get(0).stageId());
        assertEquals(single.pipelineId(), created.get(1).pipelineId());
        assertNull(created.get(1).amount());
        assertEquals(created.get(0), deals.get(created.get(0).id()));
        List<String> twice = new ArrayList<>(singleEvents);
        twice.addAll(singleEvents);
        assertEquals(twice, db.events, "each record announced as a single create is");
    }

    @Test
    void createAllInsideASurroundingTransactionAnnouncesAfterItsCommit() {
        core.inTransaction(connection -> {
            contacts.createAll(List.of(named("BulkBatched"), named("BulkBatched")));
            assertEquals(List.of(), db.events, "nothing is announced before the commit");
            return null;
        });
        assertEquals(List.of(topic("contact", "CREATED"), topic("contact", "CREATED")), db.events);
        assertEquals(2, contacts.list(mine().where("lastName", "BulkBatched")).total());
    }

    @Test
    void createAllOfNothingWritesNothing() {
        Snapshot before = snapshot();
        assertEquals(List.of(), contacts.createAll(List.of()));
        assertEquals(before, snapshot());
    }

    @Test
    void oneInvalidRecordRefusesAllAndIsNamedByItsIndex() {
        ProblemException missing = assertRefusedWritingNothing(ProblemType.INVALID_FIELD, "[2].lastName",
                () -> contacts.createAll(List.of(named("Fine"), named("Fine too"), contact("Anna", " ", List.of(),
                        List.of()), named("Never checked"))));
        assertTrue(missing.getMessage().contains("2"), missing.getMessage());
        assertInvalid("[1].emails[0]", () -> contacts.createAll(List.of(named("Fine"),
                contact("Anna", "Bad", List.of("not an address"), List.of()))));
        assertInvalid("[1].companyId", () -> contacts.createAll(List.of(named("Fine"),
                named("Unknown company").withCompanyId("no-such-company"))));
        assertInvalid("[0].lines[0].productId", () -> deals.createAll(List.of(Deal.of("Pumps").withLines(List.of(
                new DealLine("no-such-product", null, BigDecimal.ONE, BigDecimal.TEN, null))))));
        assertInvalid("[1]", () -> contacts.createAll(java.util.Arrays.asList(named("Fine"), null)));
    }

    @Test
    void managersMayNotCreateProductsInBulk() {
        long before = db.count("core.product");
        ProblemException e = assertThrows(ProblemException.class, () -> guardedProducts.createAll(List.of(
                Product.of("Bulk pump", "pcs", BigDecimal.TEN, "RUB"), Product.of("Bulk valve", "pcs", BigDecimal.ONE,
                        "RUB"))));
        assertEquals(ProblemType.FORBIDDEN, e.type(), e.getMessage());
        assertEquals(before, db.count("core.product"));
        assertEquals(List.of(), db.events);
    }

    // ---------------------------------------------------------------- audit

    @Test
    void everyChangeHasExactlyOneAuditEntryWithOldAndNewValues() {
        Contact created = contacts.create(contact("Anna", "Ivanova", List.of("anna@example.com"), List.of()));
        assertEquals(1, auditOf("contact", created.id()).size());
        AuditEntry creation = auditOf("contact", created.id()).get(0);
        assertEquals("CREATED", creation.action());
        assertEquals(user, creation.actor());
        assertEquals("contact", creation.entity());
        assertEquals(created.id(), creation.entityId());
        assertEquals(new FieldChange(null, "Anna"), creation.changes().get("firstName"));
        assertEquals(new FieldChange(null, "Ivanova"), creation.changes().get("lastName"));
        assertEquals(new FieldChange(null, List.of("anna@example.com")), creation.changes().get("emails"));
        assertFalse(creation.changes().containsKey("version"), creation.changes().toString());
        assertFalse(creation.changes().containsKey("middleName"), "unset fields are left out");
        assertTrue(Duration.between(creation.at(), Instant.now()).abs().getSeconds() < 60, creation.at().toString());

        Contact updated = contacts.update(created.id(), 1,
                withNames(created, "Maria", "Ivanova").withEmails(List.of("maria@example.com")));
        List<AuditEntry> afterUpdate = auditOf("contact", created.id());
        assertEquals(2, afterUpdate.size());
        AuditEntry change = afterUpdate.get(0); // newest first
        assertEquals("UPDATED", change.action());
        assertEquals(Map.of("firstName", new FieldChange("Anna", "Maria"),
                "emails", new FieldChange(List.of("anna@example.com"), List.of("maria@example.com"))), change.changes());

        contacts.delete(created.id(), updated.version());
        List<AuditEntry> afterDelete = auditOf("contact", created.id());
        assertEquals(3, afterDelete.size());
        assertEquals("DELETED", afterDelete.get(0).action());
        FieldChange deletedAt = afterDelete.get(0).changes().get("deletedAt");
        assertNull(deletedAt.oldValue());
        assertNotNull(deletedAt.newValue());
        assertEquals(Set.of("deletedAt"), afterDelete.get(0).changes().keySet());

        contacts.restore(created.id());
        List<AuditEntry> afterRestore = auditOf("contact", created.id());
        assertEquals(4, afterRestore.size());
        assertEquals("RESTORED", afterRestore.get(0).action());
        assertEquals(new FieldChange(deletedAt.newValue(), null), afterRestore.get(0).changes().get("deletedAt"));
        assertEquals(List.of("RESTORED", "DELETED", "UPDATED", "CREATED"),
                afterRestore.stream().map(AuditEntry::action).toList());
    }

    @Test
    void auditIsFilteredByRecord() {
        Contact one = contacts.create(named("One"));
        Contact two = contacts.create(named("Two"));
        contacts.update(two.id(), 1, two.withPosition("Buyer"));

        assertEquals(1, audit.list("contact", one.id(), 0, 10).total());
        assertEquals(2, audit.list("contact", two.id(), 0, 10).total());
        assertEquals(0, audit.list("company", two.id(), 0, 10).total());
    }

    // ---------------------------------------------------------------- deals

    @Test
    void defaultPipelineIsMigrated() {
        Pipeline sales = pipelines.get(SALES);
        assertEquals("Sales", sales.name());
        assertEquals(List.of("lead", "qualified", "proposal", "negotiation", "won", "lost"),
                sales.stages().stream().map(Stage::id).toList());
    }

    @Test
    void dealDefaultsAreCompleted() {
        Deal deal = deals.create(Deal.of("Pumps"));

        assertEquals(SALES, deal.pipelineId());
        assertEquals("lead", deal.stageId());
        assertEquals(10, deal.probability());
        assertEquals("RUB", deal.currency());
        assertNull(deal.amount(), "no lines, no amount");
        assertEquals(user, deal.ownerId());
        assertEquals(deal, deals.get(deal.id()));
        assertEquals(List.of(topic("deal", "CREATED")), db.events);
    }

    @Test
    void dealStageSetsTheProbabilityUnlessGiven() {
        Deal proposal = deals.create(Deal.of("Pumps").withStage("proposal"));
        assertEquals(50, proposal.probability());

        Deal given = deals.create(new Deal(null, null, "Valves", null, null, null, "EUR", SALES, "proposal", 65,
                null, List.of(), null, null, null, null, null, null, null));
        assertEquals(65, given.probability());
        assertEquals("EUR", given.currency());
    }

    @Test
    void dealAmountIsComputedFromTheLines() {
        Deal deal = deals.create(Deal.of("Pumps").withLines(List.of(
                line("2", "100.50", null),      // 201.00
                line("3", "19.99", "10"))));    // 53.973

        assertEquals(0, new BigDecimal("254.973").compareTo(deal.amount()), deal.amount().toPlainString());
        assertEquals(0, new BigDecimal("254.973").compareTo(deals.get(deal.id()).amount()));
        assertEquals(2, deals.get(deal.id()).lines().size());
    }

    @Test
    void dealAmountFromLinesIsStoredAsReturned() {
        // 1.5 × 10.25 × (100 − 12.5) % = 13.453125: more decimals than an amount keeps.
        Deal deal = deals.create(Deal.of("Pumps").withLines(List.of(line("1.5", "10.25", "12.5"))));

        assertEquals(new BigDecimal("13.4531"), deal.amount());
        assertEquals(deal, deals.get(deal.id()));
    }

    @Test
    void dealAmountGivenWinsOverTheLines() {
        Deal deal = deals.create(Deal.of("Pumps").withAmount(new BigDecimal("250"), "RUB")
                .withLines(List.of(line("2", "100.50", null))));

        assertEquals(0, new BigDecimal("250").compareTo(deals.get(deal.id()).amount()));
    }

    @Test
    void invalidDealLineIsRefusedNamingItsPath() {
        assertInvalid("lines[1].discount", () -> deals.create(Deal.of("Pumps").withLines(List.of(
                line("1", "10", null), line("1", "10", "150")))));
        assertInvalid("lines[0].quantity", () -> deals.create(Deal.of("Pumps").withLines(List.of(
                new DealLine(null, null, null, BigDecimal.TEN, null)))));
        assertInvalid("lines[0].productId", () -> deals.create(Deal.of("Pumps").withLines(List.of(
                new DealLine("no-such-product", null, BigDecimal.ONE, BigDecimal.TEN, null)))));
    }

    @Test
    void unknownStageIsRefusedNamingStageId() {
        assertInvalid("stageId", () -> deals.create(Deal.of("Pumps").withStage("signed")));

        Deal deal = deals.create(Deal.of("Pumps"));
        assertInvalid("stageId", () -> deals.update(deal.id(), 1, deal.withStage("signed")));
        assertEquals(deal, deals.get(deal.id()));
    }

    @Test
    void unknownReferencesOfADealAreRefused() {
        Deal draft = Deal.of("Pumps");
        assertInvalid("pipelineId", () -> deals.create(new Deal(null, null, "Pumps", null, null, null, null,
                "no-such-pipeline", null, null, null, List.of(), null, null, null, null, null, null, null)));
        assertInvalid("companyId", () -> deals.create(draft.withClient("no-such-company", null)));
        assertInvalid("contactId", () -> deals.create(draft.withClient(null, "no-such-contact")));
    }

    @Test
    void stageOfAnotherPipelineIsRefused() {
        Pipeline rental = pipelines.create(new Pipeline(null, null, "Rental", List.of(
                new Stage("new", "New", StageKind.OPEN, 20), new Stage("signed", "Signed", StageKind.WON, 100)),
                null, null, null, null, null, null));

        assertInvalid("stageId", () -> deals.create(new Deal(null, null, "Crane", null, null, null, null,
                rental.id(), "lead", null, null, List.of(), null, null, null, null, null, null, null)));

        Deal crane = deals.create(new Deal(null, null, "Crane", null, null, null, null, rental.id(), null, null,
                null, List.of(), null, null, null, null, null, null, null));
        assertEquals("new", crane.stageId());
        assertEquals(20, crane.probability());
    }

    @Test
    void movingToWonPostsStageChangedAndWon() {
        Deal deal = deals.create(Deal.of("Pumps"));
        Deal qualified = deals.update(deal.id(), 1, deal.withStage("qualified"));
        assertEquals(30, qualified.probability(), "a new stage brings its probability");
        db.events.clear();

        Deal won = deals.update(deal.id(), 2, qualified.withStage("won"));

        assertEquals("won", won.stageId());
        assertEquals(100, won.probability());
        assertEquals(3L, won.version());
        assertEquals(List.of(topic("deal", "UPDATED"), CrmTopics.DEAL_STAGE_CHANGED, CrmTopics.DEAL_WON), db.events);
        assertEquals(new FieldChange("qualified", "won"), auditOf("deal", deal.id()).get(0).changes().get("stageId"));
    }

    @Test
    void probabilitySetWithANewStageIsKept() {
        Deal deal = deals.create(Deal.of("Pumps"));
        Deal moved = new Deal(deal.id(), deal.version(), deal.title(), null, null, null, null, deal.pipelineId(),
                "proposal", 65, null, List.of(), null, null, null, null, null, null, null);

        assertEquals(65, deals.update(deal.id(), 1, moved).probability());
        assertEquals(65, deals.update(deal.id(), 2, deals.get(deal.id())).probability(), "same stage, same value");
    }

    @Test
    void movingToLostPostsStageChangedAndLost() {
        Deal deal = deals.create(Deal.of("Pumps"));
        db.events.clear();

        deals.update(deal.id(), 1, deal.withStage("lost"));

        assertEquals(List.of(topic("deal", "UPDATED"), CrmTopics.DEAL_STAGE_CHANGED, CrmTopics.DEAL_LOST), db.events);
        assertEquals(0, deals.get(deal.id()).probability());
    }

    @Test
    void dealCreatedAsWonPostsWonOnly() {
        deals.create(Deal.of("Pumps").withStage("won"));

        assertEquals(List.of(topic("deal", "CREATED"), CrmTopics.DEAL_WON), db.events);
    }

    @Test
    void updateInTheSameStagePostsNoStageEvents() {
        Deal deal = deals.create(Deal.of("Pumps"));
        db.events.clear();

        Deal updated = deals.update(deal.id(), 1, deal.withAmount(new BigDecimal("1000"), "RUB"));

        assertEquals(List.of(topic("deal", "UPDATED")), db.events);
        assertEquals(10, updated.probability());
    }

    @Test
    void identicalDealUpdateKeepsTheVersionAndWritesNoAudit() {
        Deal deal = deals.create(Deal.of("Pumps").withLines(List.of(line("2", "100.50", "5"))).withStage("proposal"));
        Deal stored = deals.get(deal.id());
        db.events.clear();
        long auditBefore = db.count("platform.audit_entry");

        Deal again = deals.update(deal.id(), 1, stored);

        assertEquals(1L, again.version());
        assertEquals(stored, deals.get(deal.id()));
        assertEquals(auditBefore, db.count("platform.audit_entry"));
        assertEquals(1, auditOf("deal", deal.id()).size());
        assertEquals(List.of(), db.events);
    }

    @Test
    void deletingAWonDealPostsDeletedOnly() {
        Deal deal = deals.create(Deal.of("Pumps").withStage("won"));
        db.events.clear();

        deals.delete(deal.id(), 1L);
        deals.restore(deal.id());

        assertEquals(List.of(topic("deal", "DELETED"), topic("deal", "RESTORED")), db.events);
    }
}
