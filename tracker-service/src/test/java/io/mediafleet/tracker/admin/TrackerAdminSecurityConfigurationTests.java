package io.mediafleet.tracker.admin;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import io.mediafleet.tracker.TrackerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No token configured: the admin API is disabled and a warning says how to enable it; a configured one is used
 * silently. No token is ever generated.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrackerAdminSecurityConfigurationTests {

	@Test
	void anUnsetTokenDisablesTheAdminApiWithAWarning(CapturedOutput output) {
		var registration = new TrackerAdminSecurityConfiguration().trackerAdminTokenFilter(properties(null));
		assertThat(registration.getFilter().enabled()).isFalse();
		assertThat(output).contains("mediafleet.tracker.admin.token is not set: the admin API (/admin/tracker/*) "
				+ "answers 401 to every request");
	}

	@Test
	void aBlankTokenCountsAsUnset(CapturedOutput output) {
		var registration = new TrackerAdminSecurityConfiguration().trackerAdminTokenFilter(properties("  "));
		assertThat(registration.getFilter().enabled()).isFalse();
		assertThat(output).contains("mediafleet.tracker.admin.token is not set");
	}

	@Test
	void aSetTokenIsUsedAndNotLogged(CapturedOutput output) {
		var registration = new TrackerAdminSecurityConfiguration().trackerAdminTokenFilter(properties("t0ken"));
		assertThat(registration.getFilter().enabled()).isTrue();
		assertThat(output).doesNotContain("mediafleet.tracker.admin.token is not set").doesNotContain("t0ken");
		assertThat(registration.getUrlPatterns()).containsExactly("/admin/tracker/*");
	}

	private static TrackerProperties properties(@Nullable String token) {
		return new TrackerProperties(new TrackerProperties.Tsp(0, "127.0.0.1", DataSize.ofMegabytes(1), 4096, 20_000, 100,
				100, 10_000, Duration.ofSeconds(30), Duration.ofMillis(20), 7071, 2, true), new TrackerProperties.Admin(token));
	}

}
