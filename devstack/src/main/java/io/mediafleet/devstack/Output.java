package io.mediafleet.devstack;

import java.io.PrintStream;

/**
 * Where the stack's own messages and its children's output go, one line at a time, each tagged with its source.
 */
@FunctionalInterface
public interface Output {

	/** Writes one {@code line} coming from {@code source} ({@code devstack}, {@code redis}, a service name). */
	void line(String source, String line);

	/** Lines prefixed like {@code scheduler-service | ...}, aligned, written whole even from many threads. */
	static Output prefixed(PrintStream stream) {
		return (source, line) -> {
			String prefixed = String.format("%-17s | %s", source, line);
			synchronized (stream) {
				stream.println(prefixed);
			}
		};
	}

}
