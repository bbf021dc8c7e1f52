package io.mediafleet.scheduler.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The radio screens in Debian's chromium against a real scheduler on embedded Redis and MongoDB: songs picked from
 * a tracker's catalogue (a small HTTP server answering the tracker's admin API in its real format), a radio put on
 * air by a streamer speaking raw Redis, show validation, the week grid across midnight, phone width.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + ConsoleRadiosBrowserTests.TOKEN,
				"mediafleet.scheduler.simul.enabled=false", "mediafleet.scheduler.burn.port=0",
				"mediafleet.scheduler.radio.channel-prefix=" + ConsoleRadiosBrowserTests.PREFIX,
				"mediafleet.scheduler.radio.play-lead-time=300ms",
				"mediafleet.scheduler.console.health-interval=200ms",
				"mediafleet.scheduler.console.listen-url-template=http://{streamer}.invalid:8000/radios/{radio_uuid}" })
@WithRedis
@WithMongoDb(database = "console-radios-tests")
class ConsoleRadiosBrowserTests {

	static final String TOKEN = "console-radios-token-0123456789abcdef";

	static final String PREFIX = "consoleradios.";

	private static final HttpServer TRACKER = tracker();

	@LocalServerPort
	private int port;

	@Autowired
	private AdminApi api;

	@Autowired
	private RadioAdmin radios;

	@DynamicPropertySource
	static void trackerUrl(DynamicPropertyRegistry registry) {
		registry.add("mediafleet.scheduler.console.tracker-url",
				() -> "http://127.0.0.1:" + TRACKER.getAddress().getPort());
	}

	@AfterAll
	static void stopTracker() {
		TRACKER.stop(0);
	}

	/** The tracker's admin API, answering what {@code TrackerAdminController} answers, for two songs. */
	private static HttpServer tracker() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			String songs = """
					[{"id":7,"md5":"0123456789abcdef0123456789abcdef","sizeBytes":3840000,"durationSeconds":240.0,
					  "title":"Blue Monday","artist":"New Order","fileName":"new-order/blue-monday.mp3",
					  "hosts":["10.0.0.5:6881"]},
					 {"id":8,"md5":null,"sizeBytes":null,"durationSeconds":null,"title":"No Length","artist":"Unknown",
					  "fileName":"unknown/no-length.mp3","hosts":[]}]""";
			server.createContext("/admin/tracker/songs", (exchange) -> answer(exchange, songs));
			server.createContext("/admin/tracker/peers", (exchange) -> answer(exchange,
					"[{\"id\":1,\"address\":\"10.0.0.5:6881\",\"remote\":\"10.0.0.5:50000\",\"songs\":1,"
							+ "\"joined\":\"2026-01-01T00:00:00Z\"}]"));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private ConsoleBrowser browser(int width) throws Exception {
		return new ConsoleBrowser("http://localhost:" + this.port, width, 900);
	}

	@Test
	void aRadioMadeInTheConsoleGoesOnAirAndItsSongProgressesWithoutReload() throws Exception {
		try (ConsoleBrowser browser = browser(1280)) {
			browser.signIn(TOKEN);
			browser.open("/console/radios");
			// The song is chosen from the tracker's catalogue, not typed.
			Select picker = new Select(browser.await((d) -> {
				WebElement select = d.findElement(By.id("tracker-song"));
				return select.getText().contains("Blue Monday") ? select : null;
			}));
			assertThat(picker.getOptions()).extracting(WebElement::getText)
				.anySatisfy((text) -> assertThat(text).contains("New Order – Blue Monday", "new-order/blue-monday.mp3"))
				.anySatisfy((text) -> assertThat(text).contains("No Length"));
			picker.selectByValue("8");
			browser.find(By.cssSelector("#songs form button[type=submit]")).click();
			browser.awaitText(By.id("trackerSong-error"), "does not know this song's length");
			new Select(browser.find(By.id("tracker-song"))).selectByValue("7");
			browser.find(By.cssSelector("#songs form button[type=submit]")).click();
			browser.awaitText(By.cssSelector("#songs table.songs"), "New Order – Blue Monday");
			assertThat(this.radios.songs()).anySatisfy((song) -> {
				assertThat(song.filename()).isEqualTo("new-order/blue-monday.mp3");
				assertThat(song.durationSeconds()).isEqualTo(240.0);
				assertThat(song.md5()).isEqualTo("0123456789abcdef0123456789abcdef");
			});

			browser.find(By.id("playlist-name")).sendKeys("Morning mix");
			browser.find(By.cssSelector("#playlists form button[type=submit]")).click();
			browser.await((d) -> d.getCurrentUrl().contains("/console/radios/playlists/") ? true : null);
			new Select(browser.find(By.id("add-song"))).selectByVisibleText("New Order – Blue Monday");
			browser.find(By.cssSelector("form.add-song button[type=submit]")).click();
			browser.awaitText(By.cssSelector(".playlist-entries"), "Blue Monday");

			browser.open("/console/radios");
			browser.find(By.id("radio-name")).sendKeys("Console FM");
			new Select(browser.find(By.id("radio-playlist"))).selectByVisibleText("Morning mix");
			browser.find(By.cssSelector("#new-radio button[type=submit]")).click();
			browser.await((d) -> d.getCurrentUrl().matches(".*/console/radios/[0-9a-f-]{36}$") ? true : null);
			String uuid = browser.driver().getCurrentUrl().replaceAll(".*/", "");
			assertThat(browser.text(By.tagName("h1"))).isEqualTo("Console FM");
			browser.awaitText(By.id("status"), "Off air", "Morning mix", "Blue Monday");

			browser.open("/console/radios");
			JavascriptExecutor js = (JavascriptExecutor) browser.driver();
			browser.find(By.id("radio-" + uuid));
			assertThat(text(js, "#radio-" + uuid)).contains("Console FM", "off air");
			browser.await((d) -> browser.live() ? true : null);
			js.executeScript("window.notReloaded = true");

			try (RadioTestStreamer streamer = new RadioTestStreamer(TestRedis.url(), PREFIX, "console-s1")) {
				streamer.play(uuid);
				// The row is swapped in again on every push: read it in one script call, never through a held element.
				String rowCss = "#radio-" + uuid;
				browser.await((d) -> text(js, rowCss + " .song") != null ? true : null);
				assertThat(text(js, rowCss + " .song")).isEqualTo("New Order – Blue Monday");
				assertThat(text(js, rowCss)).contains("console-s1");
				assertThat(js.executeScript("return document.querySelector(arguments[0]).src", rowCss + " audio"))
					.isEqualTo("http://console-s1.invalid:8000/radios/" + uuid);
				assertThat(js.executeScript("return document.querySelector(arguments[0]).preload", rowCss + " audio"))
					.isEqualTo("none");
				long first = progress(js, rowCss);
				browser.await((d) -> progress(js, rowCss) > first ? true : null);
				browser.await((d) -> text(js, rowCss + " .clock").endsWith("/ 4:00") ? true : null);
				assertThat(js.executeScript("return window.notReloaded")).isEqualTo(true);
				// A listener's player is kept, not rebuilt, when the list is redrawn (a new radio redraws it).
				js.executeScript("document.querySelector(arguments[0]).dataset.playing = 'kept'", rowCss + " audio");
				js.executeScript("document.querySelector('#list').dataset.before = 'redraw'");
				assertThat(this.api.call(HttpMethod.PUT, "/api/admin/radios/" + UUID.randomUUID(),
						Map.of("name", "Another FM"), Void.class)).isInstanceOf(AdminApi.Outcome.Done.class);
				browser.await((d) -> js.executeScript("return document.querySelector('#list').dataset.before") == null
						? true : null);
				assertThat(js.executeScript("return document.querySelector(arguments[0]).dataset.playing", rowCss + " audio"))
					.isEqualTo("kept");
				browser.screenshot("radios");

				browser.await((d) -> {
					try {
						d.findElement(By.cssSelector(rowCss + " button.danger")).click();
						return true;
					}
					catch (org.openqa.selenium.StaleElementReferenceException swappedMeanwhile) {
						return null;
					}
				});
				browser.driver().switchTo().alert().accept();
				browser.awaitText(By.cssSelector("#radios-notice .notice"), "Stopped");
				browser.await((d) -> text(js, rowCss).contains("off air") ? true : null);
				assertThat(this.radios.statuses(this.radios.radios()).get(uuid).programmed()).isFalse();

				// The overview lists the streamer, alive (it answers every ping).
				browser.open("/console");
				browser.awaitText(By.id("streamers"), "console-s1", "alive");
			}
		}
	}

	@Test
	void aBadShowWindowShowsItsErrorBesideTheFieldAndNothingIsSaved() throws Exception {
		String uuid = radioWithPlaylist("Error FM", "Errors");
		try (ConsoleBrowser browser = browser(1280)) {
			browser.signIn(TOKEN);
			browser.open("/console/radios/" + uuid);
			browser.find(By.id("show-name")).sendKeys("Impossible hour");
			browser.find(By.id("show-start")).sendKeys("25:00");
			browser.find(By.id("show-end")).sendKeys("02:00");
			new Select(browser.find(By.id("show-playlist"))).selectByVisibleText("Errors");
			browser.find(By.cssSelector("#show-form button[type=submit]")).click();

			assertThat(browser.text(By.id("start-error"))).isEqualTo("must be a time of day HH:mm");
			WebElement start = browser.find(By.id("show-start"));
			assertThat(start.getAttribute("aria-invalid")).isEqualTo("true");
			assertThat(start.getAttribute("aria-describedby")).isEqualTo("start-error");
			assertThat(start.getAttribute("value")).isEqualTo("25:00");
			assertThat(browser.text(By.id("days-error"))).isNotBlank();
			assertThat(browser.driver().findElements(By.id("end-error"))).isEmpty();
			assertThat(browser.driver().getPageSource()).doesNotContain("Exception", "\"fields\"");
			assertThat(this.radios.shows(uuid)).isEmpty();

			// Another operator deletes the radio meanwhile: saying so beats a stack trace or a silent loss.
			assertThat(this.api.call(HttpMethod.DELETE, "/api/admin/radios/" + uuid, null, Void.class))
				.isInstanceOf(AdminApi.Outcome.Done.class);
			browser.find(By.id("show-start")).clear();
			browser.find(By.id("show-start")).sendKeys("21:00");
			browser.find(By.id("day-FRIDAY")).click();
			browser.find(By.cssSelector("#show-form button[type=submit]")).click();
			// The answer replaces the page's main part: read it once the swap is done, not from the element it replaced.
			await().atMost(Duration.ofSeconds(10))
				.ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
				.untilAsserted(() -> assertThat(browser.text(By.tagName("main"))).contains("no longer exists"));
			assertThat(this.radios.shows(uuid)).isEmpty();
		}
	}

	@Test
	void anotherOperatorsPlaylistSongAndShowChangesAppearWithoutAReloadAndAPlaylistIsReordered() throws Exception {
		String uuid = radioWithPlaylist("Live FM", "Live songs");
		String playlist = this.radios.radio(uuid).orElseThrow().defaultPlaylistId();
		String first = this.radios.playlist(playlist).orElseThrow().songIds().getFirst();
		String second = UUID.randomUUID().toString();
		assertThat(this.api.call(HttpMethod.PUT, "/api/admin/songs/" + second,
				Map.of("filename", "second.mp3", "durationSeconds", 100.0, "title", "Second song"), Void.class))
			.isInstanceOf(AdminApi.Outcome.Done.class);
		try (ConsoleBrowser browser = browser(1280)) {
			JavascriptExecutor js = (JavascriptExecutor) browser.driver();
			browser.signIn(TOKEN);

			// The playlist page follows another operator's change to the playlist.
			browser.open("/console/radios/playlists/" + playlist);
			browser.awaitText(By.id("entries"), "Live FM theme");
			browser.await((d) -> browser.live() ? true : null);
			js.executeScript("window.notReloaded = true");
			assertThat(this.api.call(HttpMethod.PUT, "/api/admin/playlists/" + playlist,
					Map.of("name", "Live songs", "songIds", List.of(first, second)), Void.class))
				.isInstanceOf(AdminApi.Outcome.Done.class);
			browser.await((d) -> entries(js).equals(List.of("Live FM theme", "Second song")) ? true : null);
			assertThat(js.executeScript("return window.notReloaded")).isEqualTo(true);

			// Reordered in the console: the first song moves down, in the page and in the store.
			// The entries are redrawn on every push: find the button afresh until a click lands.
			browser.await((d) -> {
				try {
					d.findElement(By.cssSelector("button[aria-label='Move Live FM theme down']")).click();
					return true;
				}
				catch (org.openqa.selenium.StaleElementReferenceException swappedMeanwhile) {
					return null;
				}
			});
			browser.await((d) -> entries(js).equals(List.of("Second song", "Live FM theme")) ? true : null);
			assertThat(this.radios.playlist(playlist).orElseThrow().songIds()).containsExactly(second, first);

			// The list page's playlists and songs follow a playlist and a song made elsewhere.
			browser.open("/console/radios");
			browser.find(By.id("playlist-list"));
			browser.await((d) -> browser.live() ? true : null);
			js.executeScript("window.notReloaded = true");
			assertThat(this.api.call(HttpMethod.PUT, "/api/admin/playlists/" + UUID.randomUUID(),
					Map.of("name", "Pushed playlist", "songIds", List.of(second), "random", true), Void.class))
				.isInstanceOf(AdminApi.Outcome.Done.class);
			browser.awaitText(By.id("playlist-list"), "Pushed playlist");
			assertThat(this.api.call(HttpMethod.PUT, "/api/admin/songs/" + UUID.randomUUID(),
					Map.of("filename", "pushed.mp3", "durationSeconds", 60.0, "title", "Pushed song"), Void.class))
				.isInstanceOf(AdminApi.Outcome.Done.class);
			browser.awaitText(By.id("song-list"), "Pushed song");
			assertThat(js.executeScript("return window.notReloaded")).isEqualTo(true);

			// A radio's week follows a show added elsewhere.
			browser.open("/console/radios/" + uuid);
			browser.find(By.id("schedule"));
			browser.await((d) -> browser.live() ? true : null);
			js.executeScript("window.notReloaded = true");
			assertThat(this.api.call(HttpMethod.PUT, "/api/admin/shows/" + UUID.randomUUID(),
					Map.of("radioUuid", uuid, "name", "Pushed show", "days", List.of("WEDNESDAY"), "start", "08:00", "end",
							"09:00", "playlistId", playlist),
					Void.class)).isInstanceOf(AdminApi.Outcome.Done.class);
			browser.awaitText(By.cssSelector(".day[data-day=WEDNESDAY]"), "Pushed show");
			assertThat(js.executeScript("return window.notReloaded")).isEqualTo(true);
		}
	}

	/** The playlist page's song titles in order, read in one call (the part is swapped on every push). */
	@SuppressWarnings("unchecked")
	private static List<String> entries(JavascriptExecutor js) {
		return (List<String>) js.executeScript(
				"return Array.from(document.querySelectorAll('#entries .entry-title')).map((e) => e.textContent.trim())");
	}

	@Test
	void theWeekGridDrawsASundayNightShowOnSundayAndOnMonday() throws Exception {
		String uuid = radioWithPlaylist("Night FM", "Night songs");
		String playlist = this.radios.radio(uuid).orElseThrow().defaultPlaylistId();
		assertThat(this.api.call(HttpMethod.PUT, "/api/admin/shows/" + UUID.randomUUID(),
				Map.of("radioUuid", uuid, "name", "Late Night", "days", List.of("SUNDAY"), "start", "22:00", "end",
						"02:00", "playlistId", playlist),
				Void.class)).isInstanceOf(AdminApi.Outcome.Done.class);
		try (ConsoleBrowser browser = new ConsoleBrowser("http://localhost:" + this.port, 1280, 1400)) {
			browser.signIn(TOKEN);
			browser.open("/console/radios/" + uuid);
			// The grid is redrawn whenever any radio changes (other tests' radios too): read each block in one call.
			browser.find(By.cssSelector(".day[data-day=MONDAY] .block.continued"));
			assertThat(textAndStyle(browser, ".day[data-day=SUNDAY] .block")).contains("Late Night", "22:00–02:00",
					"top: 91.6", "height: 8.3");
			assertThat(textAndStyle(browser, ".day[data-day=MONDAY] .block.continued")).contains("Late Night",
					"until 02:00", "top: 0%", "height: 8.3");
			for (String day : List.of("TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")) {
				assertThat(browser.driver().findElements(By.cssSelector(".day[data-day=" + day + "] .block"))).isEmpty();
			}
			// Drawn where it says: the Sunday block sits in the last ninth of its column, the Monday one at the top.
			Map<?, ?> geometry = (Map<?, ?>) ((JavascriptExecutor) browser.driver()).executeScript("""
					const sun = document.querySelector('.day[data-day=SUNDAY] .block').getBoundingClientRect();
					const sunDay = document.querySelector('.day[data-day=SUNDAY] .day-body').getBoundingClientRect();
					const mon = document.querySelector('.day[data-day=MONDAY] .block').getBoundingClientRect();
					const monDay = document.querySelector('.day[data-day=MONDAY] .day-body').getBoundingClientRect();
					return {sunTop: (sun.top - sunDay.top) / sunDay.height, sunBottom: (sun.bottom - sunDay.top) / sunDay.height,
					        monTop: (mon.top - monDay.top) / monDay.height, monBottom: (mon.bottom - monDay.top) / monDay.height};""");
			assertThat(((Number) geometry.get("sunTop")).doubleValue()).isBetween(0.90, 0.93);
			assertThat(((Number) geometry.get("sunBottom")).doubleValue()).isBetween(0.99, 1.01);
			assertThat(((Number) geometry.get("monTop")).doubleValue()).isBetween(-0.01, 0.01);
			assertThat(((Number) geometry.get("monBottom")).doubleValue()).isBetween(0.07, 0.10);
			assertThat(textAndStyle(browser, "table.shows")).contains("Late Night", "Sun", "22:00–02:00");
			browser.screenshot("radio");
		}
	}

	@Test
	void aLongListIsPagedByNameAndCanBeSearched() throws Exception {
		List<String> paged = new java.util.ArrayList<>();
		for (int i = 0; i < 105; i++) {
			paged.add(this.radios.saveRadio(new Radio(UUID.randomUUID().toString(), String.format("zz-paged-%03d", i), null))
				.uuid());
		}
		try (ConsoleBrowser browser = new ConsoleBrowser("http://localhost:" + this.port, 1280, 900)) {
			browser.signIn(TOKEN);
			browser.open("/console/radios?q=zz-paged");
			browser.awaitText(By.cssSelector(".radio-count"), "Radios 1–100 of 105");
			assertThat(browser.driver().findElements(By.cssSelector("tr.radio-row"))).hasSize(100);
			// The list is redrawn whenever radios change (these 105 just did): act again on a redrawn element.
			browser.await((d) -> stale(() -> d.findElement(By.linkText("Next 100")).click()));
			browser.await((d) -> d.findElement(By.cssSelector(".radio-count")).getText().contains("101–105") ? true : null);
			assertThat(browser.text(By.id("list"))).contains("zz-paged-104").doesNotContain("zz-paged-000");
			// The search box is outside the redrawn part: typing into it is never cut off by a redraw.
			WebElement query = browser.find(By.id("radio-query"));
			query.clear();
			query.sendKeys("PAGED-10", Keys.ENTER);
			browser.await((d) -> d.findElement(By.cssSelector(".radio-count")).getText().contains("of 5") ? true : null);
			assertThat(browser.driver().findElements(By.cssSelector("tr.radio-row"))).hasSize(5);
		}
		finally {
			// The other tests' screenshots show their own radios, not these.
			paged.forEach(this.radios::deleteRadio);
		}
	}

	/** {@code true} once {@code action} ran without meeting an element a redraw replaced, else {@code null}. */
	private static @org.jspecify.annotations.Nullable Boolean stale(Runnable action) {
		try {
			action.run();
			return true;
		}
		catch (org.openqa.selenium.StaleElementReferenceException ex) {
			return null;
		}
	}

	/** The element's text and style attribute, read in one script so a redraw cannot come between them. */
	private static String textAndStyle(ConsoleBrowser browser, String selector) {
		return String.valueOf(((JavascriptExecutor) browser.driver()).executeScript(
				"const e = document.querySelector(arguments[0]); return e ? e.innerText + ' | ' + e.style.cssText : '';",
				selector));
	}

	@Test
	void theRadioScreensFitAPhoneAndEveryFieldHasALabel() throws Exception {
		String uuid = radioWithPlaylist("Phone FM", "Phone songs");
		try (ConsoleBrowser browser = browser(375)) {
			browser.signIn(TOKEN);
			for (String path : List.of("/console/radios", "/console/radios/" + uuid,
					"/console/radios/playlists/" + this.radios.radio(uuid).orElseThrow().defaultPlaylistId())) {
				browser.open(path);
				browser.find(By.tagName("h1"));
				JavascriptExecutor js = (JavascriptExecutor) browser.driver();
				assertThat((Long) js.executeScript("return document.documentElement.scrollWidth")).as(path)
					.isLessThanOrEqualTo(375L);
				Object unlabelled = js.executeScript("""
						return [...document.querySelectorAll('main input:not([type=hidden]), main select')]
						  .filter(e => !document.querySelector('label[for="' + e.id + '"]')).map(e => e.name);""");
				assertThat((List<?>) unlabelled).as(path).isEmpty();
				if (path.equals("/console/radios")) {
					browser.screenshot("radios-phone");
				}
			}
			// The show form is reachable from the keyboard alone.
			browser.open("/console/radios/" + uuid);
			browser.find(By.id("show-name")).sendKeys("Keyboard show", Keys.TAB);
			StringBuilder reached = new StringBuilder();
			for (int i = 0; i < 14; i++) {
				WebElement active = browser.driver().switchTo().activeElement();
				reached.append(active.getAttribute("id")).append('|').append(active.getText()).append('|');
				active.sendKeys(Keys.TAB);
			}
			assertThat(reached.toString()).contains("day-MONDAY", "day-SUNDAY", "show-start", "show-end", "show-playlist",
					"Add show");
		}
	}

	private static @org.jspecify.annotations.Nullable String text(JavascriptExecutor js, String css) {
		return (String) js.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
				css);
	}

	private static long progress(JavascriptExecutor js, String rowCss) {
		return ((Number) js.executeScript("return document.querySelector(arguments[0]).value", rowCss + " progress"))
			.longValue();
	}

	/** A radio whose default playlist holds one song, made through the REST API; its uuid. */
	private String radioWithPlaylist(String name, String playlistName) {
		String song = UUID.randomUUID().toString();
		String playlist = UUID.randomUUID().toString();
		String radio = UUID.randomUUID().toString();
		assertThat(this.api.call(HttpMethod.PUT, "/api/admin/songs/" + song,
				Map.of("filename", name + ".mp3", "durationSeconds", 200.0, "title", name + " theme"), Void.class))
			.isInstanceOf(AdminApi.Outcome.Done.class);
		assertThat(this.api.call(HttpMethod.PUT, "/api/admin/playlists/" + playlist,
				Map.of("name", playlistName, "songIds", List.of(song)), Void.class))
			.isInstanceOf(AdminApi.Outcome.Done.class);
		assertThat(this.api.call(HttpMethod.PUT, "/api/admin/radios/" + radio,
				Map.of("name", name, "defaultPlaylistId", playlist), Void.class))
			.isInstanceOf(AdminApi.Outcome.Done.class);
		return radio;
	}

}
