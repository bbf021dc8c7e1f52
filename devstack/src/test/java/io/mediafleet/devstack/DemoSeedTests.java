package io.mediafleet.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSeedTests {

	private static final Path ROOT = Path.of(System.getProperty("mediafleet.root", "..")).toAbsolutePath().normalize();

	private final List<String> said = new ArrayList<>();

	@Test
	void firstPreparationMakesAnIsoOfTheDemoMediaWithXorrisoAndCopiesThemForThePlayer(@TempDir Path work)
			throws Exception {
		Programs.require("xorriso");
		DemoSeed seed = new DemoSeed(work, this.said::add);
		seed.prepare(ROOT);

		DemoSeed.Image image = seed.image();
		assertThat(image).as("the image; devstack said %s", this.said).isNotNull();
		assertThat(image.path()).isEqualTo(work.resolve("burner-agent/isos/mediafleet-demo.iso"));
		assertThat(image.md5()).isEqualTo(DemoSeed.md5(image.path())).matches("[0-9a-f]{32}");
		assertThat(image.size()).isEqualTo(Files.size(image.path())).isPositive();
		// ISO 9660: the primary volume descriptor at sector 16 starts with type 1 and "CD001".
		byte[] bytes = Files.readAllBytes(image.path());
		assertThat(new String(bytes, 16 * 2048 + 1, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("CD001");
		assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("MEDIAFLEET_DEMO");
		assertThat(work.resolve("player-agent/media/" + DemoSeed.DEMO_FILE))
			.hasSameBinaryContentAs(ROOT.resolve("devstack/demo/media/" + DemoSeed.DEMO_FILE));
		assertThat(seed.drive()).isEqualTo(work.resolve("burner-agent/drive.iso"));
		assertThat(this.said).anyMatch((line) -> line.startsWith("Made the demo ISO"));
	}

	@Test
	void aLaterPreparationKeepsTheImageItFound(@TempDir Path work) throws Exception {
		new DemoSeed(work, this.said::add).prepare(ROOT);
		Path iso = work.resolve("burner-agent/isos/mediafleet-demo.iso");
		FileTime made = FileTime.fromMillis(1_000_000_000_000L);
		Files.setLastModifiedTime(iso, made);
		String md5 = DemoSeed.md5(iso);
		this.said.clear();

		DemoSeed again = new DemoSeed(work, this.said::add);
		again.prepare(ROOT);

		assertThat(Files.getLastModifiedTime(iso)).as("the same file, not made again").isEqualTo(made);
		assertThat(again.image()).isEqualTo(new DemoSeed.Image(iso, md5, Files.size(iso)));
		assertThat(this.said).noneMatch((line) -> line.startsWith("Made the demo ISO"));
	}

	@Test
	void withoutDemoMediaThePlayerPartIsReportedAndNoImageIsMade(@TempDir Path emptyCheckout, @TempDir Path work) {
		DemoSeed seed = new DemoSeed(work, this.said::add);
		seed.prepare(emptyCheckout);
		assertThat(this.said).anyMatch((line) -> line.startsWith("No demo media in "))
			.anyMatch((line) -> line.startsWith("No demo ISO: no demo media in "));
		assertThat(seed.image()).isNull();
	}

}
