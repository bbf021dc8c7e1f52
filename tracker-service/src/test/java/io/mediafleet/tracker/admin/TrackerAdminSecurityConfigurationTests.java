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
 * A token is generated (and logged in a warning) when none is configured; a configured one is used silently.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrackerAdminSecurityConfigurationTests {

	@Test
	void anUnsetTokenIsGeneratedAndLoggedAtStartup(CapturedOutput output) {
		var token = new TrackerAdminSecurityConfiguration().trackerAdminToken(properties(null));
		assertThat(token.generated()).isTrue();
		assertThat(token.value()).hasSize(43);
		assertThat(output).contains("mediafleet.tracker.admin.token is not set: generated the admin token " + token.value());
		assertThat(token.toString()).doesNotContain(token.value());
	}

	@Test
	void aBlankTokenCountsAsUnsetAndEachStartGeneratesANewOne(CapturedOutput output) {
		var configuration = new TrackerAdminSecurityConfiguration();
		var first = configuration.trackerAdminToken(properties("  "));
		assertThat(first.generated()).isTrue();
		assertThat(configuration.trackerAdminToken(properties(null)).value()).isNotEqualTo(first.value());
	}

	@Test
	void aSetTokenIsUsedAndNotLogged(CapturedOutput output) {
		var configuration = new TrackerAdminSecurityConfiguration();
		var token = configuration.trackerAdminToken(properties("t0ken"));
		assertThat(token).isEqualTo(new TrackerAdminSecurityConfiguration.TrackerAdminToken("t0ken", false));
		var registration = configuration.trackerAdminTokenFilter(token);
		assertThat(output).doesNotContain("mediafleet.tracker.admin.token is not set").doesNotContain("t0ken");
		assertThat(registration.getUrlPatterns()).containsExactly("/admin/tracker/*");
	}

	private static TrackerProperties properties(String token) {
		return new TrackerProperties(new TrackerProperties.Tsp(0, "127.0.0.1", DataSize.ofMegabytes(1), 4096, 20_000, 100,
				100, 10_000, Duration.ofSeconds(30), Duration.ofMillis(20), 7071, 2, true), new TrackerProperties.Admin(token));
	}

}
