package io.mediafleet.burner.burn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The burn engine with real xorriso writing to a file-backed {@code stdio:} drive.
 */
class BurnEngineIntegrationTests {

	@TempDir
	Path work;

	static Path makeIso(Path directory, String name, int payloadBytes) throws IOException, InterruptedException {
		Path content = Files.createDirectories(directory.resolve(name + "-content"));
		byte[] data = new byte[payloadBytes];
		new Random(payloadBytes).nextBytes(data);
		Files.write(content.resolve("data.bin"), data);
		Path iso = Files.createDirectories(directory.resolve("isos")).resolve(name + ".iso");
		Process process;
		try {
			process = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-o", iso.toString(),
					content.toString())
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("xorriso is required by the burn tests (apt-get install xorriso)", ex);
		}
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
			.as("xorriso -as mkisofs: %s", new String(output))
			.isTrue();
		return iso;
	}

	static final class Recorder implements BurnReporter {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void progress(String hash, int percent) {
			this.events.add("progress " + percent);
		}

		@Override
		public void completed(String hash, Duration burnTime) {
			this.events.add("completed");
		}

		@Override
		public void verified(String hash, boolean passed) {
			this.events.add(passed ? "PASS" : "FAIL");
		}

		@Override
		public void error(String code, String text) {
			this.events.add("error " + code);
		}

		@Override
		public void idle(String driveState) {
			this.events.add("idle " + driveState);
		}

	}

	@Test
	void burnsWithXorrisoReportsProgressAndVerifiesByReadingBackTheImageLength() throws Exception {
		Path iso = makeIso(this.work, "one", 3_000_000);
		IsoLibrary library = new IsoLibrary(iso.getParent(), this.work.resolve("md5.cache"));
		String hash = library.scan().get(0).hash();
		Path drive = this.work.resolve("drive.iso");
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings("xorriso", drive, 10_000_000, 4 << 20), library);
		Recorder recorder = new Recorder();
		assertThat(engine.burn(hash, () -> recorder)).isNull();
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> recorder.events.contains("PASS"));
		assertThat(recorder.events).containsExactly("progress 0", "progress 25", "progress 50", "progress 75",
				"completed", "PASS");
		assertThat(Files.size(drive)).isGreaterThanOrEqualTo(Files.size(iso));
		assertThat(IsoLibrary.md5(drive, Files.size(iso))).isEqualTo(hash);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> engine.burning() == null);
		engine.eject(recorder);
		assertThat(Files.exists(drive)).isFalse();
		assertThat(drive.resolveSibling("drive.iso.ejected").resolve("0001-PASS.iso")).exists();
		assertThat(recorder.events).endsWith("idle OPEN", "idle AVAIL");
	}

	@Test
	void refusesImagesItDoesNotHoldOrThatDoNotFitBeforeBurning() throws Exception {
		Path iso = makeIso(this.work, "big", 1_000_000);
		IsoLibrary library = new IsoLibrary(iso.getParent(), this.work.resolve("md5.cache"));
		String hash = library.scan().get(0).hash();
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings("xorriso", this.work.resolve("d.iso"), 500_000,
				4 << 20), library);
		assertThat(engine.burn(hash, Recorder::new)).isEqualTo("TOOSMALL");
		assertThat(engine.burn("00000000000000000000000000000000", Recorder::new)).isEqualTo("NOISO");
		assertThat(this.work.resolve("d.iso")).doesNotExist();
	}

	@Test
	void md5IsCachedBySizeAndModificationTime() throws Exception {
		Path iso = makeIso(this.work, "cached", 200_000);
		Path cache = this.work.resolve("md5.cache");
		IsoLibrary library = new IsoLibrary(iso.getParent(), cache);
		String real = library.scan().get(0).hash();
		assertThat(Files.readString(cache)).contains(real);
		String fake = "0123456789abcdef0123456789abcdef";
		Files.writeString(cache, Files.readString(cache).replace(real, fake));
		assertThat(library.scan().get(0).hash()).as("hash taken from the cache").isEqualTo(fake);
		Files.setLastModifiedTime(iso, java.nio.file.attribute.FileTime.fromMillis(
				Files.getLastModifiedTime(iso).toMillis() - 60_000));
		assertThat(library.scan().get(0).hash()).as("changed file hashed again").isEqualTo(real);
	}

}
