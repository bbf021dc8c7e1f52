package io.mediafleet.streamer.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.mediafleet.streamer.StreamerApplication;
import io.mediafleet.testsupport.TestRedis;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The streamer for {@code bench/http-flood} (not a test): the real application on the shared test Redis, with an
 * empty library and no TSP peer, in this JVM (run it with devstack's options), steered over stdin. Prints {@code READY <port>}; answers
 * {@code stats} with {@code STATS heap=<bytes after a full GC> peak=<most used since last stats> max=<heap max>};
 * {@code quit} ends it. Arguments: Spring arguments.
 */
public final class StreamerFloodTarget {

	private StreamerFloodTarget() {
	}

	public static void main(String[] args) throws Exception {
		String library = java.nio.file.Files.createTempDirectory("http-flood-library").toString();
		List<String> arguments = new ArrayList<>(List.of("--spring.main.banner-mode=off",
				"--spring.data.redis.url=" + TestRedis.url(), "--mediafleet.streamer.streamer-id=http-flood",
				"--mediafleet.streamer.library-directory=" + library, "--mediafleet.streamer.peer.enabled=false",
				"--mediafleet.streamer.stream.listener-port=0"));
		arguments.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamerApplication.class)
			.run(arguments.toArray(String[]::new));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		serve(port, context::close);
	}

	/** The stdin loop (the same as the scheduler's target). */
	static void serve(int port, Runnable close) throws Exception {
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
