package io.mediafleet.schema.json;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Records read by the shared mappers are built through a constructor handle kept per type, with
 * the same values, conversions and errors as Jackson's own path.
 */
class SpreadCreatorsTests {

	private static final ThreadLocal<Boolean> builtThroughInvokeWithArguments = new ThreadLocal<>();

	record Sample(String id, int count, boolean open, double delay, String note) {

		Sample {
			if (id.isEmpty()) {
				throw new IllegalArgumentException("id must not be empty");
			}
			builtThroughInvokeWithArguments.set(Arrays.stream(new Throwable().getStackTrace())
				.anyMatch((frame) -> frame.getMethodName().equals("invokeWithArguments")));
		}

	}

	private final ObjectReader reader = StrictJson.mapper(JsonLimits.DEFAULTS).readerFor(Sample.class);

	@Test
	void aRecordIsBuiltWithItsValuesWithoutAnAdapterMadePerCall() {
		Sample read = StrictJson.readObject(this.reader,
				"{\"id\":\"a\",\"count\":3,\"open\":true,\"delay\":1.5,\"note\":null}");
		boolean throughAdapter = builtThroughInvokeWithArguments.get();
		assertThat(read).isEqualTo(new Sample("a", 3, true, 1.5, null));
		assertThat(throughAdapter).isFalse();
	}

	@Test
	void aMissingObjectIsNullAndAMissingPrimitiveAnError() {
		assertThat((Sample) StrictJson.readObject(this.reader,
				"{\"id\":\"b\",\"count\":1,\"open\":false,\"delay\":0}"))
			.isEqualTo(new Sample("b", 1, false, 0.0, null));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> StrictJson.readObject(this.reader, "{\"id\":\"b\",\"open\":false,\"delay\":0}"))
			.withMessageStartingWith("Cannot map `null` into type `int`");
	}

	@Test
	void aConstructorsRefusalIsReportedAsBefore() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> StrictJson.readObject(this.reader, "{\"id\":\"\",\"count\":1,\"open\":true,\"delay\":2}"))
			.satisfies((ex) -> assertThat(JsonSupport.describe(ex)).startsWith("id must not be empty"));
	}

	@Test
	void aWrongScalarIsStillNamedByItsField() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> StrictJson.readObject(this.reader, "{\"id\":\"c\",\"count\":\"1\"}"))
			.satisfies((ex) -> assertThat(StrictJson.describe(ex)).startsWith("field 'count' must be"));
	}

}
