package io.mediafleet.schema.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import io.mediafleet.schema.codec.CodecException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Test helpers shared by the fuzz properties of the JSON codecs that decode one whole message per call (radio over
 * Redis, simul over ZeroMQ): byte-level mutations of valid messages, and the one rule every decoder must keep, a
 * decoded message that encodes again or the protocol's codec exception, never anything else.
 */
public final class JsonFuzzing {

	/** JSON punctuation, edge-case numbers, bad escapes and broken UTF-8 that every JSON codec is fed. */
	private static final List<String> COMMON_TOKENS = List.of("{", "}", "[", "]", "\"", ":", ",", "null", "1e999",
			"-0.0", "\\u0000", "\\ud800", "99999999999999999999");

	private static final List<byte[]> BROKEN_UTF8 = List.of(new byte[] { (byte) 0xC3 },
			new byte[] { (byte) 0xF0, (byte) 0x9F });

	private JsonFuzzing() {
	}

	/** Up to four mutations; {@code protocolTokens} are field names or values of the protocol worth inserting. */
	public static Arbitrary<List<Mutation>> mutations(String... protocolTokens) {
		List<byte[]> tokens = new java.util.ArrayList<>();
		COMMON_TOKENS.forEach((token) -> tokens.add(token.getBytes(StandardCharsets.UTF_8)));
		for (String token : protocolTokens) {
			tokens.add(token.getBytes(StandardCharsets.UTF_8));
		}
		tokens.addAll(BROKEN_UTF8);
		List<byte[]> fixed = List.copyOf(tokens);
		Arbitrary<Mutation> mutation = Combinators
			.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().greaterOrEqual(0),
					Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes())
			.as((kind, position, length, value) -> new Mutation(kind, position, length, value, fixed));
		return mutation.list().ofMinSize(1).ofMaxSize(4);
	}

	/** {@code valid} with every mutation applied in order. */
	public static byte[] mutate(byte[] valid, List<Mutation> mutations) {
		byte[] input = valid;
		for (Mutation mutation : mutations) {
			input = mutation.applyTo(input);
		}
		return input;
	}

	/**
	 * Decodes {@code input}; a message must survive encode + decode unchanged, a rejection must be a
	 * {@code rejection} with a message, anything else fails the property. Outcomes are counted under {@code label}.
	 */
	public static <M> void decodesOrRejects(String label, byte[] input, Function<byte[], M> decode,
			Function<M, byte[]> encode, Class<? extends CodecException> rejection) {
		try {
			M message = decode.apply(input);
			assertThat(decode.apply(encode.apply(message))).isEqualTo(message);
			Statistics.label(label).collect("decoded");
		}
		catch (CodecException ex) {
			if (!rejection.isInstance(ex)) {
				fail(label + " threw " + ex.getClass().getSimpleName() + " instead of " + rejection.getSimpleName(), ex);
			}
			assertThat(ex.getMessage()).isNotBlank();
			Statistics.label(label).collect("rejected");
		}
		catch (Throwable unexpected) {
			fail(label + " threw " + unexpected + " for " + new String(input, StandardCharsets.UTF_8), unexpected);
		}
	}

	/** The codec exception {@code decode} throws; fails if it throws none or another kind. */
	public static <E extends CodecException> E rejection(Class<E> type, Runnable decode) {
		try {
			decode.run();
		}
		catch (CodecException ex) {
			if (type.isInstance(ex)) {
				return type.cast(ex);
			}
			throw new AssertionError("expected " + type.getSimpleName() + " but got " + ex, ex);
		}
		throw new AssertionError("no " + type.getSimpleName());
	}

	/**
	 * One edit of a message: flip a bit, replace, insert or delete a byte, insert a token, cut, or repeat a slice.
	 */
	public record Mutation(int kind, int position, int length, byte value, List<byte[]> tokens) {

		byte[] applyTo(byte[] input) {
			int at = (input.length == 0) ? 0 : this.position % (input.length + 1);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			switch (this.kind) {
				case 0 -> {
					byte[] copy = input.clone();
					if (at < copy.length) {
						copy[at] ^= (byte) (1 << (this.value & 7));
					}
					return copy;
				}
				case 1 -> {
					byte[] copy = input.clone();
					if (at < copy.length) {
						copy[at] = this.value;
					}
					return copy;
				}
				case 2 -> {
					out.write(input, 0, at);
					out.write(this.value);
					out.write(input, at, input.length - at);
				}
				case 3 -> {
					int end = Math.min(input.length, at + 1 + this.length % 8);
					out.write(input, 0, at);
					out.write(input, end, input.length - end);
				}
				case 4 -> {
					out.write(input, 0, at);
					out.writeBytes(this.tokens.get(Math.floorMod(this.value, this.tokens.size())));
					out.write(input, at, input.length - at);
				}
				case 5 -> out.write(input, 0, at);
				default -> {
					int end = Math.min(input.length, at + this.length % 32);
					out.write(input, 0, end);
					out.write(input, at, end - at);
					out.write(input, at, input.length - at);
				}
			}
			return out.toByteArray();
		}

		@Override
		public String toString() {
			return "Mutation[kind=" + this.kind + ", position=" + this.position + ", length=" + this.length
					+ ", value=" + this.value + "]";
		}

	}

}
