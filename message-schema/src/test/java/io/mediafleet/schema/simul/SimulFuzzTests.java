package io.mediafleet.schema.simul;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * Random and mutated frames into both simul decoders end in a decoded message or a
 * {@link SimulCodecException}, never anything else, and a decoded message always encodes again.
 * The codec decodes each ZeroMQ frame whole and keeps no buffer between calls; the size limit is
 * checked before parsing, which the last property pins down.
 */
class SimulFuzzTests {

	private final SimulCodec codec = new SimulCodec(JsonLimits.DEFAULTS);

	private final SimulCodec small = new SimulCodec(new JsonLimits(512, 8, 200, 200));

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
			assertThat(JsonFuzzing.rejection(SimulCodecException.class, () -> this.small.decodeAdvise(candidate)))
				.hasMessage("frame is " + candidate.length + " bytes, over the limit of 512");
			assertThat(JsonFuzzing.rejection(SimulCodecException.class, () -> this.small.decodeCommand(candidate)))
				.hasMessage("frame is " + candidate.length + " bytes, over the limit of 512");
		}
	}

	private static byte[] padded(int length) {
		String json = "{\"mtype\":\"slave-ready\",\"src\":\"den\"}";
		return (json + " ".repeat(Math.max(0, length - json.length()))).getBytes(StandardCharsets.UTF_8);
	}

	private static void assertOnlyCodecOutcomes(SimulCodec codec, byte[] input) {
		JsonFuzzing.decodesOrRejects("advise decoder", input, codec::decodeAdvise, codec::encode,
				SimulCodecException.class);
		JsonFuzzing.decodesOrRejects("command decoder", input, codec::decodeCommand, codec::encode,
				SimulCodecException.class);
	}

	@Provide
	Arbitrary<byte[]> validMessages() {
		SimulCodec encoder = new SimulCodec(JsonLimits.DEFAULTS);
		List<String> golden = new ArrayList<>();
		SimulGoldenTests.ADVISE_FILES.keySet().forEach((file) -> golden.add("advise/" + file));
		SimulGoldenTests.COMMAND_FILES.keySet().forEach((file) -> golden.add("command/" + file));
		SimulGoldenTests.UNDERSCORE_FILES.keySet().forEach((file) -> golden.add("underscore/" + file));
		return Arbitraries.oneOf(
				Arbitraries.of(golden)
					.map((file) -> JsonTrees.resource("/golden/simul/" + file).getBytes(StandardCharsets.UTF_8)),
				SimulArbitraries.adviseMessages().map(encoder::encode),
				SimulArbitraries.commandMessages().map(encoder::encode));
	}

	@Provide
	Arbitrary<List<Mutation>> mutations() {
		return JsonFuzzing.mutations("\"mtype\"", "\"slave_ready\"", "\"ts\":", "\"at\":1.5", "\"md5\":");
	}

}
