package io.mediafleet.streamer.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import io.mediafleet.streamer.mp3.Mp3Audio;
import io.mediafleet.streamer.mp3.Mp3Parser;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bounds that protect the streamer, checked the same way on each listener front end (the web port and the
 * dedicated listener port): a slow listener is dropped while a fast one keeps every frame, and listeners above the
 * limit get 503.
 */
public final class ListenerBounds {

	private ListenerBounds() {
	}

	/**
	 * A listener with a tiny receive window that reads nothing is dropped (counted once) while a fast listener of the
	 * same radio keeps reading; the fast one's audio is one contiguous run of frames, and the slow one's response
	 * ends.
	 * @param port the port both listeners connect to
	 * @param radioUuid a radio programmed with a song of {@code bitrateKbps}
	 * @param statusLine how that front end's response starts, e.g. {@code HTTP/1.0 200}
	 */
	public static void slowListenerIsDroppedWhileFastListenerKeepsEveryFrame(MeterRegistry registry, int port,
			String radioUuid, int bitrateKbps, String statusLine) throws Exception {
		try (IcyClient fast = new IcyClient(url(port, radioUuid)); Socket slow = new Socket()) {
			fast.readIntervals(2);
			// A tiny receive window: the server's writes block almost at once, so its queue fills.
			slow.setReceiveBufferSize(1024);
			slow.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			slow.getOutputStream()
				.write(("GET /radios/" + radioUuid + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			double droppedBefore = dropped(registry);
			// The fast listener keeps reading meanwhile; the slow one reads nothing.
			while (dropped(registry) == droppedBefore) {
				fast.readIntervals(1);
				assertThat(fast.audio().length).as("slow listener never dropped").isLessThan(8_000_000);
			}
			assertThat(dropped(registry)).isEqualTo(droppedBefore + 1);
			fast.readIntervals(20);
			assertThat(dropped(registry)).as("the fast listener is never dropped").isEqualTo(droppedBefore + 1);
			assertContiguousFrames(fast.audio(), bitrateKbps);
			// Once dropped, the slow listener's response ends: reading now reaches the end of the stream.
			slow.setSoTimeout(20_000);
			InputStream in = slow.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			in.transferTo(received);
			assertThat(received.toString(StandardCharsets.ISO_8859_1)).startsWith(statusLine);
		}
	}

	/**
	 * {@code limit} listeners are admitted, the next one gets 503 with {@code Retry-After} (counted), and once one
	 * leaves a new listener gets in again.
	 * @param admitted the streamer's count of admitted listeners
	 */
	public static void listenersAboveTheLimitGet503(MeterRegistry registry, IntSupplier admitted, int port,
			String radioUuid, int limit) throws Exception {
		List<IcyClient> listeners = new ArrayList<>();
		try {
			for (int i = 0; i < limit; i++) {
				IcyClient listener = new IcyClient(url(port, radioUuid));
				listeners.add(listener);
				listener.readIntervals(1);
			}
			double refusedBefore = refused(registry);
			HttpURLConnection oneTooMany = (HttpURLConnection) URI.create(url(port, radioUuid)).toURL()
				.openConnection();
			assertThat(oneTooMany.getResponseCode()).isEqualTo(503);
			assertThat(oneTooMany.getHeaderField("Retry-After")).isEqualTo("10");
			oneTooMany.disconnect();
			assertThat(refused(registry)).isEqualTo(refusedBefore + 1);
			listeners.remove(0).close();
			await().atMost(Duration.ofSeconds(10)).until(() -> admitted.getAsInt() == limit - 1);
			try (IcyClient again = new IcyClient(url(port, radioUuid))) {
				again.readIntervals(1);
			}
		}
		finally {
			listeners.forEach(IcyClient::close);
		}
	}

	/** Asserts that {@code bytes} start with a frame of {@code bitrateKbps} and every frame directly follows the last. */
	public static void assertContiguousFrames(byte[] bytes, int bitrateKbps) throws Exception {
		Mp3Audio audio = Mp3Parser.withDefaults().parse(bytes);
		assertThat(audio.frameOffset(0)).isZero();
		assertThat(audio.firstHeader().bitrateKbps()).isEqualTo(bitrateKbps);
		for (int i = 0; i + 1 < audio.frameCount(); i++) {
			assertThat(audio.frameOffset(i) + audio.frameLength(i)).as("frame %d is followed directly", i)
				.isEqualTo(audio.frameOffset(i + 1));
		}
	}

	private static double dropped(MeterRegistry registry) {
		return registry.get("mediafleet.streamer.listeners.dropped").counter().count();
	}

	private static double refused(MeterRegistry registry) {
		return registry.get("mediafleet.streamer.listeners.refused").tag("reason", "limit").counter().count();
	}

	private static String url(int port, String radioUuid) {
		return "http://127.0.0.1:" + port + "/radios/" + radioUuid;
	}

}
