package io.mediafleet.schema.folder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The shared md5 folder on a real temporary directory.
 */
class MediaFolderTests {

	private static final String MD5_OF_HELLO = "5d41402abc4b2a76b9719d911017c592";

	@TempDir
	Path temp;

	@Test
	void scanIndexesAcceptedFilesByNameAndByMd5InNameOrder() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("media"));
		Files.writeString(root.resolve("b.mp3"), "hello");
		Files.writeString(root.resolve("A.MP3"), "other");
		Files.writeString(root.resolve("notes.txt"), "hello");
		Files.createDirectories(root.resolve("sub"));
		Files.writeString(root.resolve("sub/c.mp3"), "deep");
		MediaFolder folder = new MediaFolder(root, new MediaFolder.Limits(0, 10, 1000, 10),
				MediaFolder.withExtension(".mp3"), null);

		MediaFolder.Scan scan = folder.scan();

		assertThat(scan.entries()).extracting(MediaFolder.Entry::name).containsExactly("A.MP3", "b.mp3");
		assertThat(folder.byMd5(MD5_OF_HELLO.toUpperCase())).get().extracting(MediaFolder.Entry::name).isEqualTo("b.mp3");
		assertThat(folder.byName("b.mp3")).get().extracting(MediaFolder.Entry::sizeBytes).isEqualTo(5L);
	}

	@Test
	void nestedFoldersAreScannedDownToTheDepthLimit() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("media/one/two"));
		Files.writeString(root.resolve("deep.mp3"), "deep");
		Files.writeString(root.getParent().resolve("mid.mp3"), "mid");
		MediaFolder folder = new MediaFolder(this.temp.resolve("media"), new MediaFolder.Limits(1, 10, 1000, 10),
				(name) -> true, null);
		assertThat(folder.scan().entries()).extracting(MediaFolder.Entry::name).containsExactly("one/mid.mp3");
		assertThat(folder.resolve("one/mid.mp3")).isPresent();
		assertThatExceptionOfType(UnsafeNameException.class).isThrownBy(() -> folder.resolve("one/two/deep.mp3"))
			.withMessageContaining("directories deep");
	}

	@Test
	void filesOverTheCountOrSizeLimitAreSkippedAndCounted() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("media"));
		for (int i = 0; i < 5; i++) {
			Files.writeString(root.resolve("f" + i), "x".repeat(i + 1));
		}
		MediaFolder folder = new MediaFolder(root, new MediaFolder.Limits(0, 3, 4, 10), (name) -> true, null);
		MediaFolder.Scan scan = folder.scan();
		assertThat(scan.entries()).extracting(MediaFolder.Entry::name).containsExactly("f0", "f1", "f2");
		assertThat(scan.skipped()).isEqualTo(2);
		assertThat(folder.lookup("f4")).as("over maxFileBytes").isEmpty();
	}

	@Test
	void unsafeNamesAreRefusedWithTheReason() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("media"));
		MediaFolder nested = new MediaFolder(root, new MediaFolder.Limits(4, 10, 1000, 10), (name) -> true, null);
		for (String name : new String[] { "../outside", "a/../../outside", "/etc/passwd", "a//b", "./a", "a\\b",
				"a\u0000b", "", "C:x", "x".repeat(1025), "~root" }) {
			assertThatExceptionOfType(UnsafeNameException.class).as(name)
				.isThrownBy(() -> nested.resolve(name))
				.withMessageContaining("refused");
		}
		MediaFolder flat = new MediaFolder(root, new MediaFolder.Limits(0, 10, 1000, 10), (name) -> true, null);
		assertThatExceptionOfType(UnsafeNameException.class).isThrownBy(() -> flat.resolve("sub/a"))
			.satisfies((ex) -> assertThat(ex.reason()).contains("path separator"));
		assertThatExceptionOfType(UnsafeNameException.class).isThrownBy(() -> flat.resolve("a..b"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("contains '..'"));
		Files.writeString(root.resolve("Live..mp3"), "x");
		assertThat(nested.resolve("Live..mp3")).as("'..' inside a nested folder's name is no traversal").isPresent();
	}

	@Test
	void aSymbolicLinkLeadingOutOfTheRootIsRefusedAndNotScanned() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("media"));
		Path outside = Files.writeString(this.temp.resolve("secret"), "hello");
		Files.createSymbolicLink(root.resolve("innocent.mp3"), outside);
		MediaFolder folder = new MediaFolder(root, new MediaFolder.Limits(0, 10, 1000, 10), (name) -> true, null);
		assertThatExceptionOfType(UnsafeNameException.class).isThrownBy(() -> folder.resolve("innocent.mp3"))
			.withMessageContaining("outside the media directory through a symbolic link");
		assertThat(folder.scan().entries()).isEmpty();
	}

	@Test
	void md5sAreReusedWhileSizeAndMtimeStayAndSurviveARestartInTheCacheFile() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("media"));
		Path file = Files.writeString(root.resolve("a.iso"), "hello");
		FileTime mtime = FileTime.from(Instant.parse("2020-05-05T00:00:00Z"));
		Files.setLastModifiedTime(file, mtime);
		Path cache = this.temp.resolve("state/md5.cache");
		MediaFolder.Limits limits = new MediaFolder.Limits(0, 10, 1000, 10);
		assertThat(new MediaFolder(root, limits, (name) -> true, cache).scan().entries().get(0).md5())
			.isEqualTo(MD5_OF_HELLO);

		// Same size and mtime: a new folder (a restart) trusts the cache file instead of re-reading the bytes.
		Files.writeString(file, "jello", StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, mtime);
		assertThat(new MediaFolder(root, limits, (name) -> true, cache).scan().entries().get(0).md5())
			.isEqualTo(MD5_OF_HELLO);

		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
		assertThat(new MediaFolder(root, limits, (name) -> true, cache).scan().entries().get(0).md5())
			.isEqualTo(MediaFolder.md5("jello".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void theDigestCacheNeverHoldsMoreThanItsBoundAndLimitsAreChecked() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("media"));
		MediaFolder folder = new MediaFolder(root, new MediaFolder.Limits(0, 100, 1000, 3), (name) -> true, null);
		for (int i = 0; i < 10; i++) {
			Files.writeString(root.resolve("f" + i), "content " + i);
			assertThat(folder.lookup("f" + i)).isPresent();
		}
		assertThat(folder.cachedDigests()).isEqualTo(3);
		assertThatIllegalArgumentException().isThrownBy(() -> new MediaFolder.Limits(0, 0, 1, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new MediaFolder.Limits(-1, 1, 1, 1));
	}

}
