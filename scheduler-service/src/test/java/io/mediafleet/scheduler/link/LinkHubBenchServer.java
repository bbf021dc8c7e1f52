package io.mediafleet.scheduler.link;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.mediafleet.scheduler.SchedulerApplication;
import io.mediafleet.schema.burnlink.BurnLink;
import io.mediafleet.schema.link.Endpoint;
import io.mediafleet.schema.link.Response;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scheduler side of the link hub benchmark (not a test): runs the real scheduler application in its own JVM so
 * the hub's CPU and heap are measured apart from the load generator, and drives the master-to-slave request path on
 * command. Started and steered over stdin/stdout by {@link LinkHubBenchmark}.
 * <p>
 * Lines read: {@code master <seconds> <in flight>} (closed-loop {@code burn_request}s to the connected slaves, one
 * {@code MASTER ...} line back), {@code stats} (one {@code STATS ...} line), {@code quit}. Arguments: Spring
 * arguments for the scheduler.
 */
public final class LinkHubBenchServer {

	private static final String HASH = "d41d8cd98f00b204e9800998ecf8427e";

	private LinkHubBenchServer() {
	}

	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SchedulerApplication.class).run(args);
		LinkHub hub = context.getBean(LinkHub.class);
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		AtomicLong maxHeap = new AtomicLong();
		Thread.ofPlatform().daemon().name("bench-heap-sampler").start(() -> {
			while (true) {
				maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(200);
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
			String[] words = line.trim().split(" ");
			switch (words[0]) {
				case "master" -> System.out.println(master(hub, Integer.parseInt(words[1]), Integer.parseInt(words[2])));
				case "stats" -> {
					long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
						.getProcessCpuTime();
					long used = memory.getHeapMemoryUsage().getUsed();
					long peak = maxHeap.getAndSet(used);
					boolean gc = words.length > 1 && words[1].equals("gc");
					if (gc) {
						System.gc();
						used = memory.getHeapMemoryUsage().getUsed();
					}
					System.out.printf(Locale.ROOT, "STATS cpu=%d heap=%d peak=%d max=%d slaves=%d controls=%d closes=%.0f timeouts=%.0f threads=%d%n",
							cpu, used, peak, memory.getHeapMemoryUsage().getMax(), hub.sessions(Endpoint.SLAVE).size(),
							hub.sessions(Endpoint.CONTROL).size(), sum(registry, "mediafleet.link.closes"),
							sum(registry, "mediafleet.link.requests.timeouts"),
							ManagementFactory.getThreadMXBean().getThreadCount());
				}
				case "quit" -> {
					context.close();
					System.out.println("BYE");
					System.out.flush();
					System.exit(0);
				}
				default -> System.out.println("ERROR unknown command " + line);
			}
			System.out.flush();
		}
		context.close();
		System.exit(0);
	}

	private static double sum(MeterRegistry registry, String name) {
		return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
	}

	/** Closed loop: {@code inFlight} burn_requests outstanding at all times, round robin over the slaves. */
	private static String master(LinkHub hub, int seconds, int inFlight) throws InterruptedException {
		List<LinkSession> slaves = hub.sessions(Endpoint.SLAVE);
		if (slaves.isEmpty()) {
			return "MASTER ERROR no slaves";
		}
		Latencies latencies = new Latencies(20_000_000);
		AtomicInteger next = new AtomicInteger();
		AtomicLong errors = new AtomicLong();
		long endAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		CountDownLatch done = new CountDownLatch(inFlight);
		BurnLink.BurnOrder order = new BurnLink.BurnOrder(HASH);
		class Loop {

			void fire() {
				if (System.nanoTime() >= endAt) {
					done.countDown();
					return;
				}
				LinkSession session = slaves.get(Math.floorMod(next.getAndIncrement(), slaves.size()));
				long start = System.nanoTime();
				session.request(order, Duration.ofSeconds(30)).whenComplete((response, failure) -> {
					if (failure == null && response instanceof Response<?>) {
						latencies.add(System.nanoTime() - start);
					}
					else {
						errors.incrementAndGet();
						// A request refused at once completes inline: continue on another thread, not deeper.
						Thread.ofVirtual().start(this::fire);
						return;
					}
					fire();
				});
			}

		}
		long started = System.nanoTime();
		for (int i = 0; i < inFlight; i++) {
			Thread.ofVirtual().start(() -> new Loop().fire());
		}
		if (!done.await(seconds + 60, TimeUnit.SECONDS)) {
			return "MASTER ERROR loops did not finish";
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		return String.format(Locale.ROOT, "MASTER count=%d errors=%d seconds=%.2f %s", latencies.count(), errors.get(),
				elapsed, latencies.summary());
	}

}
