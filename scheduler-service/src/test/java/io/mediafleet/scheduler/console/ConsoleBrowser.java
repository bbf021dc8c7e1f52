package io.mediafleet.scheduler.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (never one Selenium Manager would download),
 * with its own empty profile; one per simulated operator. Screenshots go to {@code target/console-screenshots}, or to
 * the directory in the {@code console.screenshots} system property (e.g. {@code docs/console}).
 */
final class ConsoleBrowser implements AutoCloseable {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	ConsoleBrowser(String baseUrl, int width, int height) throws IOException {
		if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
			throw new IllegalStateException("Console tests need Debian's chromium and chromium-driver "
					+ "(apt-get install chromium chromium-driver; .ci/run installs them)");
		}
		this.baseUrl = baseUrl;
		this.profile = Files.createTempDirectory("console-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
				"--user-data-dir=" + this.profile, "--window-size=" + width + "," + height);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	WebDriver driver() {
		return this.driver;
	}

	void open(String path) {
		this.driver.get(this.baseUrl + path);
	}

	WebElement find(By by) {
		return await((driver) -> driver.findElement(by));
	}

	/**
	 * Waits up to 20 s for the condition to give a value. htmx and the live connection replace parts of the page at
	 * any moment, so an element found by one step may be gone by the next: that counts as "not yet", not as failure.
	 */
	<T> T await(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.ignoring(StaleElementReferenceException.class)
			.until(condition::apply);
	}

	/** Clicks the element, found afresh if a swap replaced it between finding and clicking (a stale click did nothing). */
	void click(By by) {
		await((driver) -> {
			driver.findElement(by).click();
			return true;
		});
	}

	/** Replaces the field's text, found afresh (and typed again from empty) if a swap replaced it meanwhile. */
	void type(By by, String text) {
		await((driver) -> {
			WebElement field = driver.findElement(by);
			field.clear();
			field.sendKeys(text);
			return true;
		});
	}

	/** The text of the element as the page shows it now, found afresh if a swap replaced it while being read. */
	String text(By by) {
		return await((driver) -> driver.findElement(by).getText());
	}

	/**
	 * The element's text once it shows every one of the given parts (a swap or a pushed update may be on its way);
	 * fails like an assertion, with the text last seen, when it does not within 20 s.
	 */
	String awaitText(By by, String... parts) {
		String[] seen = { "(element never found)" };
		try {
			return await((driver) -> {
				String text = driver.findElement(by).getText();
				seen[0] = text;
				for (String part : parts) {
					if (!text.contains(part)) {
						return null;
					}
				}
				return text;
			});
		}
		catch (TimeoutException ex) {
			throw new AssertionError("Expected " + by + " to show " + java.util.Arrays.toString(parts)
					+ " within 20 s but it showed:\n" + seen[0], ex);
		}
	}

	/**
	 * Waits until the address shows the given part; fails like an assertion, naming the address the browser is at,
	 * when it does not within 20 s.
	 */
	void awaitUrl(String part) {
		try {
			await((driver) -> driver.getCurrentUrl().contains(part) ? true : null);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("Expected the address to contain " + part + " within 20 s but the browser is at "
					+ this.driver.getCurrentUrl(), ex);
		}
	}

	void signIn(String token) {
		open("/console/sign-in");
		find(By.id("operator")).sendKeys("test operator");
		find(By.id("token")).sendKeys(token);
		find(By.cssSelector("form button[type=submit]")).click();
		// The overview, or the page asked for before signing in (Spring Security adds "?continue").
		await((driver) -> !driver.getCurrentUrl().contains("/console/sign-in") ? true : null);
	}

	/** Whether the page's live connection is open (the console script marks it on {@code <body>}). */
	boolean live() {
		return "true".equals(this.driver.findElement(By.tagName("body")).getAttribute("data-live"));
	}

	Path screenshot(String name) throws IOException {
		Path directory = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
		Files.createDirectories(directory);
		// The page as a newcomer first sees it, whatever the test scrolled to.
		this.driver.executeScript("window.scrollTo(0, 0)");
		File shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Path target = directory.resolve(name + ".png");
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		return target;
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			try (var files = Files.walk(this.profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

}
