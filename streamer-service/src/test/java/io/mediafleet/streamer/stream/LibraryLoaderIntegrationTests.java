package io.mediafleet.streamer.stream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.streamer.library.MediaLibrary;
import io.mediafleet.streamer.mp3.Mp3Parser;
import io.mediafleet.streamer.testing.TestMp3s;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@code play} file names become audio: from the library, else brought from another peer first, else the
 * fallback file. The peer fetch itself (tracker lookup, md5 check, failover) is covered by
 * {@code MissingSongFetcherIntegrationTests}; here the source copies a real MP3 into the library as a fetch would.
 */
class LibraryLoaderIntegrationTests {

	@TempDir
	Path library;

	@TempDir
	Path elsewhere;

	private final List<String> asked = new ArrayList<>();

	@Test
	void aTrackTheLibraryLacksIsBroughtFromPeersThenPlayed() throws Exception {
		TestMp3s.sine(this.elsewhere.resolve("night.mp3"), 2, "Night", "Owl");
		TrackLoader loader = StreamConfiguration.libraryLoader(library(), null, this::copyFromElsewhere);

		TrackLoader.LoadedTrack track = loader.load("night.mp3");

		assertThat(this.asked).containsExactly("night.mp3");
		assertThat(track.audio().frameCount()).isPositive();
		assertThat(track.title()).contains("Night");
		assertThat(this.library.resolve("night.mp3")).isRegularFile();
	}

	@Test
	void aTrackInTheLibraryIsNotAskedOfPeers() throws Exception {
		TestMp3s.sine(this.library.resolve("here.mp3"), 1, "Here", "Me");
		TrackLoader loader = StreamConfiguration.libraryLoader(library(), null, this::copyFromElsewhere);

		assertThat(loader.load("here.mp3").audio().frameCount()).isPositive();
		assertThat(this.asked).isEmpty();
	}

	@Test
	void aTrackNoPeerDeliversIsUnavailableWithBothReasons() throws Exception {
		TrackLoader loader = StreamConfiguration.libraryLoader(library(), null, this::copyFromElsewhere);

		assertThatExceptionOfType(TrackLoader.TrackUnavailableException.class)
			.isThrownBy(() -> loader.load("nowhere.mp3"))
			.withMessageContaining("no such file in the library")
			.withMessageContaining("no peer delivered it");
		assertThat(this.asked).containsExactly("nowhere.mp3");
	}

	@Test
	void theFallbackPlaysOnlyAfterPeersFailed() throws Exception {
		TestMp3s.sine(this.library.resolve("fallback.mp3"), 1, "Fallback", "Station");
		TrackLoader loader = StreamConfiguration.libraryLoader(library(), "fallback.mp3", this::copyFromElsewhere);

		TrackLoader.LoadedTrack track = loader.load("nowhere.mp3");

		assertThat(this.asked).containsExactly("nowhere.mp3");
		assertThat(track.title()).contains("Fallback");
	}

	private MediaLibrary library() throws Exception {
		return new MediaLibrary(this.library, Mp3Parser.withDefaults(), 1000);
	}

	/** Stands in for a peer: the file lands in the library as MissingSongFetcher would leave it. */
	private void copyFromElsewhere(String filename) throws Exception {
		this.asked.add(filename);
		Path source = this.elsewhere.resolve(filename);
		if (!Files.isRegularFile(source)) {
			throw new IllegalStateException("no host has " + filename);
		}
		Files.copy(source, this.library.resolve(filename));
	}

}
