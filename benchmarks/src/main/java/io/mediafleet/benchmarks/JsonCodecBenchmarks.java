package io.mediafleet.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.link.Endpoint;
import io.mediafleet.schema.link.LinkCatalogue;
import io.mediafleet.schema.link.LinkCodec;
import io.mediafleet.schema.link.LinkMessage;
import io.mediafleet.schema.radio.RadioCodec;
import io.mediafleet.schema.radio.SchedulerMessage;
import io.mediafleet.schema.radio.StreamerMessage;
import io.mediafleet.schema.simul.AdviseMessage;
import io.mediafleet.schema.simul.SimulCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and encode rates of the three JSON protocols (radio over Redis, simul over ZeroMQ, the
 * WebSocket link) for their most frequent messages: a radio {@code play} and {@code pong}, a simul
 * {@code file-status}, a link {@code heartbeat}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonCodecBenchmarks {

	static final String PLAY = "{\"type\":\"play\",\"radio_uuid\":\"8f14e45fceea167a5a36dedd4bea2543\","
			+ "\"filename\":\"songs/2026/club-night-42.mp3\",\"delay\":5.0,\"offset\":12.25,\"crossfade_duration\":2.0}";

	static final String PONG = "{\"type\":\"pong\",\"streamer\":\"streamer-eu-1\"}";

	static final byte[] FILE_STATUS = ("{\"mtype\":\"file-status\",\"src\":\"living-room\","
			+ "\"filename\":\"movies/night-of-the-living-dead.mkv\",\"md5\":\"d41d8cd98f00b204e9800998ecf8427e\","
			+ "\"ts\":1763769600}").getBytes(StandardCharsets.UTF_8);

	static final String HEARTBEAT = "{\"seq\":4242,\"type\":\"heartbeat\",\"data\":{\"last_seq\":4241}}";

	final RadioCodec radio = new RadioCodec(JsonLimits.DEFAULTS);

	final SimulCodec simul = new SimulCodec(JsonLimits.DEFAULTS);

	final LinkCodec link = new LinkCodec(LinkCatalogue.core());

	final SchedulerMessage decodedPlay = this.radio.decodeSchedulerMessage(PLAY);

	@Benchmark
	public SchedulerMessage radioDecodePlay() {
		return this.radio.decodeSchedulerMessage(PLAY);
	}

	@Benchmark
	public StreamerMessage radioDecodePong() {
		return this.radio.decodeStreamerMessage(PONG);
	}

	@Benchmark
	public byte[] radioEncodePlay() {
		return this.radio.encodeToBytes(this.decodedPlay);
	}

	@Benchmark
	public AdviseMessage simulDecodeFileStatus() {
		return this.simul.decodeAdvise(FILE_STATUS);
	}

	@Benchmark
	public LinkMessage linkDecodeHeartbeat() {
		return this.link.decode(HEARTBEAT, Endpoint.MASTER, Endpoint.SLAVE);
	}

}
