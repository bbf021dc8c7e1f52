package io.mediafleet.player.library;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MediaLibraryTests {

	@TempDir
	Path temp;

	@Test
	void foundFileReportsItsMd5AndTheLaterOfItsTimestamps() throws Exception {
		Path media = Files.createDirectories(this.temp.resolve("media"));
		Path file = Files.writeString(media.resolve("fox.txt"), "The quick brown fox jumps over the lazy dog");
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));

		Path real = file.toRealPath();
		Lookup lookup = new MediaLibrary(media, 10).lookup("fox.txt");

		assertThat(lookup).isInstanceOfSatisfying(Lookup.Found.class, (found) -> {
			assertThat(found.md5()).isEqualTo("9e107d9d372bb6826bd81d3542a419d6");
			// ctime was just set by the write and the touch, so it wins over the old mtime.
			assertThat(found.timestampSeconds()).isGreaterThan(Instant.parse("2001-01-01T00:00:00Z").getEpochSecond());
			assertThat(found.path()).isEqualTo(real);
		});
	}

	@Test
	void md5IsCachedWhileSizeAndMtimeStayAndRecomputedWhenTheyChange() throws Exception {
		Path media = Files.createDirectories(this.temp.resolve("media"));
		Path file = Files.writeString(media.resolve("a.bin"), "aaaa");
		FileTime mtime = FileTime.from(Instant.parse("2020-05-05T00:00:00Z"));
		Files.setLastModifiedTime(file, mtime);
		MediaLibrary library = new MediaLibrary(media, 10);
		String first = ((Lookup.Found) library.lookup("a.bin")).md5();

		// Same size and mtime: the cached md5 is reused even though the bytes differ (that is the cache's contract).
		Files.writeString(file, "bbbb");
		Files.setLastModifiedTime(file, mtime);
		assertThat(((Lookup.Found) library.lookup("a.bin")).md5()).isEqualTo(first);

		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-05-06T00:00:00Z")));
		assertThat(((Lookup.Found) library.lookup("a.bin")).md5()).isNotEqualTo(first);
	}

	@Test
	void cacheNeverHoldsMoreThanItsBound() throws Exception {
		Path media = Files.createDirectories(this.temp.resolve("media"));
		MediaLibrary library = new MediaLibrary(media, 3);
		for (int i = 0; i < 10; i++) {
			Files.writeString(media.resolve("f" + i), "content " + i);
			assertThat(library.lookup("f" + i)).isInstanceOf(Lookup.Found.class);
			assertThat(library.cachedDigests()).isLessThanOrEqualTo(3);
		}
	}

	@Test
	void namesWithSeparatorsOrDotsAreRefusedNamingTheProblem() throws Exception {
		Path media = Files.createDirectories(this.temp.resolve("media"));
		Files.writeString(this.temp.resolve("secret"), "outside");
		MediaLibrary library = new MediaLibrary(media, 10);

		assertThat(library.lookup("../secret")).isInstanceOfSatisfying(Lookup.Refused.class,
				(refused) -> assertThat(refused.reason()).contains("path separator"));
		assertThat(library.lookup("sub\\file")).isInstanceOf(Lookup.Refused.class);
		assertThat(library.lookup("..")).isInstanceOfSatisfying(Lookup.Refused.class,
				(refused) -> assertThat(refused.reason()).contains("not a file name"));
		assertThat(library.lookup("a..b")).isInstanceOfSatisfying(Lookup.Refused.class,
				(refused) -> assertThat(refused.reason()).contains("'..'"));
		assertThat(library.lookup(media.resolve("x").toString())).isInstanceOf(Lookup.Refused.class);
	}

	@Test
	void symbolicLinkLeadingOutsideTheDirectoryIsRefused() throws Exception {
		Path media = Files.createDirectories(this.temp.resolve("media"));
		Path outside = Files.writeString(this.temp.resolve("secret"), "outside", StandardCharsets.UTF_8);
		Files.createSymbolicLink(media.resolve("innocent.mp3"), outside);

		assertThat(new MediaLibrary(media, 10).lookup("innocent.mp3")).isInstanceOfSatisfying(Lookup.Refused.class,
				(refused) -> assertThat(refused.reason()).contains("outside the media directory"));
	}

	@Test
	void missingFileAndDirectoryAreMissingWithAReason() throws Exception {
		Path media = Files.createDirectories(this.temp.resolve("media"));
		Files.createDirectories(media.resolve("folder"));
		MediaLibrary library = new MediaLibrary(media, 10);

		assertThat(library.lookup("nope.mp3")).isInstanceOfSatisfying(Lookup.Missing.class,
				(missing) -> assertThat(missing.reason()).isEqualTo("file 'nope.mp3' not found in the media directory"));
		assertThat(library.lookup("folder")).isInstanceOf(Lookup.Missing.class);
		assertThat(new MediaLibrary(this.temp.resolve("absent"), 10).lookup("x")).isInstanceOf(Lookup.Missing.class);
	}

}
