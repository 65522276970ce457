package io.genrec.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.server.online.ExperimentService;
import io.genrec.server.online.InMemoryExperimentLog;
import io.genrec.server.service.InMemoryEventStore;
import io.genrec.server.service.ServingFixtures;
import io.genrec.server.service.ServingService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The web page in Debian's headless Chromium (Selenium with the system chromedriver; nothing downloaded). Each test
 * fails on a console error or a failed request in the browser; screenshots go to docs/screenshots. Skips with a
 * message when Chromium is missing, unless GENREC_REQUIRE_BROWSER=1 (CI).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageBrowserTest {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GENREC_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("GENREC_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SHOTS = ROOT.resolve("docs/screenshots");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static ServingService serving;
    static ApiServer server;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        requireBrowser(WebPageBrowserTest.class);
        InMemoryEventStore store = ServingFixtures.store(5);
        serving = ServingFixtures.started(store, List.of("ease", "itemknn"));
        ExperimentService experiments = new ExperimentService(serving, new InMemoryExperimentLog(), InstantSource.system());
        server = new ApiServer(experiments, serving, new ApiServer.Options("127.0.0.1", 0, null, 1 << 20, 0));
        server.resultsDir(ROOT.resolve("docs/results"));
        server.start();
        base = "http://127.0.0.1:" + server.port();

        driver = newDriver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // lists re-render while a condition reads them
        Files.createDirectories(SHOTS);
    }

    /** Skips the calling test class with a message when Chromium is missing, or fails under GENREC_REQUIRE_BROWSER=1. */
    static void requireBrowser(Class<?> test) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String why = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv("GENREC_REQUIRE_BROWSER"))) fail(why + "; GENREC_REQUIRE_BROWSER=1 requires them");
            System.err.println("SKIPPED " + test.getSimpleName() + ": " + why);
            Assumptions.abort(why);
        }
    }

    /** Headless Chromium through the system chromedriver (no Selenium Manager download), with the console log kept. */
    static ChromeDriver newDriver() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1400,1000", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
        if (serving != null) serving.close();
    }

    /** Console messages at SEVERE: JS errors and failed requests (4xx/5xx) both land there. */
    static List<String> severe() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER))
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) out.add(e.getMessage());
        return out;
    }

    String expectedError; // a console error this test provokes on purpose

    @BeforeEach
    void resetWindow() {
        expectedError = null;
        driver.manage().window().setSize(new Dimension(1400, 1000));
        severe(); // reading the log empties it
    }

    @AfterEach
    void noConsoleErrors() {
        List<String> errors = severe();
        if (expectedError != null) errors.removeIf(m -> m.contains(expectedError));
        assertEquals(List.of(), errors, "console errors or failed requests in the page");
    }

    static void open(String hash) {
        driver.get(base + "/" + hash);
    }

    /** The item ids of a model's list, read in one script call (the list may be re-rendered between element reads). */
    @SuppressWarnings("unchecked")
    static List<String> ids(String model) {
        return new ArrayList<>((List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll(\".model-list[data-model='\" + arguments[0] + \"'] ol.items li\")].map(li => li.dataset.item)", model));
    }

    static void shot(String name) throws Exception {
        shot(driver, name);
    }

    static void shot(ChromeDriver driver, String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.move(f.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    static void waitForList(String model) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".model-list[data-model='" + model + "'] ol.items li")));
    }

    static void waitForExplanations() {
        wait.until(d -> d.findElements(By.cssSelector(".why")).stream().allMatch(w -> !w.getText().isBlank()));
    }

    @Test
    @Order(1)
    void exploreOpensWithAUserAndModelsSideBySide() throws Exception {
        open("");
        waitForList("ease");
        waitForList("itemknn");
        String user = driver.findElement(By.id("user-input")).getAttribute("value");
        assertFalse(user.isBlank(), "a user is preselected");
        assertTrue(serving.history(user).length > 0, "the preselected user has a history");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history ul.history li")));
        assertEquals(2, driver.findElements(By.cssSelector(".model-list")).size());
        waitForExplanations();
        String header = driver.findElement(By.cssSelector(".model-list[data-model='ease'] h3")).getText();
        assertTrue(header.contains("ease v1"), "model and version shown: " + header);
        assertTrue(driver.findElements(By.cssSelector(".fallback")).isEmpty(), "a known user gets the model's list");
        // the page's list is the API's list
        JsonNode api = get("/v1/users/" + user + "/recommendations?k=10&model=ease");
        List<String> expected = new ArrayList<>();
        for (JsonNode it : api.get("items")) expected.add(it.get("item").asText());
        assertEquals(expected, ids("ease"));
        assertTrue(driver.findElements(By.id("chat")).isEmpty(), "no chat panel when the server offers no chat");
        shot("explore-small-catalogue.png");
    }

    @Test
    @Order(2)
    void filtersChangeTheLists() {
        open("");
        waitForList("ease");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("category"))).selectByValue("Drama");
        wait.until(d -> d.findElements(By.cssSelector(".model-list li .badge")).stream().noneMatch(b -> b.getText().equals("Comedy"))
                && !d.findElements(By.cssSelector(".model-list[data-model='ease'] ol.items li")).isEmpty());
        for (WebElement li : driver.findElements(By.cssSelector(".model-list ol.items li")))
            assertTrue(li.getText().contains("Drama"), "only Drama items after the filter: " + li.getText());
        // unticking "exclude seen" lets the user's own items back in
        String user = driver.findElement(By.id("user-input")).getAttribute("value");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("category"))).selectByValue("");
        driver.findElement(By.id("exclude-seen")).click();
        int[] seen = serving.history(user);
        wait.until(d -> ids("ease").stream().anyMatch(id -> {
            int g = serving.catalog().indexOf(id);
            for (int s : seen) if (s == g) return true;
            return false;
        }));
        driver.findElement(By.id("exclude-seen")).click(); // back to the default for the next tests
    }

    @Test
    @Order(3)
    void feedbackRefreshesTheListVisibly() throws Exception {
        open("");
        waitForList("ease");
        waitForExplanations();
        List<String> before = ids("ease");
        driver.findElement(By.cssSelector(".model-list[data-model='ease'] ol.items li button.like")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("change-notice")));
        List<String> after = ids("ease");
        assertNotEquals(before, after);
        assertFalse(after.contains(before.get(0)), "the liked item is now seen and left out");
        assertFalse(driver.findElements(By.cssSelector("li.new .badge.new")).isEmpty(), "new items are marked");
        // dismiss hides the item and says so
        String dismissed = after.get(0);
        driver.findElement(By.cssSelector(".model-list[data-model='ease'] ol.items li button.dismiss")).click();
        wait.until(d -> !ids("ease").contains(dismissed));
        assertTrue(driver.getPageSource().contains("dismissed item(s) hidden"));
    }

    @Test
    @Order(4)
    void aNewVisitorWhoLikesThreeItemsGetsAPersonalisedList() throws Exception {
        open("");
        waitForList("ease");
        driver.findElement(By.id("new-visitor")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history-empty")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".model-list[data-model='ease'] .fallback")));
        String visitor = driver.findElement(By.id("user-input")).getAttribute("value");
        assertTrue(visitor.startsWith("visitor-"), visitor);
        List<String> liked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // like the visitor's current top Drama item (a clear taste, unlike the popularity mix)
            WebElement li = wait.until(d -> d.findElements(By.cssSelector(".model-list[data-model='ease'] ol.items li")).stream()
                    .filter(x -> x.getText().contains("Drama") && !liked.contains(x.getAttribute("data-item"))).findFirst().orElse(null));
            liked.add(li.getAttribute("data-item"));
            String notice = i == 0 ? "" : driver.findElement(By.id("change-notice")).getText();
            li.findElement(By.cssSelector("button.like")).click();
            int n = i;
            wait.until(d -> !d.findElements(By.id("change-notice")).isEmpty() && (n == 0 || !d.findElement(By.id("change-notice")).getText().equals(notice))
                    && d.findElements(By.cssSelector("#history ul.history li")).size() == n + 1);
        }
        assertTrue(driver.findElements(By.cssSelector(".model-list[data-model='ease'] .fallback")).isEmpty(), "no cold-start fallback after three likes");
        // the popularity list a cold user gets, without the liked items (they are seen now)
        List<String> popular = new ArrayList<>();
        for (JsonNode it : get("/v1/users/nobody-at-all/recommendations?k=20&model=ease").get("items"))
            if (!liked.contains(it.get("item").asText()) && popular.size() < 10) popular.add(it.get("item").asText());
        List<String> personal = ids("ease");
        assertEquals(10, personal.size());
        assertNotEquals(popular, personal, "personalised list differs from popularity");
        shot("explore-new-visitor.png");
    }

    @Test
    @Order(5)
    void searchLeadsToAnItemPageWithSimilarItemsFromSeveralModels() throws Exception {
        open("#/search");
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search-input")));
        input.sendKeys("grim tragic story", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-results li a")));
        assertTrue(driver.findElement(By.cssSelector("#search-results li")).getText().contains("Serious film"),
                "a Drama item matches the words of the Drama descriptions");
        shot("search.png");
        // keyboard: focus the first result and press Enter
        WebElement first = driver.findElement(By.cssSelector("#search-results li a"));
        String item = first.findElement(By.xpath("./ancestor::li")).getAttribute("data-item");
        first.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("item-detail")));
        wait.until(d -> d.findElements(By.cssSelector("#similar .model-list")).size() == 2
                && d.findElements(By.cssSelector("#similar .model-list")).stream().allMatch(c -> !c.findElements(By.cssSelector("li")).isEmpty()));
        assertTrue(driver.findElement(By.id("item-detail")).getText().contains(item));
        shot("item.png");
    }

    @Test
    @Order(6)
    void modelsAndResultsDrawCharts() throws Exception {
        open("#/models");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#models-table tbody tr")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results-table tbody tr")));
        for (String chart : List.of("chart-bars", "chart-diff", "chart-time"))
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + chart + " canvas")));
        assertEquals(2, driver.findElements(By.cssSelector("#models-table tbody tr")).size());
        assertTrue(driver.findElement(By.id("chart-diff")).getAttribute("aria-label").contains("confidence intervals"),
                "the file opened first has confidence intervals and the page charts them");
        // the leaderboard file the page picked is the one the API lists
        JsonNode results = get("/v1/results");
        assertTrue(results.get("files").size() > 0);
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, document.getElementById('results').offsetTop)");
        shot("models.png");
    }

    @Test
    @Order(7)
    void experimentsShowLivePerArmMetrics() throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/experiments"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"web-ab\",\"arms\":[\"ease\",\"itemknn\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        open("#/experiments");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".experiment tr[data-arm='ease']")));
        String before = driver.findElement(By.cssSelector(".experiment")).getText();
        // lists served under the experiment show up without reloading the page
        for (int u = 0; u < 6; u++) get("/v1/users/u" + u + "/recommendations?k=5");
        wait.until(d -> !d.findElement(By.cssSelector(".experiment p.muted")).getText().startsWith("ab · 0 impressions")
                && d.findElement(By.cssSelector(".experiment p.muted")).getText().contains(" 6 impressions"));
        assertNotEquals(before, driver.findElement(By.cssSelector(".experiment")).getText());
        shot("experiments.png");
    }

    @Test
    @Order(8)
    void phoneWidthHasNoHorizontalScroll() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 844));
        open("");
        waitForList("ease");
        waitForExplanations();
        Object overflow = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(((Number) overflow).intValue() <= 0, "page wider than the phone by " + overflow + " px");
        shot("explore-phone.png");
    }

    @Test
    @Order(9)
    void chatPanelAppearsOnlyWhenOffered() {
        server.capability("chat", true);
        try {
            open("");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("aside#chat #chat-input")));
        } finally {
            server.capability("chat", false);
        }
        open("");
        waitForList("ease");
        assertTrue(driver.findElements(By.id("chat")).isEmpty());
    }

    @Test
    @Order(10)
    void unknownItemAndServerDownShowErrorStates() {
        expectedError = "/v1/items/no-such-item";
        open("#/item/no-such-item");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-error"), "Unknown item"));
        List<String> notFound = severe();
        notFound.removeIf(m -> m.contains("/v1/items/no-such-item") && m.contains("404"));
        assertEquals(List.of(), notFound, "only the unknown item's 404");
        // a page whose server stops answering says so
        expectedError = null;
        open("");
        waitForList("ease");
        waitForExplanations();
        severe();
        server.close();
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "not answering"));
        } finally {
            server = null;
        }
        List<String> errors = severe();
        // while it stops, Jetty answers 503; afterwards connections are refused
        errors.removeIf(m -> m.contains("ERR_CONNECTION_REFUSED") || m.contains("Failed to fetch") || m.contains("status of 503"));
        assertEquals(List.of(), errors);
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }
}
