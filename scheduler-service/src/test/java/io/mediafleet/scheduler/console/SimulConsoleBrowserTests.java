package io.mediafleet.scheduler.console;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mediafleet.player.library.MediaLibrary;
import io.mediafleet.player.playback.Player;
import io.mediafleet.player.simul.SimulSlave;
import io.mediafleet.scheduler.simul.SimulMaster;
import io.mediafleet.scheduler.simul.SimulTestKeys;
import io.mediafleet.scheduler.simul.SimulStatus;
import io.mediafleet.scheduler.simul.SyncStatus;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The simul screen in Debian's chromium against a real scheduler: two real player agents (headless mpv) find the
 * file, start now and at a chosen instant, pause, seek and resume together, and each slave's answer appears on the
 * page as it comes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + SimulConsoleBrowserTests.TOKEN,
				"mediafleet.scheduler.simul.curve.secret-key=" + SimulTestKeys.MASTER_SECRET,
				"mediafleet.scheduler.simul.curve.slave-keys=" + SimulTestKeys.SLAVE_PUBLIC })
@WithRedis
@WithMongoDb(database = "console-simul-tests")
class SimulConsoleBrowserTests {

	static final String TOKEN = "console-simul-token-0123456789abcdef";

	/** The agents must know the buses' ports, so they are chosen here rather than by the server. */
	static final int ADVISE_PORT = freePort();

	static final int COMMAND_PORT = freePort();

	@TempDir
	Path temp;

	@LocalServerPort
	private int port;

	@Autowired
	private SimulMaster master;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@DynamicPropertySource
	static void busPorts(DynamicPropertyRegistry registry) {
		registry.add("mediafleet.scheduler.simul.advise-port", () -> ADVISE_PORT);
		registry.add("mediafleet.scheduler.simul.command-port", () -> COMMAND_PORT);
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
	}

	private void agent(String name, Path tone) throws IOException {
		agent(name, tone, Duration.ZERO);
	}

	private void agent(String name, Path tone, Duration latencyOffset) throws IOException {
		Path media = Files.createDirectories(this.temp.resolve("media-" + name));
		Files.copy(tone, media.resolve(tone.getFileName()));
		Player player = new Player(List.of("mpv", "--no-terminal", "--no-config", "--ao=null", "--vo=null"), true);
		SimulSlave slave = SimulSlave.start(new SimulSlave.Settings(name, "127.0.0.1", ADVISE_PORT, COMMAND_PORT,
				Duration.ofMillis(200), Duration.ofSeconds(60), SimulTestKeys.listedSlave(), latencyOffset),
				new MediaLibrary(media, 100),
				player,
				new SimpleMeterRegistry(), InstantSource.system());
		this.closeables.add(slave);
	}

	private Path tone(String name, int seconds) throws Exception {
		Path file = Files.createDirectories(this.temp.resolve("generated")).resolve(name);
		Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
				"sine=frequency=440:duration=" + seconds, "-y", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0).as("ffmpeg made the tone").isTrue();
		return file;
	}

	private ConsoleBrowser browser(int width) throws IOException {
		ConsoleBrowser browser = new ConsoleBrowser("http://localhost:" + this.port, width, 1000);
		this.closeables.add(browser);
		return browser;
	}

	@Test
	void startASimulOnTwoPlayerAgentsNowThenAtAChosenInstantAndSeeBothSlavesAnswer() throws Exception {
		// Long enough to outlast the pause, seek and resume below on a loaded machine.
		Path tone = tone("party.mp3", 90);
		agent("alpha", tone);
		// Its audio comes out 120 ms late (a receiver, say): it starts that much earlier and the page says so.
		agent("bravo", tone, Duration.ofMillis(120));
		ConsoleBrowser browser = browser(1280);
		browser.signIn(TOKEN);
		browser.open("/console/simul");
		browser.await((driver) -> browser.live() ? true : null);
		js(browser, "window.notReloaded = true;");
		browser.find(By.cssSelector("li.slave[data-slave='alpha']"));
		browser.awaitText(By.cssSelector("li.slave[data-slave='bravo'] .latency"), "120 ms");

		browser.find(By.id("filename")).sendKeys("party.mp3");
		browser.find(By.cssSelector("#actions button.primary")).click();
		browser.awaitText(By.cssSelector("#actions .notice"), "looking for party.mp3");
		browser.await(ExpectedConditions.textToBe(By.id("simul-state"), "READY"));
		for (String slave : List.of("alpha", "bravo")) {
			String card = "li.slave[data-slave='" + slave + "'][data-file='OK']";
			browser.find(By.cssSelector(card));
			// Read in one script: the part may be redrawn between two WebDriver calls.
			assertThat(js(browser, "return document.querySelector(arguments[0] + ' .md5').textContent.trim();", card))
				.asString()
				.matches("[0-9a-f]{32}");
		}

		browser.find(By.id("start-now")).click();
		browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#actions .notice"),
				"Every slave starts at"));
		for (String slave : List.of("alpha", "bravo")) {
			browser.find(By.cssSelector("li.slave[data-slave='" + slave + "'][data-start='STARTED']"));
		}
		browser.await(ExpectedConditions.textToBe(By.id("simul-state"), "PLAYING"));
		browser.awaitText(By.id("simul-playback"), "playing");
		browser.screenshot("simul");

		// Resume while playing is refused at the top of the controls, in the API's words.
		browser.find(By.id("resume")).click();
		browser.awaitText(By.cssSelector("#transport .problem"), "the simul is not paused");

		// Pause: both players pause on the same frame; the status card (pushed, not reloaded) says where.
		browser.find(By.id("pause")).click();
		browser.awaitText(By.cssSelector("#transport .notice"), "Every slave pauses at");
		browser.awaitText(By.id("simul-playback"), "paused at");
		assertThat(this.master.sync().paused()).isTrue();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.master.sync().slaves())
			.extracting(SyncStatus.SlaveOffset::name, SyncStatus.SlaveOffset::paused)
			.contains(tuple("alpha", true), tuple("bravo", true)));

		// A position the API cannot read is refused beside the field; a good one moves the whole group there.
		browser.find(By.id("position")).sendKeys("1:75");
		browser.find(By.id("seek")).click();
		browser.awaitText(By.id("position-error"), "'1:75' is not a position");
		assertThat(browser.find(By.id("position")).getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(browser.find(By.id("position")).getAttribute("value")).isEqualTo("1:75");
		browser.find(By.id("position")).clear();
		browser.find(By.id("position")).sendKeys("0:05");
		browser.find(By.id("seek")).click();
		browser.awaitText(By.cssSelector("#transport .notice"), "Every slave goes to 0:05.000");
		assertThat(browser.driver().findElements(By.id("position-error"))).isEmpty();
		browser.awaitText(By.id("simul-playback"), "paused at 0:05.000");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.master.sync().slaves())
			.allSatisfy((slave) -> assertThat(slave.positionMs()).isBetween(4_500L, 5_500L)));

		browser.find(By.id("resume")).click();
		browser.awaitText(By.cssSelector("#transport .notice"), "Every slave resumes from 0:05.000");
		browser.awaitText(By.id("simul-playback"), "playing");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.master.sync().slaves())
			.extracting(SyncStatus.SlaveOffset::paused)
			.containsOnly(false)
			.hasSize(2));

		browser.find(By.id("stop")).click();
		browser.await(ExpectedConditions.alertIsPresent()).accept();
		browser.await(ExpectedConditions.textToBe(By.id("simul-state"), "STOPPED"));
		browser.find(By.id("pause")).click();
		browser.awaitText(By.cssSelector("#transport .problem"), "no simul is playing");

		// An instant already past is refused beside the field; one a few seconds ahead is agreed by both slaves.
		setStartAt(browser, -60);
		browser.find(By.cssSelector("form.start-at button")).click();
		browser.awaitText(By.id("at-error"), "has passed");
		assertThat(browser.find(By.id("at")).getAttribute("aria-invalid")).isEqualTo("true");
		setStartAt(browser, 4);
		browser.find(By.cssSelector("form.start-at button")).click();
		browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#actions .notice"),
				"Every slave starts at"));
		SimulStatus agreed = this.master.status();
		assertThat(agreed.startAt()).isNotNull();
		assertThat(browser.find(By.id("simul-start-at")).getAttribute("datetime"))
			.isEqualTo(agreed.startAt().toString());
		for (String slave : List.of("alpha", "bravo")) {
			browser.find(By.cssSelector("li.slave[data-slave='" + slave + "'][data-start='STARTED']"));
		}
		assertThat(js(browser, "return window.notReloaded === true;")).isEqualTo(true);
		assertThat(this.master.status().slaves()).extracting(SimulStatus.SlaveStatus::start)
			.containsOnly(SimulStatus.StartState.STARTED);

		// The overview lists both player agents with their file status and the simul's state.
		browser.open("/console");
		browser.awaitText(By.id("players"), "PLAYING", "party.mp3", "alpha", "bravo");
		assertThat(js(browser, "return document.querySelectorAll('#players li .badge.ok').length;")).isEqualTo(2L);
	}

	@Test
	void thePageFitsAPhoneAndEveryFieldHasALabel() throws Exception {
		ConsoleBrowser browser = browser(375);
		browser.signIn(TOKEN);
		browser.open("/console/simul");
		browser.await((driver) -> browser.live() ? true : null);
		browser.find(By.id("filename")).sendKeys("nothing-has-this.mp3");
		browser.find(By.cssSelector("#actions button.primary")).click();
		browser.await(ExpectedConditions.textToBe(By.id("simul-file"), "nothing-has-this.mp3"));
		long scrollWidth = (Long) js(browser, "return document.documentElement.scrollWidth;");
		assertThat(scrollWidth).as("no horizontal scroll at 375 px").isLessThanOrEqualTo(375);
		assertThat(js(browser, """
				return [...document.querySelectorAll('main input:not([type=hidden]), main select')]
				  .filter((field) => !document.querySelector('label[for="' + field.id + '"]')).length;
				""")).isEqualTo(0L);
		browser.screenshot("simul-phone");
	}

	/** Puts now plus {@code seconds} into the datetime-local field, in the browser's own zone. */
	private static void setStartAt(ConsoleBrowser browser, int seconds) {
		js(browser, """
				const at = new Date(Date.now() + arguments[0] * 1000);
				const pad = (n) => String(n).padStart(2, '0');
				document.getElementById('at').value = at.getFullYear() + '-' + pad(at.getMonth() + 1) + '-'
				  + pad(at.getDate()) + 'T' + pad(at.getHours()) + ':' + pad(at.getMinutes()) + ':' + pad(at.getSeconds());
				""", seconds);
	}

	private static Object js(ConsoleBrowser browser, String script, Object... arguments) {
		return ((JavascriptExecutor) browser.driver()).executeScript(script, arguments);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
