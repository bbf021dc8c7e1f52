package io.mediafleet.testsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stdin loop of a service started in a benchmark's own JVM (the {@code bench/http-flood} targets): the
 * benchmark asks it for its heap after a full GC while it floods the service.
 */
public final class FloodTarget {

	private FloodTarget() {
	}

	/**
	 * Prints {@code READY <port>}, then answers {@code stats} on stdin with {@code STATS heap=<bytes after a full GC>
	 * peak=<most used since the last stats> max=<heap max> threads=<n>} and {@code quit} by running {@code close}
	 * and exiting.
	 */
	public static void serve(int port, Runnable close) throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		AtomicLong peak = new AtomicLong();
		Thread.ofPlatform().daemon().name("flood-heap-sampler").start(() -> {
			while (true) {
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		System.out.println("READY " + port);
		System.out.flush();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = in.readLine()) != null) {
			switch (line.trim()) {
				case "stats" -> {
					long sampledPeak = peak.getAndSet(0);
					System.gc();
					System.out.printf(Locale.ROOT, "STATS heap=%d peak=%d max=%d threads=%d%n",
							memory.getHeapMemoryUsage().getUsed(), sampledPeak, memory.getHeapMemoryUsage().getMax(),
							ManagementFactory.getThreadMXBean().getThreadCount());
				}
				case "quit" -> {
					close.run();
					System.out.println("BYE");
					System.out.flush();
					System.exit(0);
				}
				default -> System.out.println("ERROR unknown command " + line);
			}
			System.out.flush();
		}
		close.run();
		System.exit(0);
	}

}
