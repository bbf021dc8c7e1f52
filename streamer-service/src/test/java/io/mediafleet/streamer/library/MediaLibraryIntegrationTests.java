package io.mediafleet.streamer.library;

import java.nio.file.Files;
import java.nio.file.Path;

import io.mediafleet.streamer.mp3.Mp3Parser;
import io.mediafleet.streamer.testing.TestMp3s;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MediaLibraryIntegrationTests {

	@TempDir
	Path directory;

	Path root;

	MediaLibrary library;

	@BeforeEach
	void setUp() throws Exception {
		this.root = this.directory.resolve("library");
		TestMp3s.sine(this.root.resolve("songs/a.mp3"), 2, "Alpha", "Ann", "-b:a", "128k");
		TestMp3s.sine(this.root.resolve("b.MP3"), 1, null, null, "-b:a", "64k");
		Files.writeString(this.root.resolve("notes.txt"), "not audio");
		Files.writeString(this.root.resolve("broken.mp3"), "not audio either");
		this.library = new MediaLibrary(this.root, Mp3Parser.withDefaults(), 100);
	}

	@Test
	void scanIndexesMp3FilesWithMd5SizeDurationAndTags() throws Exception {
		assertThat(this.library.scan()).isEqualTo(2);
		assertThat(this.library.entries()).extracting(LibraryEntry::name).containsExactly("b.MP3", "songs/a.mp3");
		LibraryEntry alpha = this.library.entry("songs/a.mp3").orElseThrow();
		byte[] bytes = Files.readAllBytes(this.root.resolve("songs/a.mp3"));
		assertThat(alpha.sizeBytes()).isEqualTo(bytes.length);
		assertThat(alpha.md5()).isEqualTo(MediaLibrary.md5(bytes)).hasSize(32).matches("[0-9a-f]+");
		assertThat(alpha.duration().toMillis()).isBetween(2000L, 2100L);
		assertThat(alpha.title()).isEqualTo("Alpha");
		assertThat(alpha.artist()).isEqualTo("Ann");
		assertThat(alpha.displayTitle()).isEqualTo("Ann - Alpha");
		assertThat(this.library.entry("b.MP3").orElseThrow().displayTitle()).isEqualTo("b.MP3");
		assertThat(this.library.rejectedFiles()).isEqualTo(1);
	}

	@Test
	void md5IsTheWellKnownDigest() {
		assertThat(MediaLibrary.md5("hello".getBytes())).isEqualTo("5d41402abc4b2a76b9719d911017c592");
	}

	@Test
	void scanStopsAtTheFileLimit() throws Exception {
		MediaLibrary small = new MediaLibrary(this.root, Mp3Parser.withDefaults(), 1);
		assertThat(small.scan()).isEqualTo(1);
	}

	@Test
	void namesResolveInsideTheRoot() throws Exception {
		assertThat(this.library.resolve("songs/a.mp3")).contains(this.root.resolve("songs/a.mp3").toRealPath());
		assertThat(this.library.resolve("songs/missing.mp3")).isEmpty();
		assertThat(this.library.resolve("songs")).as("a directory is no file").isEmpty();
	}

	@Test
	void traversalAndAbsoluteNamesAreRefused() {
		for (String name : new String[] { "../outside.mp3", "songs/../../outside.mp3", "/etc/passwd", "songs//a.mp3",
				"./songs/a.mp3", "songs\\a.mp3", "a\u0000.mp3", "", "C:x.mp3", "x".repeat(1025) }) {
			assertThatExceptionOfType(MediaLibrary.UnsafeNameException.class).as(name)
				.isThrownBy(() -> this.library.resolve(name))
				.withMessageContaining("refused");
		}
	}

	@Test
	void symbolicLinksLeadingOutOfTheRootAreRefusedAndNotScanned() throws Exception {
		Path outside = TestMp3s.sine(this.directory.resolve("outside.mp3"), 1, null, null);
		Files.createSymbolicLink(this.root.resolve("escape.mp3"), outside);
		Files.createSymbolicLink(this.root.resolve("inside.mp3"), this.root.resolve("songs/a.mp3"));
		assertThatExceptionOfType(MediaLibrary.UnsafeNameException.class)
			.isThrownBy(() -> this.library.resolve("escape.mp3"))
			.withMessageContaining("symbolic link");
		assertThat(this.library.resolve("inside.mp3")).contains(this.root.resolve("songs/a.mp3").toRealPath());
		this.library.scan();
		assertThat(this.library.entries()).extracting(LibraryEntry::name).doesNotContain("escape.mp3");
	}

}
