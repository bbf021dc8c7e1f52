package io.mediafleet.streamer.peer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.mediafleet.schema.tsp.SongLine;
import io.mediafleet.schema.tsp.TspDecoder;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspType;
import io.mediafleet.streamer.StreamerProperties;
import io.mediafleet.streamer.testing.TestMp3s;
import io.mediafleet.tsppeer.FetchException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streamer's peer wiring: library scanned, PLAY port served from the catalogue only, missing songs asked of
 * the tracker, no peer at all when disabled. (Fetching end to end against a real tracker is covered by
 * tracker-service's PeerFetchIntegrationTests with the same tsp-peer classes.)
 */
class StreamerPeerIntegrationTests {

	@TempDir
	Path library;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, StreamerPeerConfiguration.class);

	@Test
	void peerScansTheLibraryServesOnlyCatalogueSongsAndAsksTheTrackerForMissingOnes() throws Exception {
		Files.writeString(this.library.resolve("song.mp3"), "not really an mp3");
		this.runner.withPropertyValues(properties(true)).run((context) -> {
			StreamerPeer peer = context.getBean(StreamerPeer.class);
			assertThat(peer.isRunning()).isTrue();
			assertThat(peer.folder().songs()).singleElement()
				.satisfies((song) -> assertThat(song.song().fileName()).isEqualTo("song.mp3"));
			assertThat(play(peer.port(), 1)).isEqualTo(TspFrame.error(1, "song 1 is not hosted here"));

			MissingSongFetcher fetcher = context.getBean(MissingSongFetcher.class);
			assertThat(fetcher.fetch("song.mp3", null)).isEqualTo(peer.folder().songs().get(0).path());
			assertThatThrownBy(() -> fetcher.fetch("../../etc/passwd", null))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("not a plain file name");
			assertThatThrownBy(() -> fetcher.fetch("other.mp3", null)).isInstanceOf(FetchException.class)
				.hasMessageContaining("cannot ask the tracker");
		});
	}

	@Test
	void songsAreAnnouncedWithTheDurationTitleAndArtistOfTheirMp3() throws IOException {
		TestMp3s.sine(this.library.resolve("tone.mp3"), 2, "Tone Poem", "Sine Quartet");
		this.runner.withPropertyValues(properties(true)).run((context) -> {
			SongLine line = context.getBean(StreamerPeer.class).folder().songs().get(0).song();
			assertThat(line.title()).isEqualTo("Tone Poem");
			assertThat(line.artist()).isEqualTo("Sine Quartet");
			assertThat(line.duration()).isNotNull();
			assertThat(line.duration().toMillis()).isBetween(1_900L, 2_100L);
		});
	}

	@Test
	void disabledPeerListensOnNothingAndFetchesNothing() throws IOException {
		this.runner.withPropertyValues(properties(false)).run((context) -> {
			assertThat(context.getBean(StreamerPeer.class).isRunning()).isFalse();
			assertThatThrownBy(() -> context.getBean(MissingSongFetcher.class).fetch("other.mp3", null))
				.isInstanceOf(FetchException.class)
				.hasMessageContaining("not running");
		});
	}

	private String[] properties(boolean enabled) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		return new String[] { "mediafleet.streamer.library-directory=" + this.library,
				"mediafleet.streamer.peer.enabled=" + enabled, "mediafleet.streamer.peer.port=0",
				"mediafleet.streamer.peer.bind-address=127.0.0.1", "mediafleet.streamer.peer.advertise-host=127.0.0.1",
				"mediafleet.streamer.tracker.host=127.0.0.1", "mediafleet.streamer.tracker.port=" + closedPort };
	}

	private static TspFrame play(int port, int songId) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(new TspEncoder().encode(TspFrame.of(TspType.PLAY, songId)));
			TspDecoder decoder = new TspDecoder();
			List<TspFrame> frames = new ArrayList<>();
			byte[] buffer = new byte[4096];
			while (frames.isEmpty()) {
				int n = socket.getInputStream().read(buffer);
				assertThat(n).isNotNegative();
				decoder.decode(ByteBuffer.wrap(buffer, 0, n), frames::add);
			}
			return frames.get(0);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StreamerProperties.class)
	static class Properties {

	}

}
