package io.mediafleet.schema.radio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identifier rule the scheduler stores ids by and the streamer serves {@code /radios/<id>} by.
 */
class RadioIdsTests {

	@Test
	void lettersDigitsDotsColonsDashesAndUnderscoresAreSane() {
		assertThat(RadioIds.isSane("demo")).isTrue();
		assertThat(RadioIds.isSane("8f14e45f-ceea-167a")).isTrue();
		assertThat(RadioIds.isSane("tenant.one:radio_2")).isTrue();
		assertThat(RadioIds.isSane("a".repeat(RadioIds.MAX_LENGTH))).isTrue();
	}

	@Test
	void pathsBlanksAndOverlongIdsAreNot() {
		assertThat(RadioIds.isSane("")).isFalse();
		assertThat(RadioIds.isSane(".hidden")).isFalse();
		assertThat(RadioIds.isSane("../etc")).isFalse();
		assertThat(RadioIds.isSane("a/b")).isFalse();
		assertThat(RadioIds.isSane("a b")).isFalse();
		assertThat(RadioIds.isSane("a".repeat(RadioIds.MAX_LENGTH + 1))).isFalse();
	}

}
