package io.mediafleet.schema.radio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Channel names of radio control, with and without a tenant prefix.
 */
class RadioChannelsTests {

	@Test
	void defaultNamesAreTheOriginals() {
		assertThat(RadioChannels.DEFAULT.schedulerChannel()).isEqualTo("yascheduler");
		assertThat(RadioChannels.DEFAULT.streamerChannel("paris-1")).isEqualTo("yastream.paris-1");
		assertThat(RadioChannels.DEFAULT.streamerChannelPattern()).isEqualTo("yastream.*");
	}

	@Test
	void aTenantPrefixIsPrependedToEveryName() {
		RadioChannels tenant = RadioChannels.withPrefix("tenant1:");
		assertThat(tenant.schedulerChannel()).isEqualTo("tenant1:yascheduler");
		assertThat(tenant.streamerChannel("paris-1")).isEqualTo("tenant1:yastream.paris-1");
		assertThat(tenant.streamerChannelPattern()).isEqualTo("tenant1:yastream.*");
	}

	@Test
	void streamerIdIsRecoveredFromItsChannelOfTheSamePrefixOnly() {
		RadioChannels tenant = RadioChannels.withPrefix("tenant1:");
		assertThat(tenant.streamerIdOf("tenant1:yastream.paris-1")).contains("paris-1");
		assertThat(tenant.streamerIdOf("yastream.paris-1")).isEmpty();
		assertThat(tenant.streamerIdOf("tenant1:yascheduler")).isEmpty();
		assertThat(tenant.streamerIdOf("tenant1:yastream.")).isEmpty();
		assertThat(RadioChannels.DEFAULT.streamerIdOf("yastream.a.b")).contains("a.b");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "two words", "tab\t", "line\n", "nul\u0000", "nbsp\u00a0", "bad\ud800" })
	void unusableStreamerIdsAreRefused(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> RadioChannels.DEFAULT.streamerChannel(id))
			.withMessageStartingWith("streamer id '");
	}

	@Test
	void streamerIdLengthIsBounded() {
		assertThat(RadioChannels.DEFAULT.streamerChannel("s".repeat(128))).hasSize("yastream.".length() + 128);
		assertThatIllegalArgumentException().isThrownBy(() -> RadioChannels.DEFAULT.streamerChannel("s".repeat(129)))
			.withMessageContaining("over the limit of 128");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b:", "t*:", "t?:", "t[1]:", "t\\:", "t\n" })
	void prefixesThatWouldBreakChannelNamesOrPatternsAreRefused(String prefix) {
		assertThatIllegalArgumentException().isThrownBy(() -> RadioChannels.withPrefix(prefix))
			.withMessageStartingWith("channel prefix '");
	}

	@Test
	void prefixLengthIsBounded() {
		assertThat(RadioChannels.withPrefix("p".repeat(64)).prefix()).hasSize(64);
		assertThatIllegalArgumentException().isThrownBy(() -> RadioChannels.withPrefix("p".repeat(65)))
			.withMessageContaining("over the limit of 64");
	}

}
