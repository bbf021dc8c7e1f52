package io.mediafleet.schema.json;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The strict JSON policy shared by the radio and simul codecs.
 */
class StrictJsonTests {

	private final ObjectReader reader = StrictJson.mapper(JsonLimits.DEFAULTS).readerFor(Map.class);

	@Property(tries = 500)
	void utf8LengthIsTheEncodedLengthOfWellFormedText(
			@ForAll @StringLength(max = 50) @CharRange(from = '\u0000', to = '\ud7ff') @CharRange(from = '\ue000', to = '\uffff') String text,
			@ForAll boolean withEmoji) {
		String sample = withEmoji ? text + "\uD83C\uDFB5" + text : text;
		assertThat(StrictJson.utf8Length(sample)).isEqualTo(sample.getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void readObjectReadsOneObjectFollowedOnlyByWhitespace() {
		Map<String, Object> read = StrictJson.readObject(this.reader, " {\"a\":1}\n");
		assertThat(read).containsEntry("a", 1);
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> StrictJson.readObject(this.reader, "{} {}"))
			.withMessageStartingWith("unexpected content after the JSON object");
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> StrictJson.readObject(this.reader, "null"))
			.withMessageStartingWith("message must be a JSON object but starts with null");
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> StrictJson.readObject(this.reader, new byte[0]))
			.withMessageStartingWith("empty message");
	}

	@Test
	void describeNamesTheWireFieldOfAValueOfTheWrongType() {
		record Sample(double delay) {
		}
		ObjectReader sampleReader = StrictJson.mapper(JsonLimits.DEFAULTS).readerFor(Sample.class);
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> StrictJson.readObject(sampleReader, "{\"delay\":\"5\"}"))
			.satisfies((ex) -> assertThat(StrictJson.describe(ex)).isEqualTo("field 'delay' must be a number (offset 9)"));
	}

}
