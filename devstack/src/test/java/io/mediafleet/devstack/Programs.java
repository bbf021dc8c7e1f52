package io.mediafleet.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds external programs the demo test runs, failing with a clear message when one is missing.
 */
final class Programs {

	private Programs() {
	}

	/** The absolute path of {@code program} on the PATH; fails when absent. */
	static String require(String program) {
		String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
		for (String directory : path.split(":")) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, program);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new AssertionError("The devstack demo test needs the program '" + program
				+ "' but it is not installed (searched " + path + "); install the Debian package that provides it");
	}

}
