package io.mediafleet.schema.radio;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.mediafleet.schema.json.JsonFuzzing;
import io.mediafleet.schema.json.JsonFuzzing.Mutation;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.json.JsonTrees;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated input into both radio decoders ends in a decoded message or a
 * {@link RadioCodecException}, never anything else, and a decoded message always encodes again.
 * The codec decodes each Redis message whole and keeps no buffer between calls; the size limit
 * is checked before parsing, which the last property pins down.
 */
class RadioFuzzTests {

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
		byte[] input = JsonFuzzing.mutate(valid, mutations);
		assertOnlyCodecOutcomes(this.codec, input);
		assertOnlyCodecOutcomes(this.small, input);
	}

	@Property(tries = 300)
	void inputOverTheSizeLimitIsRejectedWhateverItContains(@ForAll @Size(min = 513, max = 2000) byte[] input) {
		for (byte[] candidate : List.of(input, padded(input.length))) {
			assertThat(JsonFuzzing.rejection(RadioCodecException.class,
					() -> this.small.decodeStreamerMessage(candidate)))
				.hasMessage("message is " + candidate.length + " bytes, over the limit of 512");
			assertThat(JsonFuzzing.rejection(RadioCodecException.class,
					() -> this.small.decodeSchedulerMessage(candidate)))
				.hasMessage("message is " + candidate.length + " bytes, over the limit of 512");
		}
	}

	private static byte[] padded(int length) {
		String json = "{\"type\":\"pong\",\"streamer\":\"s1\"}";
		return (json + " ".repeat(Math.max(0, length - json.length()))).getBytes(StandardCharsets.UTF_8);
	}

	private static void assertOnlyCodecOutcomes(RadioCodec codec, byte[] input) {
		JsonFuzzing.decodesOrRejects("streamer decoder", input, codec::decodeStreamerMessage, codec::encodeToBytes,
				RadioCodecException.class);
		JsonFuzzing.decodesOrRejects("scheduler decoder", input, codec::decodeSchedulerMessage,
				codec::encodeToBytes, RadioCodecException.class);
		JsonFuzzing.decodesOrRejects("text decoder", input,
				(bytes) -> codec.decodeStreamerMessage(new String(bytes, StandardCharsets.UTF_8)), codec::encodeToBytes,
				RadioCodecException.class);
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
		return JsonFuzzing.mutations("\"type\"", "\"user_id\"", "\"streamer\":");
	}

}
