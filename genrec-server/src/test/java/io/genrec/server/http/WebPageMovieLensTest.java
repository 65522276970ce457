package io.genrec.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.server.service.EventPolicy;
import io.genrec.server.service.InMemoryEventStore;
import io.genrec.server.service.ServingFixtures;
import io.genrec.server.service.ServingService;
import io.genrec.server.store.DatasetImporter;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Explore page on the bundled MovieLens latest-small, as {@code ./genrec serve} shows it (with two models that fit
 * in seconds): the README's screenshot. The page's lists must be the API's lists, with no console error.
 */
class WebPageMovieLensTest {
    @Test
    void exploreShowsRealRecommendations() throws Exception {
        WebPageBrowserTest.requireBrowser(WebPageMovieLensTest.class);
        InMemoryEventStore store = new InMemoryEventStore();
        Dataset all = DataSpecs.load("ml-latest-small").data();
        DatasetImporter.importInto(store, all, all.name(), DatasetImporter.defaultType(all), 20_000, null);
        List<String> models = List.of("itemknn", "mostpop");
        try (ServingService serving = new ServingService(store, ServingFixtures.fitter(Map.of()),
                new ServingService.Options(models, EventPolicy.DEFAULT, 0, null))) {
            serving.start(List.of());
            ApiServer server = new ApiServer(serving, serving, new ApiServer.Options("127.0.0.1", 0, null, 1 << 20, 0));
            ChromeDriver driver = null;
            try {
                server.start();
                String base = "http://127.0.0.1:" + server.port();
                driver = WebPageBrowserTest.newDriver();
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get(base + "/");
                wait.until(d -> models.stream().allMatch(m -> !d.findElements(By.cssSelector(".model-list[data-model='" + m + "'] ol.items li")).isEmpty())
                        && !d.findElements(By.cssSelector(".why")).isEmpty()
                        && d.findElements(By.cssSelector(".why")).stream().allMatch(w -> !w.getText().isBlank()));
                String user = driver.findElement(By.id("user-input")).getAttribute("value");
                for (String m : models) {
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + "/v1/users/" + user + "/recommendations?k=10&model=" + m)).build(), HttpResponse.BodyHandlers.ofString());
                    List<String> api = new ArrayList<>();
                    for (JsonNode it : new ObjectMapper().readTree(r.body()).get("items")) api.add(it.get("item").asText());
                    @SuppressWarnings("unchecked")
                    List<String> shown = (List<String>) ((JavascriptExecutor) driver).executeScript(
                            "return [...document.querySelectorAll(\".model-list[data-model='\" + arguments[0] + \"'] ol.items li\")].map(li => li.dataset.item)", m);
                    assertEquals(api, shown, m + "'s list on the page is the API's");
                }
                List<String> errors = new ArrayList<>();
                for (LogEntry e : driver.manage().logs().get(LogType.BROWSER))
                    if (e.getLevel().intValue() >= Level.SEVERE.intValue()) errors.add(e.getMessage());
                assertEquals(List.of(), errors, "console errors or failed requests");
                WebPageBrowserTest.shot(driver, "explore.png");
            } finally {
                if (driver != null) driver.quit();
                server.close();
            }
        }
    }
}
