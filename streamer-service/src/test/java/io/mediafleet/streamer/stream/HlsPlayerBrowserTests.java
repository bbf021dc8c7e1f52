package io.mediafleet.streamer.stream;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TestMp3s;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamer's HLS player page in Debian's headless chromium (through Debian's chromedriver, never a downloaded
 * one): the audio element plays the radio's {@code live.m3u8} and shows the title from the segments' ID3 tags.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + HlsPlayerBrowserTests.STREAMER,
				"mediafleet.streamer.hls.segment-duration=1s", "mediafleet.streamer.hls.playlist-segments=3" })
@WithRedis
class HlsPlayerBrowserTests {

	static final String STREAMER = "hls-browser";

	static SchedulerDouble scheduler;

	@LocalServerPort
	int port;

	ChromeDriver driver;

	Path profile;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws Exception {
		Path library = Files.createTempDirectory("hls-browser-library");
		TestMp3s.sine(library.resolve("long.mp3"), 60, "Alpha", "Ann", "-b:a", "128k");
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@BeforeAll
	static void startScheduler() {
		scheduler = new SchedulerDouble(TestRedis.url(), STREAMER);
		scheduler.program("hls-page", "long.mp3", 0, 0);
	}

	@AfterAll
	static void stopScheduler() {
		scheduler.close();
	}

	@BeforeEach
	void startChromium() throws Exception {
		assertThat(new File("/usr/bin/chromium").canExecute()).as("Debian's chromium (apt-get install chromium)").isTrue();
		assertThat(new File("/usr/bin/chromedriver").canExecute())
			.as("Debian's chromedriver (apt-get install chromium-driver)")
			.isTrue();
		this.profile = Files.createTempDirectory("hls-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
				"--user-data-dir=" + this.profile);
		this.driver = new ChromeDriver(new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build(), options);
	}

	@AfterEach
	void stopChromium() throws Exception {
		this.driver.quit();
		TestMp3s.run(java.util.List.of("rm", "-rf", this.profile.toString()), 30);
	}

	@Test
	void playerPagePlaysTheRadioAndShowsItsTitle() {
		this.driver.get("http://127.0.0.1:" + this.port + "/hls-player.html?radio=hls-page");
		WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(60));
		assertThat(this.driver.findElement(By.id("mode")).getText()).startsWith("hls.js 1.4");
		// Playing for real: currentTime passes 2 s and then keeps advancing.
		double first = wait.until((driver) -> {
			Object error = this.driver.executeScript("return document.getElementById('player').dataset.error || null");
			assertThat(error).as("player error").isNull();
			Number time = (Number) this.driver.executeScript("return document.getElementById('player').currentTime");
			return (time.doubleValue() > 2) ? time.doubleValue() : null;
		});
		wait.until((driver) -> {
			Number time = (Number) this.driver.executeScript("return document.getElementById('player').currentTime");
			return time.doubleValue() > first + 1.5;
		});
		assertThat((Boolean) this.driver.executeScript("return document.getElementById('player').paused")).isFalse();
		wait.until((driver) -> "Ann - Alpha".equals(this.driver.findElement(By.id("title")).getText()));
	}

}
