package io.mediafleet.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.mediafleet.schema.burn.BurnDecoder;
import io.mediafleet.schema.burn.BurnMessage;
import io.mediafleet.schema.link.Heartbeat;
import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.Pong;
import io.mediafleet.schema.simul.FileStatus;
import io.mediafleet.schema.tsp.TspDecoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks' inputs decode to what each benchmark claims to measure, so a published rate is
 * never the rate of throwing an exception or of decoding nothing.
 */
class BenchmarkInputsTests {

	@Test
	void jsonBenchmarksDecodeTheirNamedMessages() {
		JsonCodecBenchmarks benchmarks = new JsonCodecBenchmarks();
		assertThat(benchmarks.radioDecodePlay()).isInstanceOf(Play.class);
		assertThat(benchmarks.radioDecodePong()).isInstanceOf(Pong.class);
		assertThat(benchmarks.radioEncodePlay()).isNotEmpty();
		assertThat(benchmarks.simulDecodeFileStatus()).isInstanceOf(FileStatus.class);
		assertThat(benchmarks.linkDecodeHeartbeat().data()).isInstanceOf(Heartbeat.class);
	}

	@Test
	void burnStreamHoldsOneThousandProgressMessages() {
		List<BurnMessage> decoded = new ArrayList<>();
		new BurnDecoder().decode(StreamCodecBenchmarks.burnProgressStream(), decoded::add);
		assertThat(decoded).hasSize(StreamCodecBenchmarks.MESSAGES_PER_BUFFER)
			.allMatch(BurnMessage.ProgressStatus.class::isInstance);
	}

	@Test
	void tspStreamHoldsOneThousandInfoFrames() {
		List<TspFrame> decoded = new ArrayList<>();
		new TspDecoder().decode(StreamCodecBenchmarks.tspInfoStream(), decoded::add);
		assertThat(decoded).hasSize(StreamCodecBenchmarks.MESSAGES_PER_BUFFER)
			.allMatch((frame) -> frame.type() == TspType.INFO && frame.payloadLength() > 0);
	}

	@Test
	void playBenchmarkStreamsTheWholePayloadEachInvocation() {
		StreamCodecBenchmarks benchmarks = new StreamCodecBenchmarks();
		org.openjdk.jmh.infra.Blackhole sink = new org.openjdk.jmh.infra.Blackhole(
				"Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
		assertThat(benchmarks.tspStreamPlayPayload(sink)).isEqualTo(StreamCodecBenchmarks.PLAY_PAYLOAD_BYTES);
		assertThat(benchmarks.tspStreamPlayPayload(sink)).isEqualTo(StreamCodecBenchmarks.PLAY_PAYLOAD_BYTES);
	}

}
