package io.mediafleet.tsppeer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.SongLines;

import static org.assertj.core.api.Assertions.assertThat;

class SongFolderTests {

	@TempDir
	Path folder;

	@Test
	void mp3FilesAreAnnouncedWithMd5AndSizeAndUnknownTagsInNameOrder() throws Exception {
		Files.writeString(this.folder.resolve("b.mp3"), "hello");
		Files.writeString(this.folder.resolve("A.MP3"), "");
		Files.writeString(this.folder.resolve("notes.txt"), "not a song");
		Files.createDirectories(this.folder.resolve("sub.mp3"));

		SongFolder songs = SongFolder.scan(this.folder);

		assertThat(songs.songs()).extracting((song) -> SongLines.format(song.song())).containsExactly(
				"d41d8cd98f00b204e9800998ecf8427e\t0\t-\t-\t-\tA.MP3",
				"5d41402abc4b2a76b9719d911017c592\t5\t-\t-\t-\tb.mp3");
		assertThat(songs.byMd5("5D41402ABC4B2A76B9719D911017C592")).get()
			.extracting(LocalSong::path)
			.isEqualTo(this.folder.toAbsolutePath().resolve("b.mp3"));
		assertThat(songs.byFileName("A.MP3")).isPresent();
		assertThat(new String(new io.mediafleet.schema.tsp.TspPayloads()
			.formatInit(songs.announcement(PeerAddress.of("10.0.0.5", 7001))), StandardCharsets.UTF_8))
			.startsWith("PEER\t10.0.0.5:7001\n");
	}

	@Test
	void filesBeyondTheLimitAreSkippedAndCounted() throws Exception {
		for (int i = 0; i < 5; i++) {
			Files.writeString(this.folder.resolve(i + ".mp3"), "song " + i);
		}
		SongFolder songs = SongFolder.scan(this.folder, 3);
		assertThat(songs.songs()).hasSize(3);
		assertThat(songs.skipped()).isEqualTo(2);
	}

	@Test
	void aDescriberFillsDurationTitleAndArtist() throws Exception {
		Files.writeString(this.folder.resolve("night.mp3"), "hello");

		SongFolder songs = SongFolder.scan(this.folder, 10,
				(file) -> new SongDescriber.Description(Duration.ofMillis(241_500), "Night Drive", "The Examples"));

		assertThat(SongLines.format(songs.songs().get(0).song()))
			.isEqualTo("5d41402abc4b2a76b9719d911017c592\t5\t241.5\tNight Drive\tThe Examples\tnight.mp3");
	}

	@Test
	void tagsThatCannotTravelOrCannotBeReadAreUnknownButTheSongStays() throws Exception {
		Files.writeString(this.folder.resolve("a.mp3"), "hello");
		Files.writeString(this.folder.resolve("b.mp3"), "hello again");

		SongFolder songs = SongFolder.scan(this.folder, 10, (file) -> {
			if (file.getFileName().toString().equals("a.mp3")) {
				return new SongDescriber.Description(null, "Tab\there", "Artist");
			}
			throw new java.io.IOException("not an mp3");
		});

		assertThat(songs.songs()).extracting((song) -> SongLines.format(song.song())).containsExactly(
				"5d41402abc4b2a76b9719d911017c592\t5\t-\t-\t-\ta.mp3",
				"44997f87b891f89472b7f2bbe4e000c3\t11\t-\t-\t-\tb.mp3");
	}

}
