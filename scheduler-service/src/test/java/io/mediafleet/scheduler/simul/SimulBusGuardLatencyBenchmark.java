package io.mediafleet.scheduler.simul;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * What the bus guard adds to a command's delivery: one PUB socket, one SUB connected to it directly and one through
 * a {@link BusGuard}; every frame carries its send time, and each SUB's thread notes its arrival. Prints the
 * percentiles of both delays and of their difference per frame (the guard's share, which is what adds to start
 * skew between slaves). Not part of the build (the name does not end in Tests); run it with
 * {@code ./mvnw -o -pl scheduler-service verify -Dtest=SimulBusGuardLatencyBenchmark -Djacoco.skip=true}.
 */
class SimulBusGuardLatencyBenchmark {

	private static final int FRAMES = Integer.getInteger("simul.guard.bench.frames", 5000);

	private static final long INTERVAL_MICROS = Long.getLong("simul.guard.bench.interval-us", 1000);

	@Test
	void deliveryDelayDirectAndThroughTheGuard() throws Exception {
		try (ZContext context = new ZContext()) {
			ZMQ.Socket pub = context.createSocket(SocketType.PUB);
			pub.setSndHWM(100_000);
			int port = pub.bindToRandomPort("tcp://127.0.0.1");
			try (BusGuard guard = new BusGuard("bench", new InetSocketAddress("127.0.0.1", 0),
					new InetSocketAddress("127.0.0.1", port), BusAdmission.Limits.DEFAULTS)) {
				long[] direct = new long[FRAMES];
				long[] guarded = new long[FRAMES];
				Thread a = receiver(context, port, direct);
				Thread b = receiver(context, guard.port(), guarded);
				// Let both subscriptions reach the PUB before counting.
				for (int i = 0; i < 300; i++) {
					pub.send(frame(-1, System.nanoTime()));
					Thread.sleep(10);
				}
				for (int i = 0; i < FRAMES; i++) {
					pub.send(frame(i, System.nanoTime()));
					long until = System.nanoTime() + INTERVAL_MICROS * 1000;
					while (System.nanoTime() < until) {
						Thread.onSpinWait();
					}
				}
				pub.send(frame(Integer.MAX_VALUE, 0));
				a.join(Duration.ofSeconds(30));
				b.join(Duration.ofSeconds(30));
				long[] difference = new long[FRAMES];
				for (int i = 0; i < FRAMES; i++) {
					difference[i] = guarded[i] - direct[i];
				}
				String report = "frames=" + FRAMES + " interval=" + INTERVAL_MICROS + "us cores="
						+ Runtime.getRuntime().availableProcessors() + System.lineSeparator() + line("direct", direct)
						+ line("through the guard", guarded) + line("guard's share (per frame)", difference);
				System.out.println(report);
				Files.writeString(Path.of("target", "simul-guard-latency.txt"), report);
			}
		}
	}

	private static byte[] frame(int index, long sentNanos) {
		return ByteBuffer.allocate(12).putInt(index).putLong(sentNanos).array();
	}

	private static Thread receiver(ZContext context, int port, long[] delays) {
		ZMQ.Socket sub = context.createSocket(SocketType.SUB);
		sub.subscribe(ZMQ.SUBSCRIPTION_ALL);
		sub.connect("tcp://127.0.0.1:" + port);
		return Thread.ofPlatform().daemon().start(() -> {
			Arrays.fill(delays, Long.MIN_VALUE);
			while (true) {
				byte[] frame = sub.recv(0);
				long now = System.nanoTime();
				ByteBuffer buffer = ByteBuffer.wrap(frame);
				int index = buffer.getInt();
				if (index == Integer.MAX_VALUE) {
					return;
				}
				if (index >= 0) {
					delays[index] = now - buffer.getLong();
				}
			}
		});
	}

	private static String line(String label, long[] nanos) {
		long[] sorted = Arrays.stream(nanos).filter((value) -> value != Long.MIN_VALUE).sorted().toArray();
		if (sorted.length == 0) {
			return label + ": nothing received" + System.lineSeparator();
		}
		return String.format("%-28s received %d  p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms%n", label,
				sorted.length, ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}

}
