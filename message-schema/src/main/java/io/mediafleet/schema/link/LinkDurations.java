package io.mediafleet.schema.link;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * How durations cross the link: as seconds in a JSON number, like the original's
 * {@code heartbeat_interval: 15}. Whole seconds are written as integers, anything else with
 * millisecond precision ({@code 0.5}); sub-millisecond parts are dropped.
 */
final class LinkDurations {

	/** Longest protocol timing accepted in {@code ready} and {@code continue}. */
	static final Duration MAX_PROTOCOL_TIMING = Duration.ofDays(1);

	/** Largest magnitude of any duration on the link, in seconds: keeps milliseconds within a long. */
	private static final long MAX_SECONDS = 1_000_000_000_000L;

	private static final BigDecimal HALF_MILLISECOND = new BigDecimal("0.0005");

	private LinkDurations() {
	}

	/** Jackson module mapping every {@link Duration} of link data to and from seconds. */
	static SimpleModule module() {
		SimpleModule module = new SimpleModule("link-durations");
		module.addSerializer(Duration.class, new SecondsSerializer());
		module.addDeserializer(Duration.class, new SecondsDeserializer());
		return module;
	}

	static @Nullable Duration requireInRange(String name, @Nullable Duration timing) {
		if (timing != null && (timing.isNegative() || timing.isZero() || timing.compareTo(MAX_PROTOCOL_TIMING) > 0)) {
			throw new IllegalArgumentException("field '" + name + "' must be more than 0 and at most "
					+ MAX_PROTOCOL_TIMING.toSeconds() + " seconds but was " + toSeconds(timing).toPlainString());
		}
		return timing;
	}

	/** Seconds with up to millisecond precision, never in exponent notation, without overflow. */
	static BigDecimal toSeconds(Duration duration) {
		int millis = duration.getNano() / 1_000_000;
		BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds());
		if (millis == 0) {
			return seconds;
		}
		// A non-zero millisecond digit remains after stripping, so toString never uses an exponent.
		return seconds.add(BigDecimal.valueOf(millis, 3)).stripTrailingZeros();
	}

	/** Rounds to milliseconds; callers have checked the magnitude against {@link #MAX_SECONDS}. */
	private static Duration fromSeconds(BigDecimal seconds) {
		// Rounding a value with a huge negative exponent would expand it digit by digit first.
		if (seconds.abs().compareTo(HALF_MILLISECOND) < 0) {
			return Duration.ZERO;
		}
		return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
	}

	private static final class SecondsSerializer extends StdSerializer<Duration> {

		SecondsSerializer() {
			super(Duration.class);
		}

		@Override
		public void serialize(Duration value, JsonGenerator generator, SerializationContext context) {
			BigDecimal seconds = toSeconds(value);
			if (seconds.scale() <= 0) {
				generator.writeNumber(seconds.longValueExact());
			}
			else {
				generator.writeNumber(seconds);
			}
		}

	}

	private static final class SecondsDeserializer extends StdDeserializer<Duration> {

		SecondsDeserializer() {
			super(Duration.class);
		}

		@Override
		public Duration deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
				return context.reportInputMismatch(this, "must be a number of seconds");
			}
			if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN()) {
				return context.reportInputMismatch(this, "must be a finite number of seconds");
			}
			BigDecimal seconds = parser.getDecimalValue();
			if (seconds.abs().compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
				return context.reportInputMismatch(this,
						"must be at most " + MAX_SECONDS + " seconds in magnitude");
			}
			return fromSeconds(seconds);
		}

	}

}
