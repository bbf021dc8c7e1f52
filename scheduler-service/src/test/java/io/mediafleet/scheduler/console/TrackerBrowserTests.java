package io.mediafleet.scheduler.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker page in Debian's chromium against a real scheduler on embedded Redis and MongoDB, its tracker a small
 * HTTP server in the test answering the tracker's admin API in the tracker's own JSON ({@code TrackerAdminController}'s
 * {@code SongView} and {@code Catalogue.PeerView}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + TrackerBrowserTests.TOKEN,
				"mediafleet.scheduler.simul.enabled=false", "mediafleet.scheduler.burn.port=0",
				"mediafleet.scheduler.console.health-interval=200ms" })
@WithRedis
@WithMongoDb(database = "console-tracker-tests")
class TrackerBrowserTests {

	static final String TOKEN = "console-tracker-token-0123456789abcdef";

	private static final FakeTracker tracker = FakeTracker.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void trackerUrl(DynamicPropertyRegistry registry) {
		registry.add("mediafleet.scheduler.console.tracker-url", tracker::url);
	}

	@AfterAll
	static void stopTracker() {
		tracker.server.stop(0);
	}

	@BeforeEach
	void threeSongsOnTwoPeers() {
		tracker.reset();
	}

	private ConsoleBrowser browser(int width) throws IOException {
		return new ConsoleBrowser("http://localhost:" + this.port, width, 900);
	}

	private static List<String> rows(ConsoleBrowser browser, String table) {
		// Read in one go in the page: a part swapped by a live refresh never leaves a stale element half read.
		@SuppressWarnings("unchecked")
		List<String> texts = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
				"return Array.from(document.querySelectorAll(arguments[0])).map((row) => row.innerText)", "#" + table + " tbody tr");
		return texts;
	}

	private static void search(ConsoleBrowser browser, String text) {
		WebElement box = browser.find(By.id("song-search"));
		box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
		box.sendKeys(text);
	}

	@Test
	void theCatalogueIsSearchedByTitleArtistOrFileNameIgnoringCase() throws Exception {
		try (ConsoleBrowser browser = browser(1280)) {
			browser.signIn(TOKEN);
			browser.open("/console/tracker");
			browser.await((d) -> rows(browser, "songs-table").size() == 3 ? true : null);
			browser.awaitText(By.id("tracker-up"), "3 songs", "2 peers");
			// The overview's tracker card says the same.
			browser.open("/console");
			browser.awaitText(By.id("tracker"), "2 peers share 3 songs.");
			browser.open("/console/tracker");
			browser.await((d) -> rows(browser, "songs-table").size() == 3 ? true : null);
			assertThat(rows(browser, "songs-table").getFirst()).contains("Yellow Submarine", "The Beatles",
					"yellow_submarine.mp3", "2:38", "10.0.0.1:7000");
			browser.awaitText(By.cssSelector("tr[data-song-id='3']"), "and 2 more");

			search(browser, "BEATLES");
			browser.await((d) -> rows(browser, "songs-table").size() == 1 ? true : null);
			assertThat(rows(browser, "songs-table").getFirst()).contains("Yellow Submarine");
			browser.awaitText(By.id("song-count"), "1 of 3 songs match");

			search(browser, ".flac");
			browser.await((d) -> rows(browser, "songs-table").size() == 1
					&& rows(browser, "songs-table").getFirst().contains("Blue in Green") ? true : null);

			search(browser, "paranoid");
			browser.await((d) -> rows(browser, "songs-table").size() == 1
					&& rows(browser, "songs-table").getFirst().contains("Radiohead") ? true : null);

			search(browser, "no such song anywhere");
			browser.await((d) -> d.findElement(By.id("songs")).getText().contains("No song matches.") ? true : null);
			assertThat(rows(browser, "songs-table")).isEmpty();

			// The search survives a refresh pushed by the tracker: a new song that does not match stays hidden.
			search(browser, "android");
			browser.await((d) -> rows(browser, "songs-table").size() == 1 ? true : null);
			tracker.songs.add(song(4, "Karma Police", "Radiohead", "karma.ogg", 264.0, List.of("10.0.0.2:7000")));
			browser.await((d) -> d.findElement(By.id("tracker-up")).getText().contains("4 songs") ? true : null);
			browser.await((d) -> d.findElement(By.id("song-count")).getText().contains("1 of 4") ? true : null);
			assertThat(rows(browser, "songs-table")).singleElement().asString().contains("Paranoid Android");

			// Without script, the same search is a plain GET.
			browser.open("/console/tracker?q=miles");
			assertThat(rows(browser, "songs-table")).singleElement().asString().contains("Blue in Green");
			assertThat(browser.find(By.id("song-search")).getAttribute("value")).isEqualTo("miles");
		}
	}

	@Test
	void kickingAPeerAsksForConfirmationThenDisconnectsItAtTheTracker() throws Exception {
		try (ConsoleBrowser browser = browser(1280)) {
			browser.signIn(TOKEN);
			browser.open("/console/tracker");
			browser.await((d) -> rows(browser, "peers-table").size() == 2 ? true : null);
			assertThat(rows(browser, "peers-table").getFirst()).contains("10.0.0.1:7000", "192.168.1.5:51234", "3");
			browser.screenshot("tracker");

			WebElement kick = browser.find(By.cssSelector("tr[data-peer-id='7'] button.kick"));
			assertThat(kick.getAccessibleName()).isEqualTo("Disconnect peer 10.0.0.1:7000");
			// Dismissing the confirmation changes nothing.
			kick.click();
			browser.await(ExpectedConditions.alertIsPresent()::apply).dismiss();
			Thread.sleep(300);
			assertThat(tracker.deletes).isEmpty();

			kick.click();
			var confirm = browser.await(ExpectedConditions.alertIsPresent()::apply);
			assertThat(confirm.getText()).contains("Disconnect peer 10.0.0.1:7000");
			confirm.accept();
			browser.await((d) -> d.findElement(By.id("kick-result")).getText().contains("was disconnected") ? true : null);
			assertThat(tracker.deletes).containsExactly("/admin/tracker/peers/7");
			browser.await((d) -> rows(browser, "peers-table").size() == 1 ? true : null);
			assertThat(rows(browser, "peers-table")).singleElement().asString().contains("10.0.0.2:7000");
			assertThat(browser.text(By.cssSelector("#kick-result .notice")))
				.isEqualTo("Peer 10.0.0.1:7000 was disconnected; its songs left the catalogue (it may connect again).");
		}
	}

	@Test
	void aTrackerThatStopsAnsweringIsSaidPlainlyAndTheLastAnswerStays() throws Exception {
		try (ConsoleBrowser browser = browser(1280)) {
			browser.signIn(TOKEN);
			browser.open("/console/tracker");
			browser.await((d) -> rows(browser, "songs-table").size() == 3 ? true : null);
			tracker.failing = true;
			String down = browser.await((d) -> {
				List<WebElement> problem = d.findElements(By.id("tracker-down"));
				return problem.isEmpty() ? null : problem.getFirst().getText();
			});
			assertThat(down).contains("the tracker answered HTTP 503", "last answer");
			assertThat(rows(browser, "songs-table")).hasSize(3);
			tracker.failing = false;
			browser.await((d) -> d.findElements(By.id("tracker-up")).isEmpty() ? null : true);
		}
	}

	@Test
	void aLargeCatalogueIsCutAtFiveHundredSongsAndThePageFitsAPhone() throws Exception {
		List<Map<String, Object>> many = new ArrayList<>();
		for (int i = 1; i <= 620; i++) {
			many.add(song(i, "Song " + i, "Artist " + (i % 7), "library/some/rather/long/path/name/song-" + i + ".mp3",
					180.0, List.of("10.0.0.1:7000")));
		}
		tracker.songs.clear();
		tracker.songs.addAll(many);
		try (ConsoleBrowser browser = browser(375)) {
			browser.signIn(TOKEN);
			browser.open("/console/tracker");
			browser.await((d) -> rows(browser, "songs-table").size() == TrackerController.MAX_SONGS ? true : null);
			browser.awaitText(By.id("song-count"), "620 songs", "first 500", "120 more");
			Long scrollWidth = (Long) ((JavascriptExecutor) browser.driver())
				.executeScript("return document.documentElement.scrollWidth");
			assertThat(scrollWidth).isLessThanOrEqualTo(375L);
			// The search box and every kick button are reachable from the keyboard and labelled.
			WebElement body = browser.find(By.tagName("body"));
			List<String> reached = new ArrayList<>();
			for (int i = 0; i < 14 && !reached.contains("song-search"); i++) {
				body.sendKeys(Keys.TAB);
				reached.add(String.valueOf(browser.driver().switchTo().activeElement().getAttribute("id")));
			}
			assertThat(reached).contains("song-search");
			browser.awaitText(By.cssSelector("label[for='song-search']"), "Search songs");
			browser.screenshot("tracker-phone");
		}
	}

	static Map<String, Object> song(int id, String title, String artist, String fileName, Double seconds,
			List<String> hosts) {
		Map<String, Object> song = new LinkedHashMap<>();
		song.put("id", id);
		song.put("md5", "0123456789abcdef0123456789abcdef");
		song.put("sizeBytes", 4_200_000L);
		song.put("durationSeconds", seconds);
		song.put("title", title);
		song.put("artist", artist);
		song.put("fileName", fileName);
		song.put("hosts", hosts);
		return song;
	}

	static Map<String, Object> peer(long id, String address, String remote, int songs, String joined) {
		Map<String, Object> peer = new LinkedHashMap<>();
		peer.put("id", id);
		peer.put("address", address);
		peer.put("remote", remote);
		peer.put("songs", songs);
		peer.put("joined", joined);
		return peer;
	}

	/** The tracker's admin API ({@code GET /admin/tracker/songs}, {@code /peers}, {@code DELETE /peers/{id}}). */
	static final class FakeTracker {

		final HttpServer server;

		final List<Map<String, Object>> songs = new CopyOnWriteArrayList<>();

		final List<Map<String, Object>> peers = new CopyOnWriteArrayList<>();

		final List<String> deletes = new CopyOnWriteArrayList<>();

		volatile boolean failing;

		private final JsonMapper json = JsonMapper.builder().build();

		private FakeTracker(HttpServer server) {
			this.server = server;
		}

		static FakeTracker start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				FakeTracker tracker = new FakeTracker(server);
				server.createContext("/admin/tracker/", tracker::handle);
				server.start();
				return tracker;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		void reset() {
			this.failing = false;
			this.deletes.clear();
			this.songs.clear();
			this.songs.add(song(1, "Yellow Submarine", "The Beatles", "yellow_submarine.mp3", 158.0, List.of("10.0.0.1:7000")));
			this.songs.add(song(2, "Blue in Green", "Miles Davis", "kind_of_blue/03.FLAC", 337.5, List.of("10.0.0.2:7000")));
			this.songs.add(song(3, "Paranoid Android", "Radiohead", "ok_computer/02.ogg", null,
					List.of("10.0.0.1:7000", "10.0.0.2:7000", "10.0.0.3:7000", "10.0.0.4:7000", "10.0.0.5:7000",
							"10.0.0.6:7000", "10.0.0.7:7000", "10.0.0.8:7000")));
			this.peers.clear();
			this.peers.add(peer(7, "10.0.0.1:7000", "192.168.1.5:51234", 3, "2026-12-06T10:00:00Z"));
			this.peers.add(peer(8, "10.0.0.2:7000", "192.168.1.6:40000", 2, "2026-12-06T10:05:00.250Z"));
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				String path = exchange.getRequestURI().getPath();
				if (this.failing) {
					exchange.sendResponseHeaders(503, -1);
					return;
				}
				String method = exchange.getRequestMethod();
				if (method.equals("GET") && path.equals("/admin/tracker/songs")) {
					send(exchange, this.songs);
				}
				else if (method.equals("GET") && path.equals("/admin/tracker/peers")) {
					send(exchange, this.peers);
				}
				else if (method.equals("DELETE") && path.startsWith("/admin/tracker/peers/")) {
					this.deletes.add(path);
					long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
					boolean known = this.peers.removeIf((peer) -> ((Number) peer.get("id")).longValue() == id);
					exchange.sendResponseHeaders(known ? 204 : 404, -1);
				}
				else {
					exchange.sendResponseHeaders(404, -1);
				}
			}
		}

		private void send(HttpExchange exchange, Object body) throws IOException {
			byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

	}

}
