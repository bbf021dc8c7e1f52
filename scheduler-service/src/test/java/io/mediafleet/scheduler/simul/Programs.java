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

	/** A python3 that can {@code import zmq} (Debian's python3-zmq goes with /usr/bin/python3); fails when none. */
	static String python3WithZmq() {
		java.util.List<String> candidates = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3"));
		try {
			candidates.add(require("python3"));
		}
		catch (AssertionError ex) {
			// Only /usr/bin/python3 then.
		}
		for (String python : candidates) {
			if (!Files.isExecutable(Path.of(python))) {
				continue;
			}
			try {
				Process probe = new ProcessBuilder(python, "-c", "import zmq").redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				if (probe.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && probe.exitValue() == 0) {
					return python;
				}
				probe.destroyForcibly();
			}
			catch (java.io.IOException ex) {
				// Try the next one.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
		throw new AssertionError("The simul interop test needs python3 with the zmq module (Debian package python3-zmq); "
				+ "none of " + candidates + " can import zmq");
	}

}
