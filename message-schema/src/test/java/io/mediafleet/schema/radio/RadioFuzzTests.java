package io.mediafleet.schema.radio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.mediafleet.schema.json.JsonTrees;
import io.mediafleet.schema.json.JsonLimits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random and mutated input into both radio decoders ends in a decoded message or a
 * {@link RadioCodecException}, never anything else, and a decoded message always encodes again.
 * The codec decodes each Redis message whole and keeps no buffer between calls; the size limit
 * is checked before parsing, which the last property pins down.
 */
class RadioFuzzTests {

	private static final byte[][] TOKENS = { "{".getBytes(), "}".getBytes(), "[".getBytes(), "]".getBytes(),
			"\"".getBytes(), ":".getBytes(), ",".getBytes(), "null".getBytes(), "1e999".getBytes(),
			"-0.0".getBytes(), "\\u0000".getBytes(), "\\ud800".getBytes(), "\"type\"".getBytes(),
			"\"user_id\"".getBytes(), "\"streamer\":".getBytes(), "99999999999999999999".getBytes(),
			{ (byte) 0xC3 }, { (byte) 0xF0, (byte) 0x9F } };

	private final RadioCodec codec = new RadioCodec(JsonLimits.DEFAULTS);

	private final RadioCodec small = new RadioCodec(new JsonLimits(512, 8, 200, 200));

	@Property(tries = 1000)
	void randomBytesGiveAMessageOrTheCodecException(@ForAll @Size(max = 400) byte[] input) {
		assertOnlyCodecOutcomes(this.codec, input);
		assertOnlyCodecOutcomes(this.small, input);
	}

	@Property(tries = 1500)
	void mutatedValidMessagesGiveAMessageOrTheCodecException(@ForAll("validMessages") byte[] valid,
			@ForAll("mutations") List<Mutation> mutations) {
		byte[] input = valid;
		for (Mutation mutation : mutations) {
			input = mutation.applyTo(input);
		}
		assertOnlyCodecOutcomes(this.codec, input);
		assertOnlyCodecOutcomes(this.small, input);
	}

	@Property(tries = 300)
	void inputOverTheSizeLimitIsRejectedWhateverItContains(@ForAll @Size(min = 513, max = 2000) byte[] input) {
		for (byte[] candidate : List.of(input, padded(input.length))) {
			assertThat(catchCodecException(() -> this.small.decodeStreamerMessage(candidate)))
				.hasMessage("message is " + candidate.length + " bytes, over the limit of 512");
			assertThat(catchCodecException(() -> this.small.decodeSchedulerMessage(candidate)))
				.hasMessage("message is " + candidate.length + " bytes, over the limit of 512");
		}
	}

	private static byte[] padded(int length) {
		String json = "{\"type\":\"pong\",\"streamer\":\"s1\"}";
		return (json + " ".repeat(Math.max(0, length - json.length()))).getBytes(StandardCharsets.UTF_8);
	}

	private static void assertOnlyCodecOutcomes(RadioCodec codec, byte[] input) {
		try {
			StreamerMessage message = codec.decodeStreamerMessage(input);
			assertThat(codec.decodeStreamerMessage(codec.encode(message))).isEqualTo(message);
			Statistics.label("streamer decoder").collect("decoded");
		}
		catch (RadioCodecException expected) {
			assertThat(expected.getMessage()).isNotBlank();
			Statistics.label("streamer decoder").collect("rejected");
		}
		catch (Throwable unexpected) {
			fail("streamer decoder threw " + unexpected + " for " + new String(input, StandardCharsets.UTF_8),
					unexpected);
		}
		try {
			SchedulerMessage message = codec.decodeSchedulerMessage(input);
			assertThat(codec.decodeSchedulerMessage(codec.encodeToBytes(message))).isEqualTo(message);
			Statistics.label("scheduler decoder").collect("decoded");
		}
		catch (RadioCodecException expected) {
			assertThat(expected.getMessage()).isNotBlank();
			Statistics.label("scheduler decoder").collect("rejected");
		}
		catch (Throwable unexpected) {
			fail("scheduler decoder threw " + unexpected + " for " + new String(input, StandardCharsets.UTF_8),
					unexpected);
		}
		String text = new String(input, StandardCharsets.UTF_8);
		try {
			codec.decodeStreamerMessage(text);
		}
		catch (RadioCodecException expected) {
			assertThat(expected.getMessage()).isNotBlank();
		}
		catch (Throwable unexpected) {
			fail("text decoder threw " + unexpected + " for " + text, unexpected);
		}
	}

	private static RadioCodecException catchCodecException(Runnable decode) {
		try {
			decode.run();
		}
		catch (RadioCodecException ex) {
			return ex;
		}
		throw new AssertionError("no RadioCodecException");
	}

	@Provide
	Arbitrary<byte[]> validMessages() {
		RadioCodec encoder = new RadioCodec(JsonLimits.DEFAULTS);
		Arbitrary<byte[]> golden = Arbitraries.of(RadioGoldenTests.STREAMER_FILES.keySet())
			.map((file) -> JsonTrees.resource("/golden/radio/streamer/" + file).getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> goldenScheduler = Arbitraries.of(RadioGoldenTests.SCHEDULER_FILES.keySet())
			.map((file) -> JsonTrees.resource("/golden/radio/scheduler/" + file).getBytes(StandardCharsets.UTF_8));
		return Arbitraries.oneOf(golden, goldenScheduler,
				RadioArbitraries.streamerMessages().map(encoder::encodeToBytes),
				RadioArbitraries.schedulerMessages().map(encoder::encodeToBytes));
	}

	@Provide
	Arbitrary<List<Mutation>> mutations() {
		Arbitrary<Mutation> mutation = Combinators
			.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().greaterOrEqual(0),
					Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes())
			.as(Mutation::new);
		return mutation.list().ofMinSize(1).ofMaxSize(4);
	}

	/** One edit of a message: flip a bit, replace, insert or delete a byte, insert a token, cut, or repeat a slice. */
	record Mutation(int kind, int position, int length, byte value) {

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
					out.writeBytes(TOKENS[Math.floorMod(this.value, TOKENS.length)]);
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

	}

}
