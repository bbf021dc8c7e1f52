package io.mediafleet.scheduler.link;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.mediafleet.scheduler.LinkSecret;
import io.mediafleet.schema.burnlink.BurnLink;
import io.mediafleet.schema.link.Close;
import io.mediafleet.schema.link.Endpoint;
import io.mediafleet.schema.link.ErrorResponse;
import io.mediafleet.schema.link.Heartbeat;
import io.mediafleet.schema.link.Hello;
import io.mediafleet.schema.link.LinkCodec;
import io.mediafleet.schema.link.LinkData;
import io.mediafleet.schema.link.LinkMessage;
import io.mediafleet.schema.link.Ready;
import io.mediafleet.schema.link.RegisterControl;
import io.mediafleet.schema.link.RegisterSlave;
import io.mediafleet.schema.link.Response;
import io.mediafleet.schema.link.SeqCounter;
import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.TestRedis;
import org.jspecify.annotations.Nullable;

/**
 * Link hub benchmark (not a test): starts the scheduler in a second JVM ({@link LinkHubBenchServer}), opens N slave
 * connections from this one process (one shared JDK {@code HttpClient}) that register with their own tokens,
 * heartbeat at the configured interval acknowledging {@code last_seq} and answer the master's {@code burn_request}s,
 * plus C control connections issuing {@code queue_list_request}s in a closed loop (K in flight each). Then the master
 * sends closed-loop {@code burn_request}s to the slaves. Prints requests/s, latency percentiles, heartbeats/s, sessions
 * kept and the hub's CPU and heap. Run with {@code bench/link/run.sh}.
 * <p>
 * Arguments (all optional, in order): agents (1000), controls (4), control requests in flight per control (8), seconds
 * per measured phase (30), heartbeat interval in ms (5000; production default 15000), master requests in flight (32).
 */
public final class LinkHubBenchmark {

	private static final LinkCodec codec = new LinkCodec(BurnLink.catalogue());

	private static final AtomicLong heartbeatsSent = new AtomicLong();

	private static final AtomicLong heartbeatsReceived = new AtomicLong();

	private static final AtomicLong burnRequestsAnswered = new AtomicLong();

	private static final AtomicLong unexpectedCloses = new AtomicLong();

	private static final Map<String, AtomicLong> closeReasons = new ConcurrentHashMap<>();

	/** Session messages after which a peer acknowledges at once instead of waiting for its next heartbeat. */
	private static final int ACKNOWLEDGE_EVERY = 1000;

	private static final AtomicLong earlyAcknowledgements = new AtomicLong();

	/** Longest gap between two heartbeats one peer sent, in ms: shows whether the load generator kept its pace. */
	private static final AtomicLong maxHeartbeatGapMs = new AtomicLong();

	/** Set before the scheduler is stopped: closes from then on are the expected {@code shutdown}. */
	private static volatile boolean finished;

	private LinkHubBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int agents = arg(args, 0, 1000);
		int controls = arg(args, 1, 4);
		int perControl = arg(args, 2, 8);
		int seconds = arg(args, 3, 30);
		int heartbeatMs = arg(args, 4, 5000);
		int masterInFlight = arg(args, 5, 32);
		PrintStream out = System.out;
		out.printf("load average before: %s%n", loadAverage());
		String secret = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(24));
		String redisUrl = TestRedis.url();
		String mongoUri = TestMongoDb.uri();
		out.printf("Redis %s (%s), MongoDB %s (%s)%n", redisUrl, TestRedis.source(), mongoUri, TestMongoDb.source());

		Scheduler scheduler = Scheduler.start(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--spring.data.redis.url=" + redisUrl, "--spring.mongodb.uri=" + mongoUri,
				"--spring.mongodb.database=link-bench", "--mediafleet.scheduler.radio.channel-prefix=linkbench.",
				"--mediafleet.scheduler.burn.port=0", "--mediafleet.scheduler.simul.advise-port=0",
				"--mediafleet.scheduler.simul.command-port=0", "--mediafleet.scheduler.link.jwt-secret=" + secret,
				"--mediafleet.scheduler.link.heartbeat-interval=" + heartbeatMs + "ms", "--logging.level.root=WARN"));
		try {
			run(scheduler, secret, agents, controls, perControl, seconds, masterInFlight, out);
		}
		finally {
			finished = true;
			scheduler.quit();
		}
		System.exit(0);
	}

	private static void run(Scheduler scheduler, String secret, int agents, int controls, int perControl, int seconds,
			int masterInFlight, PrintStream out) throws Exception {
		LinkTokens tokens = new LinkTokens(LinkSecret.of(secret), Clock.systemUTC());
		URI uri = URI.create("ws://127.0.0.1:" + scheduler.port + "/api/socket");
		HttpClient http = HttpClient.newBuilder()
			.executor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("bench-ws-", 0).factory()))
			.build();
		ScheduledExecutorService timer = Executors.newScheduledThreadPool(2,
				Thread.ofPlatform().daemon().name("bench-heartbeat-", 0).factory());

		long connectStart = System.nanoTime();
		Semaphore opening = new Semaphore(64);
		List<Peer> slaves = new ArrayList<>();
		List<CompletableFuture<Void>> readies = new ArrayList<>();
		for (int i = 1; i <= agents; i++) {
			opening.acquire();
			Peer slave = new Peer(Endpoint.SLAVE, RegisterSlave.of(
					tokens.mint("bench-" + i, "slave", (long) i, Duration.ofHours(1)), "bench", "bench-" + i, i));
			slaves.add(slave);
			CompletableFuture<Void> ready = slave.connect(http, uri, timer);
			ready.whenComplete((ok, failure) -> opening.release());
			readies.add(ready);
		}
		List<Peer> controlPeers = new ArrayList<>();
		for (int i = 0; i < controls; i++) {
			Peer control = new Peer(Endpoint.CONTROL,
					RegisterControl.of(tokens.mint("bench-control-" + i, "control", null, Duration.ofHours(1)),
							"link-bench"));
			controlPeers.add(control);
			readies.add(control.connect(http, uri, timer));
		}
		CompletableFuture.allOf(readies.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
		out.printf(Locale.ROOT, "%d slaves and %d controls registered in %.1f s%n", agents, controls, connectSeconds);

		// Warm-up, then the measured control phase.
		controlPhase(controlPeers, perControl, 5);
		Stats before = scheduler.stats(false);
		long heartbeatsOut = heartbeatsSent.get();
		long heartbeatsIn = heartbeatsReceived.get();
		long generatorCpu = processCpu();
		long start = System.nanoTime();
		Phase control = controlPhase(controlPeers, perControl, seconds);
		double controlSeconds = (System.nanoTime() - start) / 1e9;
		Stats afterControl = scheduler.stats(false);
		double generatorCpuControl = (processCpu() - generatorCpu) / 1e9 / controlSeconds;
		double heartbeatsOutRate = (heartbeatsSent.get() - heartbeatsOut) / controlSeconds;
		double heartbeatsInRate = (heartbeatsReceived.get() - heartbeatsIn) / controlSeconds;

		// Master to slave requests.
		int masterSeconds = Math.max(5, seconds * 2 / 3);
		Stats beforeMaster = scheduler.stats(false);
		start = System.nanoTime();
		String master = scheduler.command("master " + masterSeconds + " " + masterInFlight, "MASTER");
		double masterWall = (System.nanoTime() - start) / 1e9;
		Stats afterMaster = scheduler.stats(false);

		// Heartbeats only.
		int idleSeconds = Math.max(5, seconds / 3);
		Stats beforeIdle = scheduler.stats(false);
		start = System.nanoTime();
		Thread.sleep(idleSeconds * 1000L);
		double idleWall = (System.nanoTime() - start) / 1e9;
		Stats afterIdle = scheduler.stats(true);

		long open = slaves.stream().filter(Peer::isOpen).count();
		long openControls = controlPeers.stream().filter(Peer::isOpen).count();
		Map<String, String> masterFields = fields(master);
		out.println();
		out.println("Link hub benchmark: " + agents + " slaves, " + controls + " controls x " + perControl
				+ " in flight, heartbeat " + slaves.get(0).heartbeatInterval.toMillis() + " ms, master " + masterInFlight
				+ " in flight");
		out.println("| measure | value |");
		out.println("|---|---|");
		row(out, "slaves registered (connect + handshake)", "%d in %.1f s", agents, connectSeconds);
		row(out, "control queue_list_request/s (closed loop)", "%.0f", control.count / controlSeconds);
		row(out, "  latency p50 / p99 / p99.9 / max (ms)", "%s", control.latencies.summary().replace(" ", " / "));
		row(out, "  error responses or failures", "%d", control.errors);
		row(out, "  hub CPU (cores) / load generator CPU (cores)", "%.2f / %.2f",
				afterControl.cpuCores(before, controlSeconds), generatorCpuControl);
		row(out, "master burn_request/s to slaves (closed loop)", "%.0f",
				Long.parseLong(masterFields.get("count")) / Double.parseDouble(masterFields.get("seconds")));
		row(out, "  latency p50 / p99 / p99.9 / max (ms)", "p50=%s / p99=%s / p999=%s / max=%s",
				masterFields.get("p50"), masterFields.get("p99"), masterFields.get("p999"), masterFields.get("max"));
		row(out, "  errors", "%s", masterFields.get("errors"));
		row(out, "  hub CPU (cores)", "%.2f", afterMaster.cpuCores(beforeMaster, masterWall));
		row(out, "heartbeats/s generator to hub / hub to generator", "%.0f / %.0f", heartbeatsOutRate,
				heartbeatsInRate);
		row(out, "hub CPU with heartbeats only (cores)", "%.3f", afterIdle.cpuCores(beforeIdle, idleWall));
		row(out, "hub heap peak during run / after GC at end (MB)", "%.0f / %.0f (max %.0f)",
				Math.max(Math.max(afterControl.peak, afterMaster.peak), afterIdle.peak) / 1e6, afterIdle.heap / 1e6,
				afterIdle.max / 1e6);
		row(out, "hub threads at end", "%d", afterIdle.threads);
		row(out, "sessions kept: slave sessions in hub / connections open", "%d / %d of %d (controls %d / %d)",
				afterIdle.slaves, open, agents, openControls, controls);
		row(out, "link closes by hub / unexpected closes seen", "%.0f / %d", afterIdle.closes, unexpectedCloses.get());
		row(out, "master request timeouts", "%.0f", afterIdle.timeouts);
		row(out, "early acknowledgements (heartbeat after " + ACKNOWLEDGE_EVERY + " messages received)", "%d",
				earlyAcknowledgements.get());
		row(out, "longest gap between two heartbeats of one generator peer (ms)", "%d", maxHeartbeatGapMs.get());
		closeReasons.forEach((reason, count) -> row(out, "  closed: " + reason, "%d", count.get()));
		out.printf("load average after: %s%n", loadAverage());
		timer.shutdownNow();
	}

	private static void row(PrintStream out, String name, String format, Object... values) {
		out.println("| " + name + " | " + String.format(Locale.ROOT, format, values) + " |");
	}

	private record Phase(long count, long errors, Latencies latencies) {
	}

	private static Phase controlPhase(List<Peer> controls, int perControl, int seconds) throws InterruptedException {
		Latencies latencies = new Latencies(20_000_000);
		AtomicLong errors = new AtomicLong();
		long endAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		List<CompletableFuture<Void>> loops = new ArrayList<>();
		for (Peer control : controls) {
			for (int i = 0; i < perControl; i++) {
				CompletableFuture<Void> loop = new CompletableFuture<>();
				loops.add(loop);
				control.loop(latencies, errors, endAt, loop);
			}
		}
		try {
			CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(seconds + 60L, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("control loops did not finish: " + ex, ex);
		}
		return new Phase(latencies.count(), errors.get(), latencies);
	}

	/** One simulated agent or control on its own WebSocket, speaking the link through the project's codec. */
	private static final class Peer implements WebSocket.Listener {

		private final Endpoint role;

		private final LinkData register;

		private final SeqCounter handshakeSeq = new SeqCounter();

		private final SeqCounter sessionSeq = new SeqCounter();

		private final CompletableFuture<Void> ready = new CompletableFuture<>();

		private final StringBuilder partial = new StringBuilder();

		private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();

		private volatile long lastReceived;

		private long lastHeartbeatNanos;

		private int receivedSinceAcknowledge;

		private volatile Duration heartbeatInterval = Duration.ofSeconds(15);

		private volatile boolean open;

		private @Nullable WebSocket socket;

		private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

		private record Waiting(long startNanos, Latencies latencies, AtomicLong errors, long endAt,
				CompletableFuture<Void> loop) {
		}

		Peer(Endpoint role, LinkData register) {
			this.role = role;
			this.register = register;
		}

		/** Opens the WebSocket; heartbeats start as soon as the session does, as the hub expects. */
		CompletableFuture<Void> connect(HttpClient http, URI uri, ScheduledExecutorService timer) {
			this.ready.thenRun(() -> {
				long interval = this.heartbeatInterval.toMillis();
				timer.scheduleAtFixedRate(this::heartbeat, ThreadLocalRandom.current().nextLong(interval), interval,
						TimeUnit.MILLISECONDS);
			});
			http.newWebSocketBuilder().buildAsync(uri, this).whenComplete((ws, failure) -> {
				if (failure != null) {
					this.ready.completeExceptionally(failure);
				}
			});
			return this.ready;
		}

		boolean isOpen() {
			return this.open;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			this.socket = webSocket;
			this.open = true;
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				try {
					handle(text);
				}
				catch (RuntimeException ex) {
					System.err.println("bench peer failed on " + text + ": " + ex);
				}
			}
			webSocket.request(1);
			return null;
		}

		private void handle(String text) {
			if (!this.ready.isDone()) {
				LinkMessage message = codec.decodeHandshake(text, this.role);
				switch (message.data()) {
					case Hello hello -> sendRaw(codec.encode(codec.catalogue().message(this.handshakeSeq.next(),
							this.register)));
					case Ready ready -> {
						this.heartbeatInterval = ready.heartbeatIntervalOrDefault();
						this.ready.complete(null);
					}
					case Close close -> this.ready.completeExceptionally(new IllegalStateException(close.reason()));
					default -> this.ready.completeExceptionally(new IllegalStateException("unexpected " + text));
				}
				return;
			}
			LinkMessage message = codec.decode(text, this.role, Endpoint.MASTER);
			if (message.seq() > this.lastReceived) {
				this.lastReceived = message.seq();
			}
			// The master keeps what it sent until we acknowledge it (at most 10,000 messages by default): a peer
			// receiving thousands of responses per heartbeat interval acknowledges early, as the protocol allows.
			if (++this.receivedSinceAcknowledge >= ACKNOWLEDGE_EVERY) {
				this.receivedSinceAcknowledge = 0;
				earlyAcknowledgements.incrementAndGet();
				synchronized (this) {
					sendRaw(codec.encode(codec.catalogue().message(this.sessionSeq.next(),
							Heartbeat.of(this.lastReceived))));
				}
			}
			switch (message.data()) {
				case Heartbeat heartbeat -> heartbeatsReceived.incrementAndGet();
				case BurnLink.BurnOrder order -> {
					synchronized (this) {
						sendRaw(codec.encode(codec.catalogue().response(this.sessionSeq.next(), message,
								BurnLink.Accepted.yes())));
					}
					burnRequestsAnswered.incrementAndGet();
				}
				case Response<?> response -> answered(response.requestSeq(), true);
				case ErrorResponse error -> answered(error.requestSeq(), false);
				case Close close -> {
					if (!finished) {
						System.err.println("hub closed " + this.role + ": " + close.reason());
					}
				}
				default -> {
					// events (queue or burner changes) are not measured
				}
			}
		}

		private void answered(long requestSeq, boolean ok) {
			Waiting done = this.waiting.remove(requestSeq);
			if (done == null) {
				return;
			}
			if (ok) {
				done.latencies.add(System.nanoTime() - done.startNanos);
			}
			else {
				done.errors.incrementAndGet();
			}
			loop(done.latencies, done.errors, done.endAt, done.loop);
		}

		/** Sends the next request of one closed loop, or ends the loop once its time is up. */
		void loop(Latencies latencies, AtomicLong errors, long endAt, CompletableFuture<Void> loop) {
			long now = System.nanoTime();
			if (now >= endAt) {
				loop.complete(null);
				return;
			}
			synchronized (this) {
				long seq = this.sessionSeq.next();
				this.waiting.put(seq, new Waiting(now, latencies, errors, endAt, loop));
				sendRaw(codec.encode(codec.catalogue().message(seq, new BurnLink.QueueListQuery())));
			}
		}

		void heartbeat() {
			if (!this.open) {
				return;
			}
			long now = System.nanoTime();
			if (this.lastHeartbeatNanos != 0) {
				maxHeartbeatGapMs.accumulateAndGet((now - this.lastHeartbeatNanos) / 1_000_000, Math::max);
			}
			this.lastHeartbeatNanos = now;
			synchronized (this) {
				sendRaw(codec.encode(codec.catalogue().message(this.sessionSeq.next(), Heartbeat.of(this.lastReceived))));
			}
			heartbeatsSent.incrementAndGet();
		}

		/** JDK WebSockets allow one outstanding send: chain them. Callers hold this peer's lock. */
		private synchronized void sendRaw(String text) {
			WebSocket ws = this.socket;
			if (ws == null) {
				return;
			}
			this.sendChain = this.sendChain.thenCompose(previous -> ws.sendText(text, true));
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			lost(statusCode + " " + reason);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.ready.completeExceptionally(error);
			lost("error " + error.getClass().getSimpleName());
		}

		private void lost(String why) {
			boolean wasOpen = this.open;
			this.open = false;
			if (finished || !wasOpen) {
				return;
			}
			unexpectedCloses.incrementAndGet();
			for (Waiting loop : this.waiting.values()) {
				loop.loop.completeExceptionally(new IllegalStateException("control link lost: " + why));
			}
			closeReasons.computeIfAbsent(this.role + " " + why, (key) -> new AtomicLong()).incrementAndGet();
		}

	}

	/** The scheduler JVM, steered over its stdin and stdout. */
	private static final class Scheduler {

		private final Process process;

		private final PrintStream commands;

		private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

		private int port;

		private Scheduler(Process process) {
			this.process = process;
			this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
			Thread.ofPlatform().daemon().name("bench-scheduler-out").start(() -> {
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = reader.readLine()) != null) {
						if (line.matches("(READY|MASTER|STATS|BYE|ERROR)\\b.*")) {
							this.replies.add(line);
						}
						else {
							System.out.println("[scheduler] " + line);
						}
					}
				}
				catch (java.io.IOException ex) {
					// the scheduler is gone; waiting callers time out
				}
			});
		}

		static Scheduler start(List<String> springArgs) throws Exception {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.add(System.getProperty("bench.scheduler.jvm", "-Xmx512m"));
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(LinkHubBenchServer.class.getName());
			command.addAll(springArgs);
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			Scheduler scheduler = new Scheduler(process);
			String ready = scheduler.reply("READY", 180);
			scheduler.port = Integer.parseInt(ready.substring("READY ".length()).trim());
			return scheduler;
		}

		String reply(String prefix, int timeoutSeconds) throws InterruptedException {
			String line = this.replies.poll(timeoutSeconds, TimeUnit.SECONDS);
			if (line == null || !line.startsWith(prefix)) {
				throw new IllegalStateException("scheduler answered " + line + " instead of " + prefix);
			}
			return line;
		}

		String command(String line, String prefix) throws InterruptedException {
			this.commands.println(line);
			return reply(prefix, 600);
		}

		Stats stats(boolean gc) throws InterruptedException {
			return Stats.parse(command(gc ? "stats gc" : "stats", "STATS"));
		}

		void quit() throws InterruptedException {
			this.commands.println("quit");
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

	private record Stats(long cpu, long heap, long peak, long max, int slaves, int controls, double closes,
			double timeouts, int threads) {

		static Stats parse(String line) {
			Map<String, String> f = fields(line);
			return new Stats(Long.parseLong(f.get("cpu")), Long.parseLong(f.get("heap")), Long.parseLong(f.get("peak")),
					Long.parseLong(f.get("max")), Integer.parseInt(f.get("slaves")), Integer.parseInt(f.get("controls")),
					Double.parseDouble(f.get("closes")), Double.parseDouble(f.get("timeouts")),
					Integer.parseInt(f.get("threads")));
		}

		double cpuCores(Stats before, double seconds) {
			return (this.cpu - before.cpu) / 1e9 / seconds;
		}

	}

	private static Map<String, String> fields(String line) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String word : line.split(" ")) {
			int eq = word.indexOf('=');
			if (eq > 0) {
				fields.put(word.substring(0, eq), word.substring(eq + 1));
			}
		}
		return fields;
	}

	private static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

	private static int arg(String[] args, int index, int fallback) {
		return (args.length > index) ? Integer.parseInt(args[index]) : fallback;
	}

}
