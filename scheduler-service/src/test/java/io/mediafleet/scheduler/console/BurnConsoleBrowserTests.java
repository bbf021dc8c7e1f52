package io.mediafleet.scheduler.console;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.burner.link.LinkBurnerClient;
import io.mediafleet.burner.tcp.TcpBurnerClient;
import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.scheduler.burn.BurnerChannel;
import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.testsupport.Isos;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.schema.burnlink.BurnLink;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The burn farm screen in Debian's chromium against a real scheduler on embedded Redis and MongoDB: a real burner
 * agent burns a real ISO with real xorriso to a {@code stdio:} drive while the page's progress bar moves to PASS;
 * a rename in one operator's browser reaches another's; clearing the queue asks first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + BurnConsoleBrowserTests.TOKEN,
				"mediafleet.scheduler.simul.enabled=false" })
@WithRedis
@WithMongoDb(database = "console-burn-tests")
class BurnConsoleBrowserTests {

	static final String TOKEN = "console-burn-token-0123456789abcdef";

	/** The line protocol's port: the burner agent must know it, so it is chosen here rather than by the server. */
	static final int BURN_PORT = freePort();

	@TempDir
	static Path isoDirectory;

	static Path iso;

	@TempDir
	Path work;

	@LocalServerPort
	private int port;

	@Autowired
	private BurnFarm farm;

	@Autowired
	private LinkTokens tokens;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@DynamicPropertySource
	static void burnPort(DynamicPropertyRegistry registry) {
		registry.add("mediafleet.scheduler.burn.port", () -> BURN_PORT);
	}

	@BeforeAll
	static void makeIso() throws Exception {
		// Big enough that xorriso reports progress for a few seconds, so the page shows the bar moving.
		iso = Isos.make(isoDirectory, "console-demo", 150_000_000, 7);
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
		this.farm.clearQueue();
	}

	private ConsoleBrowser browser(int width) throws IOException {
		ConsoleBrowser browser = new ConsoleBrowser("http://localhost:" + this.port, width, 900);
		this.closeables.add(browser);
		return browser;
	}

	private ConsoleBrowser burnPage(int width) throws IOException {
		ConsoleBrowser browser = browser(width);
		browser.signIn(TOKEN);
		browser.open("/console/burn");
		assertThat(browser.text(By.tagName("h1"))).isEqualTo("Burn farm");
		// Every part once: parts only sent on their own (answers, histories) are not in the page.
		for (String part : List.of("burners", "queue", "enqueue", "burners-message", "queue-message")) {
			assertThat(browser.driver().findElements(By.id(part))).as(part).hasSize(1);
		}
		assertThat(browser.driver().findElement(By.id("main")).getText()).doesNotContain("has left the queue");
		browser.await((driver) -> browser.live() ? true : null);
		// Survives only as long as the page is not reloaded.
		js(browser, "window.notReloaded = true;");
		return browser;
	}

	private TcpBurnerClient tcpBurner(String uid) throws IOException {
		Path drive = Files.createDirectories(this.work.resolve("drive-" + uid)).resolve("disc.iso");
		IsoLibrary library = new IsoLibrary(isoDirectory, this.work.resolve(uid + ".md5cache"));
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings("xorriso", drive, 4_700_000_000L, 4 << 20),
				library);
		TcpBurnerClient client = new TcpBurnerClient("127.0.0.1", BURN_PORT, uid, BurnerType.BURNDVD, library, engine,
				Duration.ofSeconds(10), Duration.ofMillis(200),
				this.tokens.mint("console-test-burner", "slave", null, Duration.ofMinutes(10)));
		this.closeables.add(engine);
		this.closeables.add(client);
		client.start();
		return client;
	}

	@Test
	void aBurnerOnTheLinkAppearsOnTheOverviewAsALinkSessionAndABurnerWithoutAReload() throws Exception {
		String uid = "1111aaaa2222bbbb3333cccc4444dddd";
		Path drive = Files.createDirectories(this.work.resolve("drive-" + uid)).resolve("disc.iso");
		IsoLibrary library = new IsoLibrary(isoDirectory, this.work.resolve(uid + ".md5cache"));
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings("xorriso", drive, 4_700_000_000L, 4 << 20),
				library);
		this.closeables.add(engine);
		LinkBurnerClient client = new LinkBurnerClient(
				new LinkBurnerClient.Identity(URI.create("ws://127.0.0.1:" + this.port + "/api/socket"),
						this.tokens.mint("link-burner-42", "slave", 42L, Duration.ofMinutes(10)), 42, "link-burner-42",
						uid, BurnerType.BURNDVD),
				library, engine, Duration.ofSeconds(10), Duration.ofMillis(200));
		this.closeables.add(client);
		ConsoleBrowser browser = browser(1280);
		browser.signIn(TOKEN);
		browser.await((driver) -> browser.live() ? true : null);
		js(browser, "window.notReloaded = true;");
		client.start();
		browser.awaitText(By.id("link"), "slave", "42", "link-burner-42");
		browser.awaitText(By.id("burners"), "1111aaaa", "DVD", "link");
		assertThat(js(browser, "return window.notReloaded === true;")).isEqualTo(true);
	}

	@Test
	void queueAnImageAndWatchTheProgressBarReachPassWithoutReloading() throws Exception {
		String uid = hex32();
		ConsoleBrowser browser = burnPage(1280);
		tcpBurner(uid);
		String row = "li.burner[data-uid='" + uid + "']";
		browser.find(By.cssSelector(row + "[data-state='AVAIL']"));
		// Every state and bar value the burner's card shows, in order, as the page redraws it.
		js(browser, """
				window.seen = [];
				const look = () => {
				  const card = document.querySelector(arguments[0]);
				  if (!card) { return; }
				  const bar = card.querySelector('progress');
				  const verdict = card.querySelector('.last-verdict .badge');
				  const now = card.dataset.state + (bar ? ':' + bar.value : '') + (verdict ? ' last ' + verdict.textContent : '');
				  if (window.seen[window.seen.length - 1] !== now) { window.seen.push(now); }
				};
				new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
				look();
				""", row);
		String md5 = Isos.md5(iso);
		browser.await((driver) -> driver.findElement(By.cssSelector("#hash option[value='" + md5 + "']")));
		new Select(browser.find(By.id("hash"))).selectByValue(md5);
		browser.find(By.id("priority")).sendKeys("3");
		browser.find(By.id("copies")).sendKeys("1");
		browser.find(By.cssSelector("#enqueue button[type=submit]")).click();
		assertThat(browser.text(By.cssSelector("#enqueue .notice"))).startsWith("Queued as job");

		// The verdict stays beside the state after the tray opens (the farm ejects a disc once it is judged).
		browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(row + " .last-verdict"),
				"PASS"));
		@SuppressWarnings("unchecked")
		List<String> seen = (List<String>) js(browser, "return window.seen;");
		assertThat(js(browser, "return window.notReloaded === true;")).isEqualTo(true);
		assertThat(seen).last().asString().endsWith(" last PASS");
		assertThat(seen).as("no verdict before the burn").noneMatch((state) -> state.startsWith("BURN") && state.contains("last"));
		List<Integer> bar = seen.stream()
			.filter((state) -> state.startsWith("BURN:") || state.startsWith("ASKED:"))
			.map((state) -> Integer.valueOf(state.substring(state.indexOf(':') + 1).split(" ")[0]))
			.toList();
		assertThat(bar).as("progress bar values seen before PASS in %s", seen).isNotEmpty().isSorted();
		assertThat(bar).as("a bar between empty and full in %s", seen).anyMatch((value) -> value > 0 && value < 100);
		assertThat(browser.text(By.cssSelector(row + " .passed"))).isEqualTo("1");
		assertThat(browser.text(By.cssSelector(row + " .failed"))).isEqualTo("0");
		WebElement card = browser.find(By.cssSelector(row));
		card.findElement(By.cssSelector("details.verdicts summary")).click();
		assertThat(card.findElement(By.cssSelector("details.verdicts li")).getText()).contains("PASS", "console-demo.iso");
		assertThat(this.farm.stats(uid).orElseThrow().passed()).isEqualTo(1);
		browser.screenshot("burn");
	}

	@Test
	void aRenameInOneOperatorsBrowserAppearsInAnothersWithoutReload() throws Exception {
		String uid = hex32();
		IdleChannel channel = new IdleChannel();
		this.farm.burnerConnected(uid, "BURNDVD", channel);
		ConsoleBrowser first = burnPage(1280);
		ConsoleBrowser second = burnPage(375);
		By name = By.id("name-" + uid);
		second.find(name);

		WebElement input = first.find(name);
		input.clear();
		input.sendKeys("Left tower", Keys.ENTER);
		assertThat(first.text(By.cssSelector("#burners-message .notice"))).isEqualTo("Renamed to Left tower.");

		second.await((driver) -> "Left tower".equals(driver.findElement(name).getDomProperty("value")) ? true : null);
		assertThat(js(second, "return window.notReloaded === true;")).isEqualTo(true);
		assertThat(this.farm.burnerList()).filteredOn((burner) -> burner.uid().equals(uid))
			.extracting(BurnLink.BurnerInfo::name)
			.containsExactly("Left tower");
		assertThat(second.find(By.cssSelector("button[aria-label='Open the tray of Left tower']")).isEnabled())
			.isTrue();

		// Open tray, from the second operator's page: the farm tells the burner to eject.
		second.find(By.cssSelector("button[aria-label='Open the tray of Left tower']")).click();
		await().atMost(Duration.ofSeconds(20)).until(() -> channel.ejects.get() == 1);
	}

	@Test
	void theQueueIsShownInBurnOrderTheLowerPriorityFirst() throws Exception {
		String later = hex32();
		String sooner = hex32();
		this.farm.imageInfo(later, "later.iso", "queued first, priority 7", 2_000_000);
		this.farm.imageInfo(sooner, "sooner.iso", "queued second, priority 2", 2_000_000);
		ConsoleBrowser browser = burnPage(1280);
		try {
			long laterJob = this.farm.queue(later, 7, 1).orElseThrow();
			long soonerJob = this.farm.queue(sooner, 2, 1).orElseThrow();
			// Read in one script: the queue is redrawn on every push.
			List<?> rows = browser.await((driver) -> {
				List<?> jobs = (List<?>) js(browser,
						"return [...document.querySelectorAll('#queue tr[data-job]')].map((row) => row.dataset.job);");
				return (jobs.size() == 2) ? jobs : null;
			});
			assertThat(rows.stream().map(String::valueOf).toList()).containsExactly(Long.toString(soonerJob),
					Long.toString(laterJob));
			browser.awaitText(By.cssSelector("#queue tr[data-job='" + soonerJob + "']"), "1", "sooner.iso", "2", "waiting");
			browser.awaitText(By.cssSelector("#queue tr[data-job='" + laterJob + "']"), "2", "later.iso", "7", "waiting");
		}
		finally {
			this.farm.clearQueue();
		}
	}

	@Test
	void clearingTheQueueAsksFirstAndBadInputIsShownBesideItsField() throws Exception {
		String hash = hex32();
		this.farm.imageInfo(hash, "waiting.iso", "held by no connected burner", 2_000_000);
		ConsoleBrowser browser = burnPage(375);
		browser.await((driver) -> driver.findElement(By.cssSelector("#hash option[value='" + hash + "']")));

		new Select(browser.find(By.id("hash"))).selectByValue(hash);
		browser.find(By.id("copies")).sendKeys("0");
		browser.find(By.cssSelector("#enqueue button[type=submit]")).click();
		browser.awaitText(By.id("copies-error"), "greater than or equal to 1");
		assertThat(browser.find(By.id("copies")).getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(browser.find(By.id("copies")).getAttribute("aria-describedby")).isEqualTo("copies-error");
		assertThat(this.farm.queueList()).isEmpty();

		WebElement copies = browser.find(By.id("copies"));
		copies.clear();
		copies.sendKeys("2");
		browser.find(By.cssSelector("#enqueue button[type=submit]")).click();
		assertThat(browser.text(By.cssSelector("#enqueue .notice"))).startsWith("Queued as job");
		long jobId = this.farm.queueList().get(0).jobId();
		WebElement history = browser.find(By.cssSelector("#history-" + jobId + " summary"));
		history.click();
		browser.awaitText(By.cssSelector("#history-" + jobId + " .history-list"), "queued",
				"priority 0, 2 copies");
		browser.awaitText(By.cssSelector("#queue tr[data-job='" + jobId + "']"), "waiting.iso",
				"0 / 2");

		browser.find(By.cssSelector("#queue button.danger")).click();
		Alert asked = browser.await(ExpectedConditions.alertIsPresent());
		assertThat(asked.getText()).startsWith("Clear the queue?");
		asked.dismiss();
		assertThat(this.farm.queueList()).hasSize(1);
		assertThat(browser.find(By.cssSelector("#queue tr[data-job='" + jobId + "']")).isDisplayed()).isTrue();

		long scrollWidth = (Long) js(browser, "return document.documentElement.scrollWidth;");
		assertThat(scrollWidth).as("no horizontal scroll at 375 px").isLessThanOrEqualTo(375);
		assertThat(js(browser, """
				return [...document.querySelectorAll('main input:not([type=hidden]), main select')]
				  .filter((field) => !document.querySelector('label[for="' + field.id + '"]')).map((field) => field.id);
				""")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
		browser.screenshot("burn-phone");

		browser.find(By.cssSelector("#queue button.danger")).click();
		browser.await(ExpectedConditions.alertIsPresent()).accept();
		assertThat(browser.text(By.cssSelector("#queue-message .notice"))).startsWith("Removed 1 queued job");
		assertThat(this.farm.queueList()).isEmpty();
	}

	/**
	 * Clearing the queue sets off a burn event, and the event redraws the queue part the clear button sits in. If the
	 * redraw landed before the clear's answer, htmx dropped the answer and its message (the button was no longer in
	 * the page): the operator saw nothing. The page here starts a redraw the moment each action's request leaves,
	 * as the worst-timed burn event would, and the redraw must wait for the action's answer.
	 */
	@Test
	void anActionsAnswerIsShownEvenWhenTheRedrawItSetsOffComesFirst() throws Exception {
		String uid = hex32();
		this.farm.burnerConnected(uid, "BURNDVD", new IdleChannel());
		String hash = hex32();
		this.farm.imageInfo(hash, "overlap.iso", "queued to be cleared", 2_000_000);
		long jobId = this.farm.queue(hash, 3, 1).orElseThrow();
		ConsoleBrowser browser = burnPage(1280);
		browser.awaitText(By.cssSelector("#queue tr[data-job='" + jobId + "']"), "overlap.iso");
		js(browser, """
				window.requestLog = [];
				const name = (detail) => detail.requestConfig.verb + ' ' + detail.requestConfig.path;
				document.body.addEventListener('htmx:beforeRequest', (event) => {
				  window.requestLog.push('start ' + name(event.detail));
				  if (event.detail.requestConfig.verb === 'post') {
				    htmx.trigger(document.body, 'console:resync');
				  }
				});
				document.body.addEventListener('htmx:afterRequest',
				    (event) => window.requestLog.push('end ' + name(event.detail)));
				""");

		browser.click(By.id("clear-queue"));
		browser.await(ExpectedConditions.alertIsPresent()).accept();
		assertThat(browser.text(By.cssSelector("#queue-message .notice"))).startsWith("Removed 1 queued job");
		browser.awaitText(By.id("queue"), "The queue is empty.");
		assertRedrawWaited(browser, "post /console/burn/queue/clear", "get /console/burn/queue");

		// The clear's redraws may still be replacing the burners part: type into the field the page shows now (once
		// focus is in the rename form, the page holds redraws of the part back).
		browser.type(By.id("name-" + uid), "Overlap");
		browser.click(By.id("rename-" + uid));
		assertThat(browser.text(By.cssSelector("#burners-message .notice"))).isEqualTo("Renamed to Overlap.");
		assertThat(browser.find(By.id("name-" + uid)).getAttribute("value")).isEqualTo("Overlap");
		assertRedrawWaited(browser, "post /console/burn/burners/" + uid + "/name", "get /console/burn/burners");
	}

	/** No redraw of the part started while the action's request was out. */
	private static void assertRedrawWaited(ConsoleBrowser browser, String action, String redraw) {
		List<String> log = browser.await((driver) -> {
			List<?> entries = (List<?>) js(browser, "return window.requestLog;");
			return entries.contains("end " + action) ? entries.stream().map(String::valueOf).toList() : null;
		});
		int started = log.indexOf("start " + action);
		int ended = log.indexOf("end " + action);
		assertThat(started).as("the action's request in %s", log).isNotNegative();
		assertThat(log.subList(started, ended)).as("requests while %s was out", action).doesNotContain("start " + redraw);
	}

	@Test
	void theQueueFormAndEveryBurnerActionAreReachableByKeyboard() throws Exception {
		String uid = hex32();
		this.farm.burnerConnected(uid, "BURNDVD", new IdleChannel());
		ConsoleBrowser browser = burnPage(1280);
		browser.find(By.id("name-" + uid));
		List<String> reached = new ArrayList<>();
		for (int i = 0; i < 60 && !reached.contains("copies"); i++) {
			browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
			WebElement active = browser.driver().switchTo().activeElement();
			String id = active.getAttribute("id");
			reached.add((id != null && !id.isEmpty()) ? id : active.getText());
		}
		assertThat(reached).contains("name-" + uid, "rename-" + uid, "open-" + uid, "clear-queue", "hash", "priority",
				"copies");
	}

	private static Object js(ConsoleBrowser browser, String script, Object... arguments) {
		return ((JavascriptExecutor) browser.driver()).executeScript(script, arguments);
	}

	private static String hex32() {
		return String.format("%016x%016x", ThreadLocalRandom.current().nextLong(),
				ThreadLocalRandom.current().nextLong());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A burner the farm believes connected and idle; nothing burns. */
	private static final class IdleChannel implements BurnerChannel {

		/** Trays opened: the farm asks the burner's channel to eject. */
		final java.util.concurrent.atomic.AtomicInteger ejects = new java.util.concurrent.atomic.AtomicInteger();

		@Override
		public BurnerTransport transport() {
			return BurnerTransport.TCP;
		}

		@Override
		public void burn(String hash) {
		}

		@Override
		public void eject() {
			this.ejects.incrementAndGet();
		}

	}

}
