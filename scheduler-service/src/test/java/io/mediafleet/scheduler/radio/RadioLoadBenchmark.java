package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.TestRedis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediafleet.scheduler.SchedulerApplication;

/**
 * Load benchmark of the radio scheduler (not a test): N simulated streamers answering pings over real Redis, R
 * programmed radios, and listener register/unregister pairs published at a target rate. Prints sustained handled
 * messages per second, handling latency percentiles and scheduling lag. Run with {@code bench/radio/run.sh}.
 * <p>
 * Arguments (all optional, in order): streamers (1000), radios (1000), listener messages per second (40000),
 * seconds of load (30), song seconds (10). Environment {@code RADIO_RANDOM=1} makes the radios' playlist random,
 * so every PREPARE goes through the random-play rules (songs' last plays); the default is an ordered playlist.
 * {@code RADIO_WARMUP_SECONDS} (default 10) runs the listener load at the full rate for that long before the measured
 * window (the JIT compiles the new paths then); the summary gives the warm-up window's own figures in rows of their
 * own ("cold start"), and messages received during the warm-up but handled after it count in the measured window.
 * {@code RADIO_WARMUP_SECONDS=0} measures from the first message, as before.
 */
public final class RadioLoadBenchmark {

	private static final String PREFIX = "bench.";

	private static final HistogramSnapshot EMPTY = HistogramSnapshot.empty(0, 0, 0);

	/** Pipelined connections carrying the listener load. */
	private static final int LOAD_CONNECTIONS = 4;

	/**
	 * The first seconds of the listener load are also reported apart: the scheduler's new code paths are compiled
	 * then (JIT) while the load already runs. The headline figures cover the whole load window all the same.
	 */
	private static final Duration WARM_UP = Duration.ofSeconds(10);

	/** Declared warm-up at the full rate before the measured window, unless {@code RADIO_WARMUP_SECONDS} says. */
	private static final int DEFAULT_WARMUP_SECONDS = 10;

	private RadioLoadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int streamers = arg(args, 0, 1000);
		int radios = arg(args, 1, 1000);
		int rate = arg(args, 2, 40_000);
		int seconds = arg(args, 3, 30);
		int songSeconds = arg(args, 4, 10);
		boolean random = "1".equals(System.getenv("RADIO_RANDOM"));
		String warmupSetting = System.getenv("RADIO_WARMUP_SECONDS");
		int warmup = (warmupSetting != null && !warmupSetting.isBlank()) ? Integer.parseInt(warmupSetting.trim())
				: DEFAULT_WARMUP_SECONDS;
		if (warmup < 0) {
			throw new IllegalArgumentException("RADIO_WARMUP_SECONDS must be 0 or more");
		}
		String redisUrl = TestRedis.url();
		String mongoUri = TestMongoDb.uri();
		System.out.printf("Redis %s (%s), MongoDB %s (%s)%n", redisUrl, TestRedis.source(), mongoUri,
				TestMongoDb.source());
		ConfigurableApplicationContext scheduler = new SpringApplicationBuilder(SchedulerApplication.class).run(
				"--server.port=0", "--spring.data.redis.url=" + redisUrl, "--spring.mongodb.uri=" + mongoUri,
				"--spring.mongodb.database=radio-bench", "--mediafleet.scheduler.radio.channel-prefix=" + PREFIX,
				"--mediafleet.scheduler.radio.play-lead-time=1s", "--mediafleet.scheduler.burn.port=0",
				"--mediafleet.scheduler.simul.advise-port=0", "--mediafleet.scheduler.simul.command-port=0",
				"--logging.level.root=WARN", "--management.metrics.distribution.expiry.mediafleet.radio=1h",
				"--management.metrics.distribution.buffer-length.mediafleet.radio=1",
				"--management.metrics.distribution.percentiles-histogram.mediafleet.radio=true",
				"--management.metrics.distribution.minimum-expected-value.mediafleet.radio.handling.latency=10us",
				"--management.metrics.distribution.maximum-expected-value.mediafleet.radio.handling.latency=60s",
				"--management.metrics.distribution.minimum-expected-value.mediafleet.radio.scheduling.lag=100us",
				"--management.metrics.distribution.maximum-expected-value.mediafleet.radio.scheduling.lag=60s");
		MongoTemplate mongo = scheduler.getBean(MongoTemplate.class);
		MeterRegistry registry = scheduler.getBean(MeterRegistry.class);
		mongo.getDb().drop();
		List<String> songIds = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			mongo.save(new Song("bench-" + i, "bench/" + i + ".mp3", songSeconds, null, null));
			songIds.add("bench-" + i);
		}
		mongo.save(new Playlist("bench-list", "bench", songIds, random));
		for (int r = 0; r < radios; r++) {
			mongo.save(new Radio("bench-radio-" + r, "Bench " + r, "bench-list"));
		}

		RedisClient client = RedisClient.create(redisUrl);
		StatefulRedisConnection<String, String> pongs = client.connect();
		AtomicLong plays = new AtomicLong();
		StatefulRedisPubSubConnection<String, String> streamerSide = client.connectPubSub();
		streamerSide.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String pattern, String channel, String message) {
				if (message.equals("{\"type\":\"ping\"}")) {
					String name = channel.substring((PREFIX + "yastream.").length());
					pongs.async().publish(PREFIX + "yascheduler", "{\"type\":\"pong\",\"streamer\":\"" + name + "\"}");
				}
				else if (message.startsWith("{\"type\":\"play\"")) {
					plays.incrementAndGet();
				}
			}
		});
		streamerSide.sync().psubscribe(PREFIX + "yastream.*");
		RedisAsyncCommands<String, String> publisher = client.connect().async();
		String channel = PREFIX + "yascheduler";
		// The listener load goes out on several pipelined connections (flushed once per 1 ms slice), so the load
		// generator is not what limits the rate; both messages of one session use the same connection, in order.
		List<StatefulRedisConnection<String, String>> loadConnections = new ArrayList<>();
		for (int i = 0; i < LOAD_CONNECTIONS; i++) {
			StatefulRedisConnection<String, String> connection = client.connect();
			connection.setAutoFlushCommands(false);
			loadConnections.add(connection);
		}
		for (int s = 0; s < streamers; s++) {
			publisher.publish(channel, "{\"type\":\"register_streamer\",\"streamer\":\"bench-" + s + "\"}");
		}
		for (int s = 0; s < Math.max(streamers, radios); s++) {
			publisher.publish(channel, "{\"type\":\"play_radio\",\"streamer\":\"bench-" + (s % streamers)
					+ "\",\"radio_uuid\":\"bench-radio-" + (s % radios) + "\"}");
		}
		awaitCount(registry, "play_radio", Math.max(streamers, radios), Duration.ofSeconds(120));
		System.out.printf("%d streamers registered, %d radios programmed%n", streamers, radios);
		// One song and a lead time, so the first PREPARE of every radio (the start-up burst) is behind us.
		Thread.sleep((songSeconds + 2) * 1000L);

		// Listener load: pairs of register/unregister, paced in 1 ms slices.
		String loadBefore = loadAverage();
		Timer lagTimer = registry.find("mediafleet.radio.scheduling.lag").timer();
		HistogramSnapshot lagCold = lagTimer.takeSnapshot();
		// Snapshots when the declared warm-up ends and the measured window starts (the load start when there is none).
		HistogramSnapshot lagBefore = (warmup == 0) ? lagCold : null;
		HistogramSnapshot registerBefore = (warmup == 0) ? EMPTY : null;
		HistogramSnapshot unregisterBefore = (warmup == 0) ? EMPTY : null;
		String loadAtWindow = (warmup == 0) ? loadBefore : null;
		// Snapshots once the first 10 s of the measured window are over (null until then, or if it is shorter).
		HistogramSnapshot lagWarm = null;
		HistogramSnapshot registerWarm = null;
		HistogramSnapshot unregisterWarm = null;
		long total = (long) rate * (seconds + warmup);
		long sent = 0;
		long start = System.nanoTime();
		long windowStart = start + TimeUnit.SECONDS.toNanos(warmup);
		long session = 0;
		while (sent < total) {
			long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
			while (sent < Math.min(due, total)) {
				String id = "bench-s" + session;
				int radio = (int) (session % radios);
				RedisAsyncCommands<String, String> out = loadConnections.get((int) (session % LOAD_CONNECTIONS))
					.async();
				if ((sent & 1) == 0) {
					out.publish(channel, "{\"type\":\"register_listener\",\"radio_uuid\":\"bench-radio-" + radio
							+ "\",\"session_id\":\"" + id + "\",\"user_id\":" + (session % 5000) + "}");
				}
				else {
					out.publish(channel, "{\"type\":\"unregister_listener\",\"session_id\":\"" + id + "\"}");
					session++;
				}
				sent++;
			}
			for (StatefulRedisConnection<String, String> connection : loadConnections) {
				connection.flushCommands();
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			if (lagBefore == null && System.nanoTime() >= windowStart) {
				lagBefore = lagTimer.takeSnapshot();
				registerBefore = latencySnapshot(registry, "register_listener");
				unregisterBefore = latencySnapshot(registry, "unregister_listener");
				loadAtWindow = loadAverage();
			}
			if (lagWarm == null && System.nanoTime() - windowStart >= WARM_UP.toNanos() && sent < total) {
				lagWarm = lagTimer.takeSnapshot();
				registerWarm = latencySnapshot(registry, "register_listener");
				unregisterWarm = latencySnapshot(registry, "unregister_listener");
			}
		}
		if (lagBefore == null) {
			// The load was shorter than the warm-up: the measured window is empty.
			lagBefore = lagTimer.takeSnapshot();
			registerBefore = latencySnapshot(registry, "register_listener");
			unregisterBefore = latencySnapshot(registry, "unregister_listener");
			loadAtWindow = loadAverage();
		}
		double sendSeconds = (System.nanoTime() - start) / 1e9;
		long registers = (total + 1) / 2;
		long unregisters = total / 2;
		// Drained when every message was handled or dropped (counted); at most 60 s after the load.
		boolean drained = awaitAccounted(registry, total, Duration.ofSeconds(60));
		double handledSeconds = (System.nanoTime() - start) / 1e9;
		HistogramSnapshot lagAfter = lagTimer.takeSnapshot();
		String loadAfter = loadAverage();
		long handled = (long) (count(registry, "register_listener") + count(registry, "unregister_listener"));
		System.out.println();
		System.out.printf(Locale.ROOT, "offered: %d listener messages in %.1f s (%.0f/s)%n", total, sendSeconds,
				total / sendSeconds);
		System.out.printf(Locale.ROOT, "handled: %d in %.1f s = %.0f/s sustained%s%n", handled, handledSeconds,
				handled / handledSeconds, drained ? "" : " (NOT all handled or dropped within 60 s after the load)");
		printTimer(registry.find("mediafleet.radio.handling.latency").tag("type", "register_listener").timer(),
				"handling latency register_listener (receipt to handled, incl. queueing)");
		printTimer(registry.find("mediafleet.radio.handling.latency").tag("type", "unregister_listener").timer(),
				"handling latency unregister_listener");
		printTimer(lagTimer, "scheduling lag (PREPARE), whole run incl. the start-up burst");
		double[] lag = windowPercentiles(lagBefore, lagAfter, 0.5, 0.99);
		long lagCount = lagAfter.count() - lagBefore.count();
		System.out.printf(Locale.ROOT, "scheduling lag during the listener load: n=%d, p50<=%.2f ms, p99<=%.2f ms "
				+ "(histogram buckets)%n", lagCount, lag[0], lag[1]);
		double overloaded = counter(
				registry.find("mediafleet.radio.messages.rejected").tag("cause", "overloaded").counter());
		double alive = registry.find("mediafleet.radio.streamers.alive").gauge().value();
		double stalls = counter(registry.find("mediafleet.radio.writes.stalls").counter());
		System.out.printf("plays received by streamers: %d; streamers alive: %s; dropped as overloaded: %s; "
				+ "write-behind stalls: %s; bookkeeping writes: %s%n", plays.get(), alive, overloaded, stalls,
				counter(registry.find("mediafleet.radio.writes.written").counter()));
		System.out.println("registers sent " + registers + ", unregisters sent " + unregisters);
		Timer registerLatency = registry.find("mediafleet.radio.handling.latency")
			.tag("type", "register_listener")
			.timer();
		Timer unregisterLatency = registry.find("mediafleet.radio.handling.latency")
			.tag("type", "unregister_listener")
			.timer();
		// Registers and unregisters only happen during the load: their histograms since the end of the warm-up are the
		// measured window, before it the cold start.
		double p99 = Math.max(windowPercentiles(registerBefore, registerLatency.takeSnapshot(), 0.99)[0],
				windowPercentiles(unregisterBefore, unregisterLatency.takeSnapshot(), 0.99)[0]);
		double p50 = windowPercentiles(registerBefore, registerLatency.takeSnapshot(), 0.5)[0];
		double coldP99 = Math.max(windowPercentiles(EMPTY, registerBefore, 0.99)[0],
				windowPercentiles(EMPTY, unregisterBefore, 0.99)[0]);
		double coldP50 = windowPercentiles(EMPTY, registerBefore, 0.5)[0];
		double[] coldLag = windowPercentiles(lagCold, lagBefore, 0.5, 0.99);
		long coldLagCount = lagBefore.count() - lagCold.count();
		double sustained = handled / handledSeconds;
		// The same figures without the first seconds of the load (JIT warm-up), when the load was long enough.
		double steadyP99 = Double.NaN;
		double steadyP50 = Double.NaN;
		double[] steadyLag = { Double.NaN, Double.NaN };
		long steadyLagCount = 0;
		if (lagWarm != null) {
			steadyP99 = Math.max(windowPercentiles(registerWarm, registerLatency.takeSnapshot(), 0.99)[0],
					windowPercentiles(unregisterWarm, unregisterLatency.takeSnapshot(), 0.99)[0]);
			steadyP50 = windowPercentiles(registerWarm, registerLatency.takeSnapshot(), 0.5)[0];
			steadyLag = windowPercentiles(lagWarm, lagAfter, 0.5, 0.99);
			steadyLagCount = lagAfter.count() - lagWarm.count();
		}
		System.out.println();
		String window = (warmup > 0) ? " after " + warmup + " s warm-up" : "";
		System.out.printf(Locale.ROOT, "Summary (%d streamers, %d radios, %d listener msgs/s offered, %d s measured "
				+ "after %d s warm-up at the same rate, %d s songs, %s playlists; load average before %s, at the "
				+ "measured window %s, after %s)%n", streamers, radios, rate, seconds, warmup, songSeconds,
				random ? "random" : "ordered", loadBefore, loadAtWindow, loadAfter);
		System.out.println("| measure | target | measured | met |");
		System.out.println("|---|---|---|---|");
		System.out.printf(Locale.ROOT, "| listener msgs/s sustained (whole load%s) | >= 40000 | %.0f%s | %s |%n",
				(warmup > 0) ? " incl. warm-up" : "", sustained, drained ? "" : " (not drained)",
				// The pacing caps the measure at the offered rate: all handled, none dropped, within 1% of it.
				(drained && overloaded == 0 && sustained >= 0.99 * 40_000) ? "yes" : "no");
		System.out.printf(Locale.ROOT, "| handling latency p50 / p99 (receipt to handled)%s | p99 < 10 ms | <= %.2f / "
				+ "<= %.2f ms | %s |%n", window, p50, p99, (p99 < 10) ? "yes" : "no");
		System.out.printf(Locale.ROOT, "| scheduling lag p50 / p99 during load%s | p99 < 50 ms | <= %.2f / <= %.2f ms "
				+ "(n=%d) | %s |%n", window, lag[0], lag[1], lagCount, (lag[1] < 50 && lagCount > 0) ? "yes" : "no");
		System.out.printf(Locale.ROOT, "| handling latency p50 / p99 after the first %d s of the measured window | "
				+ "p99 < 10 ms | <= %.2f / <= %.2f ms | %s |%n", WARM_UP.toSeconds(), steadyP50, steadyP99,
				(steadyP99 < 10) ? "yes" : "no");
		System.out.printf(Locale.ROOT, "| scheduling lag p50 / p99 after the first %d s of the measured window | "
				+ "p99 < 50 ms | <= %.2f / <= %.2f ms (n=%d) | %s |%n", WARM_UP.toSeconds(), steadyLag[0],
				steadyLag[1], steadyLagCount, (steadyLag[1] < 50 && steadyLagCount > 0) ? "yes" : "no");
		if (warmup > 0) {
			System.out.printf(Locale.ROOT, "| cold start: handling latency p50 / p99 during the %d s warm-up (not in "
					+ "the rows above) | p99 < 10 ms | <= %.2f / <= %.2f ms | %s |%n", warmup, coldP50, coldP99,
					(coldP99 < 10) ? "yes" : "no");
			System.out.printf(Locale.ROOT, "| cold start: scheduling lag p50 / p99 during the %d s warm-up | "
					+ "p99 < 50 ms | <= %.2f / <= %.2f ms (n=%d) | %s |%n", warmup, coldLag[0], coldLag[1],
					coldLagCount, (coldLag[1] < 50 && coldLagCount > 0) ? "yes" : "no");
		}
		System.out.printf(Locale.ROOT, "| streamers kept alive | %d | %.0f | %s |%n", streamers, alive,
				(alive >= streamers) ? "yes" : "no");
		System.out.printf(Locale.ROOT, "| dropped as overloaded | 0 | %.0f | %s |%n", overloaded,
				(overloaded == 0) ? "yes" : "no");
		client.shutdown();
		scheduler.close();
		publishCeiling(java.net.URI.create(redisUrl).getPort());
		System.exit(0);
	}

	/** redis-benchmark PUBLISH on the same Redis, as the ceiling the scheduler's numbers compare with. */
	private static void publishCeiling(int port) throws Exception {
		String payload = "0".repeat(64);
		for (String clients : new String[] { "50", "1" }) {
			ProcessBuilder builder = new ProcessBuilder("redis-benchmark", "-p", String.valueOf(port), "-q", "-c",
					clients, "-n", "200000", "PUBLISH", "ch", payload)
				.redirectErrorStream(true);
			try {
				Process process = builder.start();
				String output = new String(process.getInputStream().readAllBytes()).trim();
				process.waitFor(120, TimeUnit.SECONDS);
				String last = output.substring(output.lastIndexOf('\r') + 1).trim();
				System.out.println("ceiling: redis-benchmark -c " + clients + " PUBLISH ch <64 bytes>: " + last);
			}
			catch (java.io.IOException ex) {
				System.out.println("ceiling: redis-benchmark not installed (" + ex.getMessage() + ")");
				return;
			}
		}
	}

	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

	/**
	 * Percentiles (upper bucket bounds, ms) of what was recorded between two snapshots of a cumulative histogram, so
	 * the start-up burst does not count.
	 */
	private static double[] windowPercentiles(HistogramSnapshot before, HistogramSnapshot after, double... which) {
		CountAtBucket[] a = after.histogramCounts();
		CountAtBucket[] b = before.histogramCounts();
		double total = after.count() - before.count();
		double[] result = new double[which.length];
		for (int w = 0; w < which.length; w++) {
			result[w] = Double.POSITIVE_INFINITY;
			for (int i = 0; i < a.length; i++) {
				double below = a[i].count() - ((i < b.length) ? b[i].count() : 0);
				if (total > 0 && below >= which[w] * total) {
					result[w] = a[i].bucket(TimeUnit.MILLISECONDS);
					break;
				}
			}
			if (total == 0) {
				result[w] = Double.NaN;
			}
		}
		return result;
	}

	private static HistogramSnapshot latencySnapshot(MeterRegistry registry, String type) {
		Timer timer = registry.find("mediafleet.radio.handling.latency").tag("type", type).timer();
		return (timer != null) ? timer.takeSnapshot() : EMPTY;
	}

	private static int arg(String[] args, int index, int otherwise) {
		return (args.length > index) ? Integer.parseInt(args[index]) : otherwise;
	}

	private static double count(MeterRegistry registry, String type) {
		return counter(registry.find("mediafleet.radio.messages.in").tag("type", type).counter());
	}

	private static double counter(Counter counter) {
		return (counter != null) ? counter.count() : 0;
	}

	private static boolean awaitAccounted(MeterRegistry registry, long expected, Duration max)
			throws InterruptedException {
		long deadline = System.nanoTime() + max.toNanos();
		while (count(registry, "register_listener") + count(registry, "unregister_listener")
				+ counter(registry.find("mediafleet.radio.messages.rejected").tag("cause", "overloaded").counter())
				< expected) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(50);
		}
		return true;
	}

	private static boolean awaitCount(MeterRegistry registry, String type, long expected, Duration max)
			throws InterruptedException {
		long deadline = System.nanoTime() + max.toNanos();
		while (count(registry, type) < expected) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(50);
		}
		return true;
	}

	private static void printTimer(Timer timer, String what) {
		if (timer == null) {
			System.out.println(what + ": no data");
			return;
		}
		StringBuilder line = new StringBuilder(what + ": n=" + timer.count());
		for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
			line.append(String.format(Locale.ROOT, ", p%.0f=%.2f ms", p.percentile() * 100,
					p.value(TimeUnit.MILLISECONDS)));
		}
		line.append(String.format(Locale.ROOT, ", max=%.2f ms", timer.max(TimeUnit.MILLISECONDS)));
		System.out.println(line);
	}

}
