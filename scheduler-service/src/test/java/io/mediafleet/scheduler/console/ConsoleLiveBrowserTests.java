package io.mediafleet.scheduler.console;

import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.scheduler.burn.BurnerChannel;
import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open overview follows the fleet without a reload, says when its live connection drops, and catches up by itself
 * once the scheduler pushes again; in Debian's chromium against a real scheduler.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + ConsoleLiveBrowserTests.TOKEN,
				"mediafleet.scheduler.simul.enabled=false", "mediafleet.scheduler.burn.port=0" })
@WithRedis
@WithMongoDb(database = "console-live-tests")
class ConsoleLiveBrowserTests {

	static final String TOKEN = "console-live-token-0123456789abcdef";

	@LocalServerPort
	private int port;

	@Autowired
	private BurnFarm farm;

	@Autowired
	private ConsoleEvents events;

	private static final BurnerChannel IDLE = new BurnerChannel() {

		@Override
		public BurnerTransport transport() {
			return BurnerTransport.TCP;
		}

		@Override
		public void burn(String hash) {
		}

		@Override
		public void eject() {
		}

	};

	@Test
	void aBurnerThatConnectsAppearsWithItsDriveWithoutAReload() throws Exception {
		try (ConsoleBrowser browser = new ConsoleBrowser("http://localhost:" + this.port, 1280, 900)) {
			browser.signIn(TOKEN);
			browser.await((driver) -> browser.live() ? true : null);
			((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("window.notReloaded = true");
			this.farm.burnerConnected("c0ffee01c0ffee00c0ffee00c0ffee01", "BURNCDR", IDLE);
			browser.await((driver) -> driver.findElement(By.id("burners")).getText().contains("c0ffee01") ? true : null);
			browser.awaitText(By.id("burners"), "c0ffee01", "CD-R", "tcp");
			assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("return window.notReloaded"))
				.isEqualTo(true);
		}
	}

	@Test
	void aDroppedLiveConnectionIsAnnouncedAndThePageCatchesUpWhenItIsBack() throws Exception {
		try (ConsoleBrowser browser = new ConsoleBrowser("http://localhost:" + this.port, 1280, 900)) {
			browser.signIn(TOKEN);
			browser.await((driver) -> browser.live() ? true : null);
			WebElement banner = browser.find(By.id("connection"));
			assertThat(banner.isDisplayed()).isFalse();
			try {
				// The scheduler ends every live connection and refuses new ones (503) until it pushes again.
				this.events.stop();
				browser.await((driver) -> driver.findElement(By.id("connection")).isDisplayed() ? true : null);
				browser.awaitText(By.id("connection"), "Connection to the scheduler lost");
				assertThat(browser.live()).isFalse();
				// A change the page cannot be told of while it is cut off.
				this.farm.burnerConnected("d15c0d02c0ffee00c0ffee00c0ffee02", "BURNDVD", IDLE);
			}
			finally {
				this.events.start();
			}
			browser.await((driver) -> browser.live() ? true : null);
			browser.await((driver) -> !driver.findElement(By.id("connection")).isDisplayed() ? true : null);
			// Back, it fetched every part again: the burner that connected meanwhile is there without a reload.
			browser.await((driver) -> driver.findElement(By.id("burners")).getText().contains("d15c0d02") ? true : null);
			browser.awaitText(By.id("burners"), "DVD");
		}
	}

}
