package io.mediafleet.schema.radio;

import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
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

	@Property(tries = 2000)
	void theCheckAgreesWithTheRegexBeanValidationUses(@ForAll("idLike") String id) {
		assertThat(RadioIds.isSane(id)).as("'%s'", id).isEqualTo(id.matches(RadioIds.REGEX));
	}

	/** Mostly sane-looking strings around the length limit, with now and then a character the rule refuses. */
	@Provide
	Arbitrary<String> idLike() {
		Arbitrary<Character> allowed = Arbitraries.of('a', 'Z', '0', '9', '.', '_', ':', '-');
		Arbitrary<Character> refused = Arbitraries.of('/', ' ', '\u00e9', '@', '\n', '`', '[', '{', '~', 'ÿ');
		return Arbitraries.frequencyOf(Tuple.of(20, allowed), Tuple.of(1, refused))
			.list()
			.ofMaxSize(RadioIds.MAX_LENGTH + 2)
			.map((chars) -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
	}

}
