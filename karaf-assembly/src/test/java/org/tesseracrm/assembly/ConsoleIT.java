package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * The web console in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}, nothing
 * downloaded) against the real distribution with demo data: log in; every page of the menu; a company with
 * a bad value and then a good one; a contact; a deal dragged to another stage with pointer events and the
 * dashboard following; a conflicting edit reported; Russian; an ended session bringing the user back to
 * where they were; a plugin installed over REST appearing in the menu at the next navigation; log out.
 * Expected values come from the server's REST answers, never from the console's own code. Every page is
 * saved as a screenshot under {@code target/console-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SESSION_COOKIE = "TESSERA_SESSION";

    private static TesseraDistribution tessera;
    private static ChromeDriverService service;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Path screenshots;
    private static String console;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    /** The sales director who uses the console; the REST calls of the test stay with the administrator. */
    private static final String USER = "anna.sokolova";
    private static String password;
    private static final String COMPANY = "Aurora Logistics " + RUN;
    private static String companyId;
    private static String dealId;
    private static String dealTitle;
    private static String targetStage;
    private static Map<String, Long> funnelBeforeDrag;

    @BeforeAll
    static void boot() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "ConsoleIT needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        screenshots = Path.of(System.getProperty("tessera.screenshots", "target/console-screenshots"));
        Files.createDirectories(screenshots);
        tessera = TesseraDistribution.unpack("console").javaOption("-Dtessera.demo=true").start();
        awaitDemoData();
        console = "http://127.0.0.1:" + tessera.port() + "/console";

        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(tessera.home().resolve("data/log/chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1366,768", "--lang=en-US");
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterAll
    static void shutDown() {
        try {
            if (driver != null) {
                driver.quit();
            }
            if (service != null) {
                service.stop();
            }
        } finally {
            if (tessera != null) {
                tessera.close();
            }
        }
    }

    @Test
    @Order(1)
    void aNewUserSignsInChangesTheGeneratedPasswordAndSeesTheDashboard() {
        ApiResponse created = tessera.post("/users", Map.of("username", USER, "displayName", "Anna Sokolova",
                "roles", List.of("administrator")));
        assertEquals(201, created.status(), created::toString);
        String generated = created.string("generatedPassword");
        // her day: a call she is late with and a task from yesterday
        for (Map<String, Object> activity : List.of(
                Map.<String, Object>of("type", "CALL", "subject", "Call Aurora about the racks",
                        "dueAt", java.time.Instant.now().minus(Duration.ofHours(2)).toString()),
                Map.<String, Object>of("type", "TASK", "subject", "Send the price list to Aurora",
                        "dueAt", java.time.Instant.now().minus(Duration.ofDays(1)).toString()))) {
            Map<String, Object> mine = new LinkedHashMap<>(activity);
            mine.put("ownerId", USER);
            mine.put("done", false);
            ApiResponse planned = tessera.post("/activities", mine);
            assertEquals(201, planned.status(), planned::toString);
        }

        driver.get(console + "/");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        shot("01-login");
        form.findElement(By.name("username")).sendKeys(USER);
        form.findElement(By.name("password")).sendKeys("not-" + generated, Keys.ENTER);
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login-form .t-form-error")));
        assertFalse(error.getText().isBlank(), "a refused login says so");
        assertTrue(driver.findElements(By.id("menu")).isEmpty(), "no app after a wrong password");

        WebElement secret = form.findElement(By.name("password"));
        secret.clear();
        secret.sendKeys(generated, Keys.ENTER);
        WebElement change = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-form")));
        shot("02-change-password");
        password = "Spring river " + RUN;
        change.findElement(By.name("currentPassword")).sendKeys(generated);
        change.findElement(By.name("newPassword")).sendKeys(password);
        change.findElement(By.name("repeat")).sendKeys(password, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("menu")));
        awaitPage("core.dashboard");
        assertTrue(driver.getCurrentUrl().endsWith("/console/dashboard"), driver.getCurrentUrl());
        assertEquals(200, tessera.request("GET", "/platform").as(USER, password).send().status(),
                "the new password is the user's password now");
        Cookie cookie = driver.manage().getCookieNamed(SESSION_COOKIE);
        assertNotNull(cookie, "the session cookie");
        assertTrue(cookie.isHttpOnly(), "the session cookie is HttpOnly");
        assertEquals(USER, driver.findElement(By.cssSelector("[data-test=username]")).getText());
    }

    @Test
    @Order(2)
    void everyPageOfTheMenuShowsRealData() {
        // the demo data has no price list: a sales manager's price list of five products
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> product : tessera.get("/products?limit=5&sort=name").items()) {
            if (product.get("price") != null) {
                items.add(Map.of("productId", product.get("id"), "price", product.get("price")));
            }
        }
        ApiResponse priceList = tessera.post("/price-lists", Map.of("name", "Wholesale 2027", "currency", "RUB", "items", items));
        assertEquals(201, priceList.status(), priceList::toString);

        List<Map<String, Object>> pages = pages("en");
        assertEquals(titles(pages), menuTitles(), "the menu is the server's list of pages");
        int index = 3;
        for (Map<String, Object> page : pages) {
            String id = (String) page.get("id");
            openFromMenu(id);
            if (!id.equals("core.pipelines") && !id.equals("core.users")) {
                // the page draws asynchronously (and the page opened again replaces its host): wait for the records
                By records = By.cssSelector(".t-page-host .t-table tbody tr td:not(.t-empty), "
                        + ".t-page-host .t-deal, .t-page-host [data-stat], .t-page-host table.t-simple tbody tr");
                try {
                    wait.until(d -> !d.findElements(records).isEmpty());
                } catch (org.openqa.selenium.TimeoutException e) {
                    fail(id + " shows no records within " + WAIT.toSeconds() + " s");
                }
            }
            shot(String.format("%02d-%s", index++, id.replace("core.", "")));
        }
        // a tablet: the board and the dashboard still read well at 1024×768
        driver.manage().window().setSize(new Dimension(1024, 768));
        openFromMenu("core.pipeline");
        shot("20-pipeline-tablet");
        openFromMenu("core.dashboard");
        shot("21-dashboard-tablet");
        driver.manage().window().setSize(new Dimension(1366, 768));
    }

    @Test
    @Order(3)
    void aBadValueShowsTheServersMessageNextToTheFieldThenTheCompanyIsCreated() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("name", COMPANY);
        bad.put("inn", "12345");
        ApiResponse refused = tessera.post("/companies", bad);
        assertEquals(400, refused.status(), refused::toString);
        String serverMessage = refused.string("detail");
        String field = refused.string("field");
        assertEquals("inn", field, refused::toString);

        openFromMenu("core.companies");
        driver.findElement(By.cssSelector("[data-test=new]")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".t-form")));
        form.findElement(By.name("name")).sendKeys(COMPANY);
        form.findElement(By.name("inn")).sendKeys("12345", Keys.ENTER);
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-field=inn] .t-field-error")));
        // the server's own words, without the JSON path it starts with
        assertFalse(message.getText().isBlank());
        assertTrue(serverMessage.toLowerCase(java.util.Locale.ROOT).endsWith(message.getText().toLowerCase(java.util.Locale.ROOT)),
                message.getText() + " vs " + serverMessage);
        assertEquals("true", form.findElement(By.name("inn")).getAttribute("aria-invalid"));
        assertEquals(form.findElement(By.name("inn")), driver.switchTo().activeElement(), "the field at fault has focus");
        shot("30-company-bad-inn");
        assertEquals(0, tessera.get("/companies?name=" + enc(COMPANY)).total(), "nothing saved");

        WebElement inn = form.findElement(By.name("inn"));
        inn.clear();
        inn.sendKeys("7701234567", Keys.ENTER);
        wait.until(ExpectedConditions.urlMatches("/console/companies/[0-9a-f-]{36}$"));
        companyId = lastSegment(driver.getCurrentUrl());
        Map<String, Object> company = tessera.get("/companies/" + companyId).map();
        assertEquals(COMPANY, company.get("name"));
        assertEquals("7701234567", company.get("inn"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".t-page-header h1"), COMPANY));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".t-history-list li")));
        shot("31-company");

        // an address and a bank account, as 1C brings them: shown on the card
        ApiResponse current = tessera.get("/companies/" + companyId);
        Map<String, Object> requisites = new LinkedHashMap<>(current.map());
        Map<String, Object> legal = Map.of("kind", "legal", "line", "ул. Ленина, 1", "city", "Москва",
                "postalCode", "101000", "country", "Россия");
        Map<String, Object> account = Map.of("number", "40702810938000000001", "bik", "044525225",
                "bankName", "ПАО Сбербанк", "correspondentAccount", "30101810400000000225");
        requisites.put("addresses", List.of(legal));
        requisites.put("bankAccounts", List.of(account));
        ApiResponse put = tessera.put("/companies/" + companyId, current.etag(), requisites);
        assertEquals(200, put.status(), put::toString);
        driver.get(console + "/companies/" + companyId);
        WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=bank-account]")));
        assertEquals("40702810938000000001, ПАО Сбербанк, BIK 044525225, corr. account 30101810400000000225",
                shown.getText());
        assertEquals("Legal: 101000, Россия, Москва, ул. Ленина, 1",
                driver.findElement(By.cssSelector("[data-test=address]")).getText());
        shot("31-company-requisites");

        // a second account added in the form: a BIK too long is refused at its own input, saving nothing
        driver.findElement(By.cssSelector("[data-test=edit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=add-bankAccounts]")))
                .click();
        List<WebElement> rows = driver.findElements(By.cssSelector("[data-test=bankAccounts-row]"));
        assertEquals(2, rows.size(), "the account 1C brought, and the new row");
        assertEquals("40702810938000000001", rows.get(0).findElement(By.name("bankAccounts.number")).getAttribute("value"));
        rows.get(1).findElement(By.name("bankAccounts.number")).sendKeys("40702810000000000002");
        WebElement bik = rows.get(1).findElement(By.name("bankAccounts.bik"));
        bik.sendKeys("0445252251234", Keys.ENTER);
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-field=bankAccounts] .t-field-error")));
        assertTrue(error.getText().contains("11"), error.getText());
        assertEquals("true", bik.getAttribute("aria-invalid"));
        assertEquals(bik, driver.switchTo().activeElement(), "the input at fault has focus");
        shot("31-company-bad-bik");
        assertEquals(List.of(account), tessera.get("/companies/" + companyId).map().get("bankAccounts"),
                "nothing saved");

        bik.clear();
        bik.sendKeys("044525225", Keys.ENTER);
        awaitRest("the second account saved", () -> ((List<?>) tessera.get("/companies/" + companyId).map()
                .get("bankAccounts")).size() == 2);
        Map<String, Object> saved = tessera.get("/companies/" + companyId).map();
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("number", "40702810000000000002");
        added.put("bik", "044525225");
        added.put("bankName", null);
        added.put("correspondentAccount", null);
        assertEquals(List.of(account, added), saved.get("bankAccounts"));
        assertEquals(List.of(legal), saved.get("addresses"), "the address keeps its country, which the form has no input for");
        // saved, the form goes back to the company's card, where the next test starts
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=new-contact]")));
    }

    @Test
    @Order(4)
    void aContactIsCreatedForTheCompany() {
        driver.findElement(By.cssSelector("[data-test=new-contact]")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".t-form")));
        assertEquals(companyId, new Select(form.findElement(By.name("companyId"))).getFirstSelectedOption()
                .getAttribute("value"), "the company is filled in");
        form.findElement(By.name("lastName")).sendKeys("Aaltonen " + RUN);
        form.findElement(By.name("firstName")).sendKeys("Mira");
        form.findElement(By.name("emails")).sendKeys("mira." + RUN + "@aurora.example, sales@aurora.example");
        form.findElement(By.name("phones")).sendKeys("+7 912 345-67-89");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("/console/contacts/[0-9a-f-]{36}$"));
        Map<String, Object> contact = tessera.get("/contacts/" + lastSegment(driver.getCurrentUrl())).map();
        assertEquals(companyId, contact.get("companyId"));
        assertEquals(List.of("mira." + RUN + "@aurora.example", "sales@aurora.example"), contact.get("emails"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".t-details"), COMPANY));
        shot("32-contact");
    }

    @Test
    @Order(5)
    void aNewDealDraggedToAnotherStageMovesAndTheDashboardFollows() {
        dealTitle = "Warehouse racks " + RUN;
        openFromMenu("core.deals");
        driver.findElement(By.cssSelector("[data-test=new]")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".t-form")));
        form.findElement(By.name("title")).sendKeys(dealTitle);
        form.findElement(By.name("amount")).sendKeys("125000");
        new Select(form.findElement(By.name("companyId"))).selectByVisibleText(COMPANY);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("/console/deal-list/[0-9a-f-]{36}$"));
        dealId = lastSegment(driver.getCurrentUrl());
        Map<String, Object> deal = tessera.get("/deals/" + dealId).map();
        assertEquals(0, new BigDecimal("125000").compareTo(new BigDecimal(String.valueOf(deal.get("amount")))));
        String fromStage = (String) deal.get("stageId");
        List<Map<String, Object>> stages = stages((String) deal.get("pipelineId"));
        assertEquals(stages.get(0).get("id"), fromStage, "a new deal starts in the first stage");
        targetStage = (String) stages.get(2).get("id");

        openFromMenu("core.dashboard");
        funnelBeforeDrag = funnelCounts();

        openFromMenu("core.pipeline");
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-stage='" + fromStage + "'] [data-deal='" + dealId + "']")));
        WebElement target = driver.findElement(By.cssSelector("[data-stage='" + targetStage + "']"));
        new Actions(driver).clickAndHold(card).moveByOffset(12, 4).moveToElement(target).pause(Duration.ofMillis(150))
                .release().perform();
        awaitRest("the deal in stage " + targetStage, () -> targetStage.equals(tessera.get("/deals/" + dealId).string("stageId")));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-stage='" + targetStage + "'] [data-deal='" + dealId + "']")));
        shot("40-pipeline-after-drag");

        openFromMenu("core.dashboard");
        Map<String, Long> after = funnelCounts();
        assertEquals(funnelBeforeDrag.get(fromStage) - 1, after.get(fromStage), "one deal left " + fromStage);
        assertEquals(funnelBeforeDrag.get(targetStage) + 1, after.get(targetStage), "one deal entered " + targetStage);
        Map<String, Object> dashboard = tessera.get("/dashboard").map();
        for (Object stage : (List<?>) dashboard.get("funnel")) {
            Map<?, ?> summary = (Map<?, ?>) stage;
            assertEquals(((Number) summary.get("count")).longValue(), after.get((String) summary.get("stageId")),
                    "the dashboard shows the server's count of " + summary.get("stageId"));
        }
        shot("41-dashboard-after-drag");
    }

    @Test
    @Order(6)
    void aConflictingEditIsShownAndNothingIsOverwritten() {
        driver.get(console + "/deal-list/" + dealId + "/edit");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".t-form")));
        ApiResponse current = tessera.get("/deals/" + dealId);
        Map<String, Object> theirs = new LinkedHashMap<>(current.map());
        theirs.put("amount", 131500);
        ApiResponse changed = tessera.put("/deals/" + dealId, current.etag(), theirs);
        assertEquals(200, changed.status(), changed::toString);

        WebElement title = form.findElement(By.name("title"));
        title.clear();
        title.sendKeys(dealTitle + " (mine)");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement conflict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog [data-test=conflict]")));
        WebElement amountRow = conflict.findElement(By.cssSelector("tr[data-field=amount]"));
        assertEquals(0, new BigDecimal(String.valueOf(changed.map().get("amount")))
                .compareTo(new BigDecimal(amountRow.findElements(By.tagName("td")).get(2).getText())), amountRow.getText());
        assertTrue(conflict.getText().contains(changed.string("updatedBy")), conflict.getText());
        shot("50-conflict");
        assertEquals(dealTitle, tessera.get("/deals/" + dealId).string("title"), "the other change was not overwritten");

        driver.findElement(By.cssSelector("dialog .t-button.primary")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog")));
        BigDecimal now = new BigDecimal(String.valueOf(changed.map().get("amount")));
        wait.withMessage("the form shows the current version").ignoring(StaleElementReferenceException.class).until(d -> {
            String value = d.findElement(By.cssSelector(".t-form [name=amount]")).getAttribute("value");
            return !value.isBlank() && now.compareTo(new BigDecimal(value)) == 0;
        });
    }

    @Test
    @Order(7)
    void russianIsChosenAndRemembered() {
        openFromMenu("core.dashboard");
        new Select(driver.findElement(By.cssSelector("header [data-test=language]"))).selectByValue("ru");
        wait.until(d -> "ru".equals(((JavascriptExecutor) d).executeScript("return document.documentElement.lang")));
        List<String> russian = titles(pages("ru"));
        assertNotEquals(titles(pages("en")), russian);
        wait.until(d -> russian.equals(menuTitles()));
        awaitPage("core.dashboard");
        shot("60-dashboard-ru");

        driver.navigate().refresh();
        awaitPage("core.dashboard");
        assertEquals(russian, menuTitles(), "the language survives a reload");
        openFromMenu("core.pipeline");
        shot("61-pipeline-ru");
        openFromMenu("core.contacts");
        shot("62-contacts-ru");
    }

    @Test
    @Order(8)
    void anEndedSessionSendsTheUserToLoginAndBackToWhereTheyWere() {
        openFromMenu("core.companies");
        driver.manage().deleteCookieNamed(SESSION_COOKIE);
        clickMenu("core.products");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        shot("70-session-ended");
        logIn();
        wait.until(ExpectedConditions.urlToBe(console + "/products"));
        awaitPage("core.products");
    }

    @Test
    @Order(9)
    void aPluginInstalledOnTheServerAppearsInTheMenuAtTheNextNavigation() {
        String pageId = "salon.appointments";
        assertTrue(driver.findElements(By.cssSelector("#menu [data-page='" + pageId + "']")).isEmpty());
        ApiResponse installed = tessera.post("/platform/features", Map.of("name", "tessera-sample-plugin"));
        assertEquals(200, installed.status(), installed::toString);
        awaitRest("the salon page listed", () -> pages("ru").stream().anyMatch(p -> pageId.equals(p.get("id"))));
        String title = pages("ru").stream().filter(p -> pageId.equals(p.get("id"))).findFirst().orElseThrow()
                .get("title").toString();
        // a booked appointment, so the plugin's page has something to show
        ApiResponse service = tessera.post("/salon/services", Map.of("name", "Haircut " + RUN, "durationMinutes", 45,
                "price", 1800, "currency", "RUB"));
        assertEquals(201, service.status(), service::toString);
        String contactId = (String) tessera.get("/contacts?limit=1").items().get(0).get("id");
        ApiResponse appointment = tessera.post("/salon/appointments", Map.of("serviceId", service.string("id"),
                "contactId", contactId, "startsAt", java.time.Instant.now().plus(Duration.ofDays(1)).toString()));
        assertEquals(201, appointment.status(), appointment::toString);

        clickMenu("core.contacts");
        awaitPage("core.contacts");
        WebElement entry = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#menu [data-page='" + pageId + "']")));
        assertEquals(title, entry.getText());
        entry.click();
        awaitPage(pageId);
        assertFalse(driver.findElements(By.cssSelector(".t-page-host .t-table")).isEmpty(), "the plugin page uses the kit's table");
        assertTrue(driver.findElement(By.cssSelector(".t-page-host .t-table tbody")).getText().contains("Haircut " + RUN));
        shot("80-plugin-page");

        ApiResponse removed = tessera.delete("/platform/features/tessera-sample-plugin", null);
        assertEquals(200, removed.status(), removed::toString);
        awaitRest("the salon page gone", () -> pages("ru").stream().noneMatch(p -> pageId.equals(p.get("id"))));
        clickMenu("core.dashboard");
        awaitPage("core.dashboard");
        assertTrue(driver.findElements(By.cssSelector("#menu [data-page='" + pageId + "']")).isEmpty(),
                "the entry leaves the menu at the next navigation");
    }

    @Test
    @Order(10)
    void aReceiptIsPostedAtOnceAndAShortShipmentIsRefusedAtTheFieldLeavingNothing() {
        installPlugin("tessera-warehouse", "warehouse.documents");
        awaitRest("the warehouse API", () -> tessera.get("/warehouse/warehouses").status() == 200);
        ApiResponse warehouse = tessera.post("/warehouse/warehouses", Map.of("name", "Dock " + RUN, "address", "1 Quay"));
        assertEquals(201, warehouse.status(), warehouse::toString);
        String warehouseId = warehouse.string("id");
        ApiResponse product = tessera.post("/products", Map.of("name", "Crate " + RUN, "unit", "pcs"));
        assertEquals(201, product.status(), product::toString);
        String productId = product.string("id");
        String stockQuery = "/warehouse/stock?productId=" + productId + "&warehouseId=" + warehouseId;

        clickMenu("core.dashboard");
        awaitPage("core.dashboard");
        openFromMenu("warehouse.documents");
        WebElement form = driver.findElement(By.cssSelector(".t-page-host .t-form"));
        new Select(form.findElement(By.name("kind"))).selectByValue("RECEIPT");
        new Select(form.findElement(By.name("warehouseId"))).selectByValue(warehouseId);
        new Select(form.findElement(By.name("productId"))).selectByValue(productId);
        form.findElement(By.name("quantity")).sendKeys("5");
        form.findElement(By.name("price")).sendKeys("120,5"); // a decimal comma, as Russian keyboards type it
        form.findElement(By.name("postNow")).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        awaitRest("the receipt posted", () -> tessera.get(stockQuery).items().size() == 1
                && new java.math.BigDecimal(String.valueOf(tessera.get(stockQuery).items().get(0).get("onHand")))
                        .compareTo(java.math.BigDecimal.valueOf(5)) == 0);
        List<Map<String, Object>> documents = tessera.get("/warehouse/documents?warehouseId=" + warehouseId).items();
        assertEquals(1, documents.size(), documents::toString);
        assertEquals("POSTED", documents.get(0).get("status"), "posted at once, no draft left");
        assertEquals(0, new java.math.BigDecimal("120.5").compareTo(new java.math.BigDecimal(
                String.valueOf(tessera.get(stockQuery).items().get(0).get("averageCost")))));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".t-page-host .t-card h3"),
                String.valueOf(documents.get(0).get("number"))));
        shot("84-warehouse-posted-at-once");

        form = driver.findElement(By.cssSelector(".t-page-host .t-form"));
        new Select(form.findElement(By.name("kind"))).selectByValue("SHIPMENT");
        new Select(form.findElement(By.name("warehouseId"))).selectByValue(warehouseId);
        new Select(form.findElement(By.name("productId"))).selectByValue(productId);
        WebElement quantity = form.findElement(By.name("quantity"));
        quantity.clear();
        quantity.sendKeys("50");
        form.findElement(By.name("price")).clear();
        if (!form.findElement(By.name("postNow")).isSelected()) {
            form.findElement(By.name("postNow")).click();
        }
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".t-page-host [data-field=productId] .t-field-error")));
        assertTrue(message.getText().contains("Crate " + RUN), message.getText());
        assertTrue(message.getText().contains("50"), "says what was asked for: " + message.getText());
        shot("85-warehouse-short-shipment");
        assertEquals(1, tessera.get("/warehouse/documents?warehouseId=" + warehouseId).total(),
                "the refused shipment left no draft");
        assertEquals(0, java.math.BigDecimal.valueOf(5).compareTo(new java.math.BigDecimal(
                String.valueOf(tessera.get(stockQuery).items().get(0).get("onHand")))));

        openFromMenu("warehouse.stock");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".t-page-host .t-table tbody"),
                "Crate " + RUN));
        shot("86-warehouse-stock");
        // a row of the stock list opens the product's history: the receipt's movement and the balance
        driver.findElement(By.cssSelector(".t-page-host .t-table tbody tr")).click();
        awaitPage("warehouse.history");
        WebElement movements = driver.findElement(By.cssSelector(".t-page-host .t-table tbody"));
        assertEquals(1, movements.findElements(By.tagName("tr")).size(), movements::getText);
        assertTrue(movements.getText().contains("Dock " + RUN), movements::getText);
        shot("87-warehouse-history");
        // below its minimum, the product shows on the low-stock page
        ApiResponse threshold = tessera.put("/warehouse/thresholds/" + productId, null, Map.of("minimum", 10));
        assertEquals(200, threshold.status(), threshold::toString);
        openFromMenu("warehouse.low-stock");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".t-page-host .t-table tbody"),
                "Crate " + RUN));
        shot("88-warehouse-low-stock");
        removePlugin("tessera-warehouse", "warehouse.documents");
    }

    @Test
    @Order(11)
    void theExchangePageOfThe1cPluginIsDrawn() {
        installPlugin("tessera-exchange1c", "exchange1c.exchange");
        clickMenu("core.dashboard");
        awaitPage("core.dashboard");
        openFromMenu("exchange1c.exchange");
        assertFalse(driver.findElements(By.cssSelector(".t-page-host .t-table")).isEmpty(), "sessions and conflicts");
        shot("89-exchange1c");
        removePlugin("tessera-exchange1c", "exchange1c.exchange");
    }

    @Test
    @Order(12)
    void administratorsSeeTheUsers() {
        ApiResponse users = tessera.get("/users");
        openFromMenu("core.users");
        shot("85-users");
        assumeTrue(users.status() == 200, "the users API has not landed on this server: " + users.status());
        List<String> names = new ArrayList<>();
        users.items().forEach(u -> names.add((String) u.get("username")));
        wait.until(d -> !d.findElements(By.cssSelector(".t-table tbody tr td")).isEmpty());
        String table = driver.findElement(By.cssSelector(".t-table tbody")).getText();
        names.forEach(name -> assertTrue(table.contains(name), name + " in " + table));
    }

    @Test
    @Order(13)
    void logOutEndsTheSession() {
        Cookie session = driver.manage().getCookieNamed(SESSION_COOKIE);
        assertNotNull(session);
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        shot("90-logged-out");
        ApiResponse after = tessera.request("GET", "/session").anonymous()
                .header("Cookie", SESSION_COOKIE + "=" + session.getValue()).send();
        assertEquals(401, after.status(), "the old cookie no longer opens a session: " + after);
        driver.get(console + "/contacts");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertTrue(tessera.serverErrors().isEmpty(), () -> "server errors: " + tessera.serverErrors());
    }

    // ---------------------------------------------------------------- helpers

    private static void logIn() {
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        WebElement user = form.findElement(By.name("username"));
        user.clear();
        user.sendKeys(USER);
        WebElement secret = form.findElement(By.name("password"));
        secret.clear();
        secret.sendKeys(password, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("menu")));
        wait.until(d -> !d.findElements(By.cssSelector(".t-page-host .t-page")).isEmpty());
    }

    /** Clicks the page's menu entry (a navigation: the console reads the menu again) and waits until it is drawn. */
    private static void openFromMenu(String pageId) {
        clickMenu(pageId);
        awaitPage(pageId);
    }

    private static void clickMenu(String pageId) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#menu [data-page='" + pageId + "']"))).click();
    }

    /** Waits until the page is drawn: rendered, its tables loaded, its charts painted. */
    private static void awaitPage(String pageId) {
        try {
            awaitDrawn(pageId);
        } catch (org.openqa.selenium.TimeoutException notDrawn) {
            shot("failed-" + pageId); // what the page shows instead, for whoever reads the failure
            throw notDrawn;
        }
    }

    private static void awaitDrawn(String pageId) {
        new WebDriverWait(driver, WAIT).withMessage("page " + pageId + " is drawn").until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const host = document.querySelector('.t-page-host[data-page=\"' + arguments[0] + '\"][data-ready]');"
                        + "if (!host || !host.querySelector('.t-page')) return false;"
                        + "if (host.querySelector('.t-table.loading')) return false;"
                        + "if ([...host.querySelectorAll('.t-table tbody')].some(b => b.children.length === 0)) return false;"
                        + "return [...host.querySelectorAll('.t-chart')].every(c => c.querySelector('canvas'));",
                pageId));
    }

    /** Installs a plugin's feature over REST and waits until the console lists the page. */
    private static void installPlugin(String feature, String pageId) {
        ApiResponse installed = tessera.post("/platform/features", Map.of("name", feature));
        assertEquals(200, installed.status(), installed::toString);
        awaitRest(pageId + " listed", () -> pages("en").stream().anyMatch(p -> pageId.equals(p.get("id"))));
    }

    /** Removes a plugin's feature over REST and waits until the console no longer lists the page. */
    private static void removePlugin(String feature, String pageId) {
        ApiResponse removed = tessera.delete("/platform/features/" + feature, null);
        assertEquals(200, removed.status(), removed::toString);
        awaitRest(pageId + " gone", () -> pages("en").stream().noneMatch(p -> pageId.equals(p.get("id"))));
    }

    private static List<Map<String, Object>> pages(String lang) {
        ApiResponse answer = tessera.get("/console/pages?lang=" + lang);
        assertEquals(200, answer.status(), answer::toString);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pages = (List<Map<String, Object>>) answer.json();
        return pages;
    }

    private static List<String> titles(List<Map<String, Object>> pages) {
        return pages.stream().map(p -> (String) p.get("title")).toList();
    }

    private static List<String> menuTitles() {
        return driver.findElements(By.cssSelector("#menu a")).stream().map(WebElement::getText).toList();
    }

    private static List<Map<String, Object>> stages(String pipelineId) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) tessera.get("/pipelines/" + pipelineId).map().get("stages");
        return stages;
    }

    /** Deals per stage as the dashboard's funnel table shows them. */
    private static Map<String, Long> funnelCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("table[data-test=funnel] tbody tr"))) {
            String count = row.findElements(By.tagName("td")).get(1).getText().replaceAll("\\D", "");
            counts.put(row.getAttribute("data-stage"), Long.parseLong(count));
        }
        assertFalse(counts.isEmpty(), "the funnel table");
        return counts;
    }

    private static void awaitDemoData() {
        awaitRest("demo data loaded", () -> {
            try {
                return Files.readString(tessera.karafLog()).contains("Demo data loaded");
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static void awaitRest(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(200); // polling with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }

    private static void shot(String name) {
        File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(file.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastSegment(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
