package io.mediafleet.scheduler.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.mediafleet.scheduler.SchedulerApplication;
import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.TestRedis;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scheduler for {@code bench/http-flood} (not a test): the real application on the shared test Redis and
 * MongoDB, in this JVM (run it with devstack's options), steered over stdin. Prints {@code READY <port>}; answers
 * {@code stats} with {@code STATS heap=<bytes after a full GC> peak=<most used since last stats> max=<heap max>};
 * {@code quit} ends it. Arguments: Spring arguments.
 */
public final class SchedulerFloodTarget {

	private SchedulerFloodTarget() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--spring.main.banner-mode=off",
				"--spring.data.redis.url=" + TestRedis.url(), "--spring.mongodb.uri=" + TestMongoDb.uri(),
				"--spring.mongodb.database=http-flood", "--mediafleet.scheduler.radio.channel-prefix=httpflood.",
				"--mediafleet.scheduler.burn.port=0", "--mediafleet.scheduler.simul.enabled=false"));
		arguments.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SchedulerApplication.class)
			.run(arguments.toArray(String[]::new));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		serve(port, context::close);
	}

	/** The stdin loop shared with the streamer's target. */
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
