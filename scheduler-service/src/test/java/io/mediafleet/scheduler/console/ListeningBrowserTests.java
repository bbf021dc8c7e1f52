package io.mediafleet.scheduler.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mediafleet.scheduler.radio.ListenerSession;
import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listening page in Debian's chromium against a real scheduler on embedded Redis and MongoDB: sessions are
 * written where the radio loop writes them, the page charts them with uPlot, lists them and exports them as CSV.
 * No tracker is configured here, so this class also sees the tracker page say so.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + ListeningBrowserTests.TOKEN,
				"mediafleet.scheduler.simul.enabled=false", "mediafleet.scheduler.burn.port=0" })
@WithRedis
@WithMongoDb(database = "console-listening-tests")
class ListeningBrowserTests {

	static final String TOKEN = "console-listening-token-0123456789abcdef";

	private static final String JAZZ = "5b0c6a8e-0000-4000-8000-00000000a001";

	private static final String ROCK = "5b0c6a8e-0000-4000-8000-00000000a002";

	@LocalServerPort
	private int port;

	@Autowired
	private RadioAdmin radios;

	@Autowired
	private MongoTemplate mongo;

	private Instant now;

	@BeforeEach
	void twoRadiosWithFourSessions() {
		this.mongo.remove(new org.springframework.data.mongodb.core.query.Query(), ListenerSession.class);
		this.radios.saveRadio(new Radio(JAZZ, "Jazz, \"FM\"", null));
		this.radios.saveRadio(new Radio(ROCK, "=Rock", null));
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant twoHoursAgo = this.now.minus(Duration.ofHours(2));
		this.mongo.insert(closed("jazz-1", JAZZ, "user-1", twoHoursAgo, twoHoursAgo.plus(Duration.ofMinutes(90))));
		this.mongo.insert(closed("jazz-2", JAZZ, null, twoHoursAgo.plus(Duration.ofMinutes(30)),
				twoHoursAgo.plus(Duration.ofMinutes(31))));
		this.mongo.insert(new ListenerSession("rock-1", ROCK, "user-2", "streamer-b", this.now.minus(Duration.ofMinutes(20)),
				null, null, true));
		// Long before the default range of one day: never counted there.
		this.mongo.insert(closed("jazz-old", JAZZ, null, this.now.minus(Duration.ofDays(3)),
				this.now.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(5))));
	}

	private static ListenerSession closed(String id, String radio, String user, Instant start, Instant end) {
		return new ListenerSession(id, radio, user, "streamer-a", start, end,
				Duration.between(start, end).toMillis() / 1000.0, false);
	}

	private ConsoleBrowser browser(int width) throws IOException {
		return new ConsoleBrowser("http://localhost:" + this.port, width, 1000);
	}

	private static List<String> rows(ConsoleBrowser browser) {
		// Read in one go in the page: a part swapped by a live refresh never leaves a stale element half read.
		@SuppressWarnings("unchecked")
		List<String> texts = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
				"return Array.from(document.querySelectorAll(arguments[0])).map((row) => row.innerText)", "#sessions-table tbody tr");
		return texts;
	}

	private HttpResponse<String> get(ConsoleBrowser browser, String path) throws Exception {
		String session = browser.driver().manage().getCookieNamed("MEDIAFLEET_CONSOLE").getValue();
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Cookie", "MEDIAFLEET_CONSOLE=" + session)
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private static void setValue(ConsoleBrowser browser, String id, String value) {
		((JavascriptExecutor) browser.driver()).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id,
				value);
	}

	@Test
	void theLastDayIsChartedListedAndExportedAsCsv() throws Exception {
		try (ConsoleBrowser browser = browser(1280)) {
			browser.signIn(TOKEN);
			browser.open("/console/listening");
			WebElement canvas = browser.find(By.cssSelector("#chart .uplot canvas"));
			assertThat(canvas.getSize().getWidth()).isGreaterThan(600);
			browser.awaitText(By.id("chart-summary"), "3 sessions", "Jazz, \"FM\": at most 2",
					"=Rock: at most 1");
			assertThat(rows(browser)).hasSize(3);
			assertThat(rows(browser).get(0)).contains("Jazz, \"FM\"", "user-1", "streamer-a", "1:30:00");
			assertThat(rows(browser).get(1)).contains("anonymous", "0:01:00");
			assertThat(rows(browser).get(2)).contains("=Rock", "listening");
			browser.awaitText(By.id("sessions"), "3 sessions in this range.");

			// The chart's points: the two jazz sessions overlap for a minute, the open rock session runs until now.
			JsonNode series = JsonMapper.builder().build()
				.readTree(get(browser, browser.find(By.id("chart")).getAttribute("data-series-url")).body());
			assertThat(series.get("sessions").asLong()).isEqualTo(3);
			assertThat(series.get("stepSeconds").asLong()).isEqualTo(300);
			JsonNode jazz = series.get("series").get(0);
			assertThat(jazz.get("name").asString()).isEqualTo("Jazz, \"FM\"");
			int peak = 0;
			for (JsonNode count : jazz.get("counts")) {
				peak = Math.max(peak, count.asInt());
			}
			assertThat(peak).isEqualTo(2);
			JsonNode rock = series.get("series").get(1);
			assertThat(rock.get("counts").get(rock.get("counts").size() - 1).asInt()).isEqualTo(1);

			HttpResponse<String> csv = get(browser, browser.find(By.id("csv-link")).getAttribute("href")
				.substring(("http://localhost:" + this.port).length()));
			assertThat(csv.statusCode()).isEqualTo(200);
			assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
			assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
					(disposition) -> assertThat(disposition).startsWith("attachment; filename=\"listening-").endsWith(".csv\""));
			List<String> lines = csv.body().lines().toList();
			assertThat(lines).hasSize(4);
			assertThat(lines.get(0)).isEqualTo(ListeningCsv.HEADER);
			assertThat(lines.get(1)).startsWith("jazz-1," + JAZZ + ",\"Jazz, \"\"FM\"\"\",user-1,streamer-a,").endsWith(",5400.000,false");
			assertThat(lines.get(3)).startsWith("rock-1," + ROCK + ",'=Rock,user-2,streamer-b,").endsWith(",,,true");
			assertThat(csv.body()).doesNotContain("jazz-old");
			browser.screenshot("listening");

			// One radio: its sessions only.
			new Select(browser.find(By.id("radio"))).selectByVisibleText("=Rock");
			browser.find(By.cssSelector("#range-form button[type=submit]")).click();
			browser.await((d) -> rows(browser).size() == 1 ? true : null);
			assertThat(rows(browser).getFirst()).contains("=Rock");
			browser.find(By.cssSelector("#chart .uplot canvas"));
			assertThat(get(browser, browser.find(By.id("csv-link")).getAttribute("href")
				.substring(("http://localhost:" + this.port).length())).body().lines()).hasSize(2);
		}
	}

	@Test
	void aSessionThatStartsOrEndsWhileThePageIsOpenAppearsInTheTableAndChartWithoutAReload() throws Exception {
		try (ConsoleBrowser browser = browser(1280)) {
			browser.signIn(TOKEN);
			browser.open("/console/listening");
			browser.awaitText(By.id("chart-summary"), "3 sessions");
			browser.await((driver) -> browser.live() ? true : null);
			((JavascriptExecutor) browser.driver()).executeScript("window.notReloaded = true");

			// A listener tunes in to the rock radio: the table, the count and the chart follow.
			this.mongo.insert(new ListenerSession("rock-2", ROCK, "user-3", "streamer-c", this.now.minus(Duration.ofSeconds(30)),
					null, null, true));
			browser.await((driver) -> rows(browser).size() == 4 ? true : null);
			assertThat(rows(browser).get(3)).contains("=Rock", "user-3", "streamer-c", "listening");
			browser.awaitText(By.id("sessions"), "4 sessions in this range.");
			browser.awaitText(By.id("chart-summary"), "4 sessions", "=Rock: at most 2");

			// The first rock listener leaves: its row shows when it ended instead of "listening".
			Instant left = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			this.mongo.save(new ListenerSession("rock-1", ROCK, "user-2", "streamer-b", this.now.minus(Duration.ofMinutes(20)),
					left, (double) Duration.between(this.now.minus(Duration.ofMinutes(20)), left).toSeconds(), false));
			browser.await((driver) -> rows(browser).get(2).contains("user-2") && !rows(browser).get(2).contains("listening")
					? true : null);
			assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.notReloaded")).isEqualTo(true);
		}
	}

	@Test
	void aStartAfterTheEndOrATooLongRangeIsRefusedBesideItsField() throws Exception {
		try (ConsoleBrowser browser = browser(1280)) {
			browser.signIn(TOKEN);
			browser.open("/console/listening");
			browser.find(By.cssSelector("#chart .uplot canvas"));
			setValue(browser, "from", "2026-12-06T12:00");
			setValue(browser, "to", "2026-12-06T11:00");
			browser.find(By.cssSelector("#range-form button[type=submit]")).click();
			WebElement error = browser.find(By.id("from-error"));
			assertThat(error.getText()).isEqualTo("The start must be before the end");
			WebElement from = browser.find(By.id("from"));
			assertThat(from.getAttribute("aria-invalid")).isEqualTo("true");
			assertThat(from.getAttribute("aria-describedby")).isEqualTo("from-error");
			assertThat(from.getAttribute("value")).isEqualTo("2026-12-06T12:00");
			assertThat(browser.driver().findElements(By.id("chart"))).isEmpty();

			setValue(browser, "from", "2026-01-01T00:00");
			setValue(browser, "to", "2026-06-01T00:00");
			browser.find(By.cssSelector("#range-form button[type=submit]")).click();
			browser.awaitText(By.id("to-error"), "at most 92 days");
			assertThat(browser.driver().findElements(By.id("from-error"))).isEmpty();

			HttpResponse<String> refused = get(browser, "/console/listening/sessions.csv?from=2026-12-06T12:00&to=2026-12-06T11:00");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("The start must be before the end").doesNotContain("Exception");
		}
	}

	@Test
	void theListeningPageFitsAPhoneAndTheTrackerPageSaysNoTrackerIsConfigured() throws Exception {
		try (ConsoleBrowser browser = browser(375)) {
			browser.signIn(TOKEN);
			browser.open("/console/listening");
			WebElement canvas = browser.find(By.cssSelector("#chart .uplot canvas"));
			assertThat(canvas.getSize().getWidth()).isLessThanOrEqualTo(375);
			assertThat(browser.text(By.cssSelector("label[for='from']"))).isEqualTo("From");
			assertThat(browser.text(By.cssSelector("label[for='to']"))).isEqualTo("To");
			assertThat(browser.text(By.cssSelector("label[for='radio']"))).isEqualTo("Radio");
			Long scrollWidth = (Long) ((JavascriptExecutor) browser.driver())
				.executeScript("return document.documentElement.scrollWidth");
			assertThat(scrollWidth).isLessThanOrEqualTo(375L);
			browser.screenshot("listening-phone");

			browser.open("/console/tracker");
			browser.awaitText(By.id("tracker-missing"), "No tracker is configured",
					"mediafleet.scheduler.console.tracker-url");
			browser.awaitText(By.id("peers"), "No peer is connected");
		}
	}

}
