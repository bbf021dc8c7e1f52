package io.mediafleet.scheduler.burn;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mockito.Mockito;

/**
 * Measurement harness, not a test (run by {@code bench/burn-port/footprint.sh}): serves the burn port with budgets
 * large enough for {@code N} connections and a long identification timeout, prints its port, waits until {@code N}
 * connections (opened by another process, so their client side is not in this heap) sit unidentified, and prints the
 * heap after GC per connection. Arguments: N.
 */
public final class PreIdentificationFootprint {

	private PreIdentificationFootprint() {
	}

	public static void main(String[] args) throws Exception {
		int connections = Integer.parseInt(args[0]);
		BurnFarm farm = Mockito.mock(BurnFarm.class);
		BurnMetrics metrics = new BurnMetrics(new SimpleMeterRegistry());
		BurnLineServer server = new BurnLineServer(farm, metrics, "127.0.0.1", 0, 1000, connections + 100,
				connections + 100, Duration.ofMinutes(10),
				new BurnAccessPolicy(null, true, true, true, List.of()), BurnLineSession.Limits.DEFAULTS);
		server.start();
		// Warm up the code paths (one connection opened and closed by the same client process) before the baseline.
		System.out.println("PORT " + server.localPort());
		System.out.flush();
		Thread.sleep(1500);
		long before = heapAfterGc();
		System.out.println("READY " + before);
		System.out.flush();
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (server.anonymousConnections() < connections && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		Thread.sleep(1000);
		long after = heapAfterGc();
		int held = server.anonymousConnections();
		System.out.printf("held %d unidentified connections; heap after GC %d -> %d bytes; %d bytes per connection%n",
				held, before, after, (after - before) / Math.max(1, held));
		server.stop();
		System.exit(0);
	}

	private static long heapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(200);
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
