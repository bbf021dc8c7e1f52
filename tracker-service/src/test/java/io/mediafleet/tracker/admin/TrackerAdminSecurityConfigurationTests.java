package io.mediafleet.tracker.admin;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import io.mediafleet.tracker.TrackerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup warning when the admin API runs without a token, and none when one is set.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrackerAdminSecurityConfigurationTests {

	@Test
	void anUnsetTokenIsWarnedAboutAtStartup(CapturedOutput output) {
		new TrackerAdminSecurityConfiguration().trackerAdminTokenFilter(properties(null));
		assertThat(output).contains("mediafleet.tracker.admin.token is not set");
	}

	@Test
	void aBlankTokenCountsAsUnset(CapturedOutput output) {
		new TrackerAdminSecurityConfiguration().trackerAdminTokenFilter(properties("  "));
		assertThat(output).contains("mediafleet.tracker.admin.token is not set");
	}

	@Test
	void aSetTokenIsNotWarnedAbout(CapturedOutput output) {
		var registration = new TrackerAdminSecurityConfiguration().trackerAdminTokenFilter(properties("t"));
		assertThat(output).doesNotContain("mediafleet.tracker.admin.token is not set");
		assertThat(registration.getUrlPatterns()).containsExactly("/admin/tracker/*");
	}

	private static TrackerProperties properties(String token) {
		return new TrackerProperties(new TrackerProperties.Tsp(0, "127.0.0.1", DataSize.ofMegabytes(1), 4096, 20_000, 100,
				10_000, Duration.ofSeconds(30), Duration.ofMillis(20), 7071, 2, true), new TrackerProperties.Admin(token));
	}

}
