package io.mediafleet.tsppeer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes song files of random content (seeded, so reruns see the same bytes) into peer folders. */
public final class TestLibrary {

	private TestLibrary() {
	}

	public static Path song(Path folder, String name, int size, long seed) throws IOException {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		Files.createDirectories(folder);
		return Files.write(folder.resolve(name), bytes);
	}

}
