package io.mediafleet.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.mediafleet.schema.burn.BurnDecoder;
import io.mediafleet.schema.tsp.PlayPayloadListener;
import io.mediafleet.schema.tsp.TspDecoder;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode rates of the two streaming protocols over TCP: burn-farm progress lines, TSP control
 * frames, and a TSP {@code PLAY} payload streamed through the chunk listener.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamCodecBenchmarks {

	static final int MESSAGES_PER_BUFFER = 1000;

	static final int PLAY_PAYLOAD_BYTES = 1024 * 1024;

	final ByteBuffer burnStream = burnProgressStream();

	final ByteBuffer tspInfoStream = tspInfoStream();

	final ByteBuffer tspPlayFrame = ByteBuffer.wrap(new TspEncoder().encode(TspFrame.of(TspType.PLAY, 7,
			new byte[PLAY_PAYLOAD_BYTES])));

	final BurnDecoder burnDecoder = new BurnDecoder();

	final TspDecoder tspDecoder = new TspDecoder();

	long playBytes;

	/** Where PLAY chunks are copied, as a socket or file write would copy them. */
	final byte[] playSink = new byte[64 * 1024];

	final TspDecoder playDecoder = new TspDecoder(TspDecoder.DEFAULT_MAX_PAYLOAD_BYTES, new PlayPayloadListener() {

		@Override
		public void payloadStarted(int songId, int length) {
		}

		@Override
		public void payloadChunk(int songId, ByteBuffer chunk) {
			while (chunk.hasRemaining()) {
				int length = Math.min(chunk.remaining(), StreamCodecBenchmarks.this.playSink.length);
				chunk.get(StreamCodecBenchmarks.this.playSink, 0, length);
				StreamCodecBenchmarks.this.playBytes += length;
			}
		}

		@Override
		public void payloadEnded(int songId) {
		}

	});

	/** One thousand {@code STATUS\t<hash>\t<percent>} progress messages, as a burner sends them. */
	@Benchmark
	@OperationsPerInvocation(MESSAGES_PER_BUFFER)
	public void burnDecodeProgress(Blackhole sink) {
		this.burnStream.rewind();
		this.burnDecoder.decode(this.burnStream, sink::consume);
	}

	/** One thousand {@code INFO} answers carrying one extended catalogue line each. */
	@Benchmark
	@OperationsPerInvocation(MESSAGES_PER_BUFFER)
	public void tspDecodeInfoFrames(Blackhole sink) {
		this.tspInfoStream.rewind();
		this.tspDecoder.decode(this.tspInfoStream, sink::consume);
	}

	/** One 1 MiB {@code PLAY} payload handed over in chunks and copied out (score × 1 MiB = bytes/s). */
	@Benchmark
	public long tspStreamPlayPayload(Blackhole sink) {
		this.tspPlayFrame.rewind();
		this.playBytes = 0;
		this.playDecoder.decode(this.tspPlayFrame, sink::consume);
		return this.playBytes;
	}

	static ByteBuffer burnProgressStream() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < MESSAGES_PER_BUFFER; i++) {
			text.append("STATUS\t").append("0123456789abcdef0123456789abcdef").append('\t').append(i % 101)
				.append("\r\n\r\n");
		}
		return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
	}

	static ByteBuffer tspInfoStream() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < MESSAGES_PER_BUFFER; i++) {
			String line = i + "\t0123456789abcdef0123456789abcdef\t4718592\t241.5\tNight Drive\tThe Examples"
					+ "\tnight-drive.mp3\t127.0.0.1:7071,127.0.0.2:7071";
			out.writeBytes(new TspEncoder().encode(TspFrame.ofText(TspType.INFO, i, line)));
		}
		return ByteBuffer.wrap(out.toByteArray());
	}

}
