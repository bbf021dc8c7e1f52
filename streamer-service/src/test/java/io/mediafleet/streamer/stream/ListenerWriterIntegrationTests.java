package io.mediafleet.streamer.stream;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.mediafleet.streamer.stream.SchedulerLink.ListenerIdentity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One {@link ListenerWriter} over real loopback sockets: batches that waited for a busy writer go out in order, in
 * one write system call per listener; a listener whose peer left is closed once and the others keep every batch.
 */
class ListenerWriterIntegrationTests {

	private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());

	private final RadioBroadcaster radio = new RadioBroadcaster("writer-test", (filename) -> {
		throw new TrackLoader.TrackUnavailableException("no files here");
	}, this.metrics, 16 * 1024, 0);

	@Test
	void batchesQueuedWhileTheWriterWasBusyGoOutInOrderInOneWrite() throws Exception {
		try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
				SocketChannel client = SocketChannel.open(server.getLocalAddress());
				SocketChannel accepted = server.accept()) {
			accepted.configureBlocking(false);
			List<ListenerSink> closed = new CopyOnWriteArrayList<>();
			ListenerWriter writer = new ListenerWriter(1 << 20, this.metrics, closed::add);
			ListenerSink sink = new ListenerSink(accepted, this.radio, "session", ListenerIdentity.ANONYMOUS, 0, null,
					new AtomicInteger(1));
			sink.add(ByteBuffer.wrap(bytes("head;")));
			writer.add(sink);
			// Three intervals' batches wait before the thread runs, as when it lost its core for that long.
			for (String audio : List.of("one;", "two;", "three;")) {
				writer.write(List.of(this.radio), List.of(SharedBatch.copyOf(List.of(frame(audio)))));
			}
			writer.start("writer-test");
			String expected = "head;one;two;three;";
			assertThat(read(client, expected.length())).isEqualTo(expected);
			assertThat(sink.writes).as("one system call for the listener, not one per batch").isEqualTo(1);
			writer.write(List.of(this.radio), List.of(SharedBatch.copyOf(List.of(frame("four;")))));
			assertThat(read(client, "four;".length())).isEqualTo("four;");
			assertThat(sink.writes).isEqualTo(2);
			writer.stop(5000);
			assertThat(closed).containsExactly(sink);
			assertThat(writer.listeners()).isZero();
		}
	}

	@Test
	void listenerWhosePeerLeftIsClosedOnceWhileTheOthersOfItsRadioKeepEveryBatch() throws Exception {
		try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
				SocketChannel first = SocketChannel.open(server.getLocalAddress());
				SocketChannel firstAccepted = server.accept();
				SocketChannel leaving = SocketChannel.open(server.getLocalAddress());
				SocketChannel leavingAccepted = server.accept();
				SocketChannel last = SocketChannel.open(server.getLocalAddress());
				SocketChannel lastAccepted = server.accept()) {
			List<ListenerSink> closed = new CopyOnWriteArrayList<>();
			ListenerWriter writer = new ListenerWriter(1 << 20, this.metrics, closed::add);
			List<ListenerSink> sinks = new ArrayList<>();
			for (SocketChannel accepted : List.of(firstAccepted, leavingAccepted, lastAccepted)) {
				accepted.configureBlocking(false);
				ListenerSink sink = new ListenerSink(accepted, this.radio, "session", ListenerIdentity.ANONYMOUS, 0,
						null, new AtomicInteger(1));
				sinks.add(sink);
				writer.add(sink);
			}
			writer.start("writer-test");
			// The peer resets the connection: the next writes to it fail.
			leaving.setOption(StandardSocketOptions.SO_LINGER, 0);
			leaving.close();
			// Batches until the writer found out (the first write after the reset, or one of the next few).
			StringBuilder expected = new StringBuilder();
			AtomicInteger batch = new AtomicInteger();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
				String audio = "batch" + batch.getAndIncrement() + ";";
				expected.append(audio);
				writer.write(List.of(this.radio), List.of(SharedBatch.copyOf(List.of(frame(audio)))));
				return !closed.isEmpty();
			});
			assertThat(read(first, expected.length())).isEqualTo(expected.toString());
			assertThat(read(last, expected.length())).isEqualTo(expected.toString());
			assertThat(closed).containsExactly(sinks.get(1));
			assertThat(writer.listeners()).isEqualTo(2);
			writer.write(List.of(this.radio), List.of(SharedBatch.copyOf(List.of(frame("after;")))));
			assertThat(read(first, "after;".length())).isEqualTo("after;");
			assertThat(read(last, "after;".length())).isEqualTo("after;");
			writer.stop(5000);
			assertThat(closed).containsExactly(sinks.get(1), sinks.get(0), sinks.get(2));
		}
	}

	private static Frame frame(String audio) {
		byte[] data = bytes(audio);
		return new Frame(data, 0, data.length, 1_000_000L, SongInfo.NONE);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static String read(SocketChannel client, int length) throws Exception {
		// Through the socket's stream, so a writer that never writes fails the test instead of hanging it.
		client.socket().setSoTimeout(30_000);
		byte[] received = client.socket().getInputStream().readNBytes(length);
		return new String(received, StandardCharsets.US_ASCII);
	}

}
