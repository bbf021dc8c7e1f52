package io.mediafleet.scheduler.simul;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds external programs the simul tests need, failing with a clear message when one is missing.
 */
final class Programs {

	private Programs() {
	}

	/** The absolute path of {@code program} on the PATH (or in /usr/sbin for daemons); fails when absent. */
	static String require(String program) {
		String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
		for (String directory : (path + ":/usr/sbin:/sbin").split(":")) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, program);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new AssertionError("The simul tests need the program '" + program
				+ "' but it is not installed (searched " + path + ":/usr/sbin:/sbin); install the Debian package that provides it");
	}

}
