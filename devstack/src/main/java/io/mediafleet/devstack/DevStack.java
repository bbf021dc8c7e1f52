package io.mediafleet.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The whole suite on one machine: embedded Redis and MongoDB, then every service as a child {@code java -jar}
 * process pointed at them, started, awaited until healthy and stopped in the reverse order.
 * <p>
 * Run it with {@code bin/devstack} or {@code java -jar devstack/target/devstack.jar}; {@code --help} lists the
 * options. Programs (and tests) use {@link #start()}, {@link #endpoints()} and {@link #close()}.
 */
public final class DevStack implements AutoCloseable {

	/** Database the scheduler uses, as in its own default configuration. */
	public static final String DATABASE = "mediafleet";

	private static final String SOURCE = "devstack";

	/** Longer than the services' own 20 s graceful shutdown phase, so a clean stop is never cut short. */
	private static final Duration SERVICE_STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration REDIS_STOP_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration HEALTH_POLL_INTERVAL = Duration.ofMillis(500);

	private final DevStackSettings settings;

	/** Bearer token of the scheduler's REST admin API, printed in the summary. */
	private String adminToken = "";

	private final Output output;

	private final HealthCheck health = new HealthCheck();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final Object lock = new Object();

	// Guarded by lock: what has been started so far, so close() can stop exactly that, even mid-start.
	private boolean closed;

	private @Nullable Supervisor redis;

	private @Nullable Supervisor irc;

	/** MongoDB inside this JVM, or {@link #mongoDbProcess} with {@code --mongodb-process}. */
	private @Nullable EmbeddedMongoDb mongoDb;

	private @Nullable Supervisor mongoDbProcess;

	private final Map<Service, Supervisor> services = new EnumMap<>(Service.class);

	/** The streamers beyond the first ({@code --streamers=N}), planned at start; guarded by lock. */
	private List<ExtraStreamer> extraStreamers = List.of();

	private final Map<ExtraStreamer, Supervisor> extraStreamerSupervisors = new LinkedHashMap<>();

	/** Schedules the restarts of services that exited unexpectedly. */
	private final ScheduledExecutorService restartTimer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "devstack-restart");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable Path temporaryDirectory;

	public DevStack(DevStackSettings settings, Output output) {
		this.settings = settings;
		this.output = output;
	}

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(MongoDbProcess.COMMAND)) {
			try {
				MongoDbProcess.main(List.of(args).subList(1, args.length));
			}
			catch (DevStackException ex) {
				System.err.println("devstack " + MongoDbProcess.COMMAND + ": " + ex.getMessage());
				System.exit(1);
			}
			return;
		}
		Output output = Output.prefixed(System.out);
		DevStackSettings settings;
		try {
			settings = DevStackSettings.parse(List.of(args), System.getenv(), Path.of("").toAbsolutePath());
		}
		catch (DevStackException ex) {
			System.err.println("devstack: " + ex.getMessage());
			System.exit(2);
			return;
		}
		if (settings == null) {
			System.out.print(DevStackSettings.usage());
			return;
		}
		DevStack stack = new DevStack(settings, output);
		// Ctrl-C and SIGTERM run shutdown hooks: stop the children before this JVM goes.
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-stop"));
		try {
			stack.start();
		}
		catch (DevStackException ex) {
			System.err.println("devstack: " + ex.getMessage());
			System.exit(1);
			return;
		}
		output.line(SOURCE, "Press Ctrl-C to stop everything.");
		stack.awaitClosed();
	}

	/**
	 * Starts everything and returns once every service reports {@code UP}, having printed the table of addresses.
	 * On any failure it stops what it started and throws.
	 * @throws DevStackException saying what failed and what to do about it
	 */
	public void start() {
		Instant began = Instant.now();
		try {
			checkJarsExist();
			checkPortsAreFree();
			List<ExtraStreamer> extras = ExtraStreamer.plan(this.settings.streamers(), this.settings.ports());
			synchronized (this.lock) {
				this.extraStreamers = extras;
			}
			Path workRoot = prepareDirectories();
			boolean demoMedia = DemoRadio.copyMedia(this.settings.rootDirectory(),
					workRoot.resolve(Service.STREAMER.module()).resolve("library"));
			DemoSeed seed = new DemoSeed(workRoot, this::say);
			seed.prepare(this.settings.rootDirectory());
			String jwtSecret = keptSecret("scheduler-jwt-secret");
			this.adminToken = keptSecret("admin-token");
			// the tracker's peer token: the tracker requires it in INIT, the streamer's peer sends it
			String tspToken = keptSecret("tsp-peer-token");
			Ports ports = this.settings.ports();

			say("Starting Redis on port " + ports.get(Port.REDIS));
			Path redisData = subdirectory(this.settings.dataDirectory(), "redis");
			Supervisor startedRedis = supervise("redis",
					() -> RedisServerProcess.start(ports.get(Port.REDIS), redisData, workRoot, this.output));
			adopt(startedRedis.current(), () -> this.redis = startedRedis);
			String redisUrl = "redis://127.0.0.1:" + ports.get(Port.REDIS);

			Path mongoFile = (this.settings.dataDirectory() != null)
					? this.settings.dataDirectory().resolve("mongodb.mv") : null;
			say("Starting MongoDB on port " + ports.get(Port.MONGODB)
					+ ((mongoFile != null) ? " (data in " + mongoFile + ")" : " (in memory)")
					+ (this.settings.mongoDbProcess() ? ", in a process of its own" : ""));
			String mongoUri = "mongodb://127.0.0.1:" + ports.get(Port.MONGODB) + "/" + DATABASE;
			if (this.settings.mongoDbProcess()) {
				Supervisor startedMongoDb = supervise(MongoDbProcess.NAME, () -> MongoDbProcess.start(
						ports.get(Port.MONGODB), mongoFile, this.settings.serviceJavaOptions(), workRoot, this.output));
				adopt(startedMongoDb.current(), () -> this.mongoDbProcess = startedMongoDb);
			}
			else {
				EmbeddedMongoDb startedMongoDb = EmbeddedMongoDb.start(ports.get(Port.MONGODB), mongoFile);
				adopt(startedMongoDb::close, () -> this.mongoDb = startedMongoDb);
			}

			if (this.settings.irc()) {
				say("Starting ngircd on port " + ports.get(Port.IRC));
				Supervisor startedIrc = supervise("ngircd", () -> {
					try {
						return IrcServer.start(ports.get(Port.IRC), workRoot.resolve("ngircd"), this.output);
					}
					catch (IOException ex) {
						throw new DevStackException("Could not prepare ngircd: " + ex.getMessage(), ex);
					}
				});
				adopt(startedIrc.current(), () -> this.irc = startedIrc);
			}

			SimulKeys simulKeys = SimulKeys.generate(workRoot);
			say("Simul buses: CURVE, master public key " + simulKeys.masterPublicKey() + ", slaves admitted from "
					+ simulKeys.slaveKeysFile());
			for (Service service : Service.values()) {
				say("Starting " + service.module() + " on port " + ports.get(service.httpPort()));
				List<String> command = new ArrayList<>();
				command.add(javaExecutable().toString());
				command.addAll(this.settings.serviceJavaOptions());
				command.add("-jar");
				command.add(service.jar(this.settings.rootDirectory()).toString());
				Path workingDirectory = Files.createDirectories(workRoot.resolve(service.module()));
				Map<String, String> environment = service.environment(ports, redisUrl, mongoUri, jwtSecret,
						this.adminToken, this.settings.playerCommand(), this.settings.irc());
				environment.putAll(service.tspEnvironment(tspToken));
				environment.putAll(simulKeys.environment(service));
				Supervisor supervisor = supervise(service.module(), () -> ChildProcess.start(service.module(),
						command, environment, workingDirectory, this.output));
				adopt(supervisor.current(), () -> this.services.put(service, supervisor));
			}
			for (ExtraStreamer extra : extras) {
				startExtraStreamer(extra, workRoot, ports, redisUrl, mongoUri, jwtSecret, tspToken, simulKeys);
			}
			awaitHealthy(began.plus(this.settings.readinessTimeout()));
			restartOnUnexpectedExits();
			boolean demo = demoMedia && programDemo();
			printSummary(Duration.between(began, Instant.now()));
			// After the summary, whose "is up" line tools wait for: seeding waits on agents for a few seconds.
			DemoSeed.Seeded seeded = seed.seed(ports, this.adminToken);
			if (demo) {
				say("Listen to the demo radio: mpv http://localhost:" + this.settings.ports().get(Port.STREAMER)
						+ "/radios/" + DemoRadio.RADIO);
				say("Listen over HLS: mpv http://localhost:" + this.settings.ports().get(Port.STREAMER) + "/radios/"
						+ DemoRadio.RADIO + "/live.m3u8 (in a browser: http://localhost:"
						+ this.settings.ports().get(Port.STREAMER) + "/hls-player.html?radio=" + DemoRadio.RADIO + ")");
				say("Its one listen URL (any streamer, chosen by headroom): mpv http://localhost:"
						+ this.settings.ports().get(Port.SCHEDULER) + "/listen/" + DemoRadio.RADIO);
			}
			say(TryCommands.HEADER);
			for (String line : TryCommands.lines(this.settings, workRoot, this.adminToken, seed, seeded)) {
				say("  " + line);
			}
		}
		catch (IOException ex) {
			close();
			throw new DevStackException("Could not prepare the stack's directories: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** What the stack serves: one row per port, in start order. */
	public List<Endpoint> endpoints() {
		Ports ports = this.settings.ports();
		List<Endpoint> endpoints = new ArrayList<>();
		endpoints.add(new Endpoint("redis", ports.get(Port.REDIS), "redis://127.0.0.1:" + ports.get(Port.REDIS)));
		endpoints.add(new Endpoint("mongodb", ports.get(Port.MONGODB),
				"mongodb://127.0.0.1:" + ports.get(Port.MONGODB) + "/" + DATABASE));
		for (Service service : Service.values()) {
			int port = ports.get(service.httpPort());
			endpoints.add(new Endpoint(service.module(), port, "http://localhost:" + port + "/actuator/health"));
		}
		for (Port port : List.of(Port.BURN, Port.SIMUL_ADVISE, Port.SIMUL_COMMAND, Port.TSP, Port.TSP_PEER)) {
			endpoints.add(new Endpoint(port.description(), ports.get(port), "tcp://localhost:" + ports.get(port)));
		}
		for (ExtraStreamer extra : extraStreamers()) {
			endpoints.add(new Endpoint(extra.name(), extra.httpPort(),
					"http://localhost:" + extra.httpPort() + "/actuator/health"));
			endpoints.add(new Endpoint("TSP peer (" + extra.name() + ")", extra.peerPort(),
					"tcp://localhost:" + extra.peerPort()));
		}
		if (this.settings.irc()) {
			endpoints.add(new Endpoint(Port.IRC.description(), ports.get(Port.IRC),
					"irc://localhost:" + ports.get(Port.IRC) + "/" + IrcServer.CHANNEL.substring(1)));
		}
		return endpoints;
	}

	/** The operating-system processes the stack started and has not yet seen stopped (Redis and the services). */
	public List<ProcessHandle> processes() {
		synchronized (this.lock) {
			List<ProcessHandle> handles = new ArrayList<>();
			if (this.redis != null) {
				handles.add(this.redis.current().handle());
			}
			if (this.mongoDbProcess != null) {
				handles.add(this.mongoDbProcess.current().handle());
			}
			if (this.irc != null) {
				handles.add(this.irc.current().handle());
			}
			this.services.values().forEach((supervisor) -> handles.add(supervisor.current().handle()));
			this.extraStreamerSupervisors.values()
				.forEach((supervisor) -> handles.add(supervisor.current().handle()));
			return handles;
		}
	}

	/**
	 * Stops the services (SIGTERM, then a kill after 30 s), then MongoDB, then Redis. Safe to call more than once
	 * and from a shutdown hook while {@link #start()} is still running.
	 */
	@Override
	public void close() {
		List<ChildProcess> runningServices;
		ChildProcess runningRedis;
		ChildProcess runningIrc;
		ChildProcess runningMongoDbProcess;
		EmbeddedMongoDb runningMongoDb;
		Path temporary;
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			// Supervision ends first: nothing stopped on purpose is restarted.
			runningServices = new ArrayList<>(this.services.values().stream().map(Supervisor::stop).toList());
			for (Supervisor extra : this.extraStreamerSupervisors.values()) {
				runningServices.add(extra.stop());
			}
			this.restartTimer.shutdownNow();
			runningRedis = (this.redis != null) ? this.redis.stop() : null;
			runningIrc = (this.irc != null) ? this.irc.stop() : null;
			runningMongoDbProcess = (this.mongoDbProcess != null) ? this.mongoDbProcess.stop() : null;
			runningMongoDb = this.mongoDb;
			temporary = this.temporaryDirectory;
		}
		if (runningServices.isEmpty() && runningRedis == null && runningIrc == null && runningMongoDb == null
				&& runningMongoDbProcess == null && temporary == null) {
			this.stopped.countDown();
			return;
		}
		try {
			if (!runningServices.isEmpty()) {
				say("Stopping the services");
			}
			runningServices.forEach(ChildProcess::requestStop);
			for (ChildProcess service : runningServices) {
				if (service.awaitStop(SERVICE_STOP_TIMEOUT)) {
					say(service.name() + " stopped (exit code " + service.exitValue() + ")");
				}
				else {
					say(service.name() + " did not stop within " + SERVICE_STOP_TIMEOUT.toSeconds() + " s and was killed");
				}
			}
			if (runningIrc != null) {
				say("Stopping ngircd");
				runningIrc.requestStop();
				runningIrc.awaitStop(REDIS_STOP_TIMEOUT);
			}
			if (runningMongoDb != null) {
				say("Stopping MongoDB");
				runningMongoDb.close();
			}
			if (runningMongoDbProcess != null) {
				say("Stopping MongoDB");
				runningMongoDbProcess.requestStop();
				runningMongoDbProcess.awaitStop(REDIS_STOP_TIMEOUT);
			}
			if (runningRedis != null) {
				say("Stopping Redis");
				runningRedis.requestStop();
				runningRedis.awaitStop(REDIS_STOP_TIMEOUT);
			}
			if (temporary != null) {
				deleteRecursively(temporary);
			}
			say("Stopped.");
		}
		finally {
			this.stopped.countDown();
		}
	}

	/** Blocks until {@link #close()} has finished. */
	public void awaitClosed() {
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void checkJarsExist() {
		List<String> missing = new ArrayList<>();
		for (Service service : Service.values()) {
			Path jar = service.jar(this.settings.rootDirectory());
			if (!Files.isRegularFile(jar)) {
				missing.add(jar.toString());
			}
		}
		if (!missing.isEmpty()) {
			throw new DevStackException("Service jars not found: " + String.join(", ", missing)
					+ ". Build them first (./mvnw -DskipTests package, which bin/devstack does for you) or point "
					+ "--root at the suite's checkout.");
		}
	}

	private void checkPortsAreFree() {
		List<String> taken = new ArrayList<>();
		for (Port port : Port.values()) {
			if (port == Port.IRC && !this.settings.irc()) {
				continue;
			}
			int number = this.settings.ports().get(port);
			if (!PortCheck.isFree(number)) {
				taken.add(number + " (" + port.description() + "; change with " + port.option() + "=N or "
						+ port.variable() + ")");
			}
		}
		if (!taken.isEmpty()) {
			throw new DevStackException("Port" + ((taken.size() > 1) ? "s" : "") + " already in use: "
					+ String.join(", ", taken) + ". Is another devstack or a local Redis/MongoDB running?");
		}
	}

	private Path prepareDirectories() throws IOException {
		Path data = this.settings.dataDirectory();
		if (data != null) {
			Files.createDirectories(data);
			Files.createDirectories(data.resolve("redis"));
			return data;
		}
		Path temporary = Files.createTempDirectory("mediafleet-devstack-");
		adopt(() -> deleteRecursively(temporary), () -> this.temporaryDirectory = temporary);
		return temporary;
	}

	/** Programs the demo radio; a refusal is reported and leaves the stack running without it. */
	private boolean programDemo() {
		try {
			DemoRadio.program(this.settings.ports().get(Port.SCHEDULER), this.adminToken);
			return true;
		}
		catch (IOException ex) {
			say("Could not program the demo radio: " + ex.getMessage());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Bearer token of the scheduler's REST admin API; empty until {@link #start()} has chosen it. */
	public String adminToken() {
		return this.adminToken;
	}

	/**
	 * A random secret kept in the data directory under {@code fileName}, so agent tokens (signed with the JWT secret)
	 * and the admin token a person copied stay valid across devstack restarts.
	 */
	private String keptSecret(String fileName) throws IOException {
		Path data = this.settings.dataDirectory();
		Path file = (data != null) ? data.resolve(fileName) : null;
		if (file != null && Files.isRegularFile(file)) {
			String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (existing.length() >= 32) {
				return existing;
			}
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		if (file != null) {
			Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
		}
		return secret;
	}

	/** A process devstack waits for: its name in messages, the port its health answers on, its supervisor now. */
	private record Awaited(String name, int httpPort, Supplier<@Nullable Supervisor> supervisor) {
	}

	/** Every service and every extra streamer, until each answers UP (or one exits, or the deadline passes). */
	private void awaitHealthy(Instant deadline) {
		Ports ports = this.settings.ports();
		List<Awaited> pending = new ArrayList<>();
		for (Service service : Service.values()) {
			pending.add(new Awaited(service.module(), ports.get(service.httpPort()),
					() -> this.services.get(service)));
		}
		for (ExtraStreamer extra : extraStreamers()) {
			pending.add(new Awaited(extra.name(), extra.httpPort(), () -> this.extraStreamerSupervisors.get(extra)));
		}
		while (!pending.isEmpty()) {
			for (Awaited awaited : List.copyOf(pending)) {
				ChildProcess child;
				synchronized (this.lock) {
					abortIfClosed();
					Supervisor supervisor = awaited.supervisor().get();
					child = (supervisor != null) ? supervisor.current() : null;
				}
				if (child == null || !child.isAlive()) {
					String code = (child != null) ? " with code " + child.exitValue() : "";
					throw new DevStackException(awaited.name() + " exited" + code
							+ " before it was healthy; its output above says why");
				}
				if (this.health.isUp(awaited.httpPort())) {
					pending.remove(awaited);
					say(awaited.name() + " is UP");
				}
			}
			if (pending.isEmpty()) {
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				List<String> late = pending.stream()
					.map((awaited) -> awaited.name() + " (" + HealthCheck.healthUri(awaited.httpPort()) + ")")
					.toList();
				throw new DevStackException("Not healthy within " + this.settings.readinessTimeout().toSeconds()
						+ " s: " + String.join(", ", late) + ". Look at their output above, or allow more time with "
						+ "--timeout=SECONDS.");
			}
			try {
				Thread.sleep(HEALTH_POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DevStackException("Interrupted while waiting for the services to be healthy");
			}
		}
	}

	private List<ExtraStreamer> extraStreamers() {
		synchronized (this.lock) {
			return this.extraStreamers;
		}
	}

	/**
	 * Starts one more streamer: {@link Service#STREAMER}'s command and environment on the extra one's own ports, id
	 * and working directory (with the demo library), supervised and held under its own name.
	 */
	private void startExtraStreamer(ExtraStreamer extra, Path workRoot, Ports ports, String redisUrl, String mongoUri,
			String jwtSecret, String tspToken, SimulKeys simulKeys) throws IOException {
		Service service = Service.STREAMER;
		say("Starting " + extra.name() + " on port " + extra.httpPort() + " (TSP peer " + extra.peerPort()
				+ ", streamer id " + extra.streamerId() + ")");
		List<String> command = new ArrayList<>();
		command.add(javaExecutable().toString());
		command.addAll(this.settings.serviceJavaOptions());
		command.add("-jar");
		command.add(service.jar(this.settings.rootDirectory()).toString());
		Path workingDirectory = Files.createDirectories(workRoot.resolve(extra.name()));
		DemoRadio.copyMedia(this.settings.rootDirectory(), workingDirectory.resolve("library"));
		Map<String, String> environment = service.environment(extra.ports(ports), redisUrl, mongoUri, jwtSecret,
				this.adminToken, this.settings.playerCommand(), this.settings.irc());
		environment.putAll(service.tspEnvironment(tspToken));
		environment.putAll(simulKeys.environment(service));
		environment.putAll(extra.environment());
		Supervisor supervisor = supervise(extra.name(),
				() -> ChildProcess.start(extra.name(), command, environment, workingDirectory, this.output));
		adopt(supervisor.current(), () -> this.extraStreamerSupervisors.put(extra, supervisor));
	}

	/**
	 * From now on a service that exits unexpectedly (an {@code OutOfMemoryError} ends it, see
	 * {@link DevStackSettings#serviceJavaOptions()}) is restarted with backoff, saying so; the rest keeps running.
	 */
	private void restartOnUnexpectedExits() {
		synchronized (this.lock) {
			abortIfClosed();
			this.services.values().forEach(Supervisor::restartOnExit);
			this.extraStreamerSupervisors.values().forEach(Supervisor::restartOnExit);
			for (Supervisor backing : new Supervisor[] { this.redis, this.mongoDbProcess, this.irc }) {
				if (backing != null) {
					backing.restartOnExit();
				}
			}
		}
	}

	/**
	 * Starts a process with {@code launcher} under a {@link Supervisor} that restarts it with backoff once the stack is
	 * up, holding the restart while {@code --hold-dir} has a file named {@code name}.
	 */
	private Supervisor supervise(String name, Supplier<ChildProcess> launcher) {
		Path hold = this.settings.holdDirectory();
		return Supervisor.start(name, launcher, RestartBackoff.defaults(), this.restartTimer, this.output,
				Clock.systemUTC(), () -> hold != null && Files.exists(hold.resolve(name)));
	}

	private void printSummary(Duration took) {
		say(String.format("Mediafleet devstack is up after %.1f s, %s:", took.toMillis() / 1000.0,
				this.settings.persistent() ? "data in " + this.settings.dataDirectory() : "keeping no data"));
		say(String.format("  %-30s %6s  %s", "SERVICE", "PORT", "ADDRESS"));
		for (Endpoint endpoint : endpoints()) {
			say(String.format("  %-30s %6d  %s", endpoint.name(), endpoint.port(), endpoint.address()));
		}
		say("Console: " + consoleUrl() + " (sign in with the admin token printed below; the overview shows the demo "
				+ "radio's streamer, the demo burn, the simul's player agents and the tracker's songs)");
		say("Admin token: " + this.adminToken);
		say("REST admin: curl -H 'Authorization: Bearer " + this.adminToken + "' http://localhost:"
				+ this.settings.ports().get(Port.SCHEDULER) + "/api/admin/radios");
	}

	/** The operator console, served by the scheduler. */
	public String consoleUrl() {
		return "http://localhost:" + this.settings.ports().get(Port.SCHEDULER) + "/console";
	}

	/**
	 * Records something just started so {@link #close()} stops it; if the stack was closed meanwhile, close() has
	 * already taken its snapshot, so this stops it here instead.
	 */
	private void adopt(ChildProcess child, Runnable record) {
		adopt(() -> {
			child.requestStop();
			child.awaitStop(SERVICE_STOP_TIMEOUT);
		}, record);
	}

	private void adopt(Runnable stop, Runnable record) {
		synchronized (this.lock) {
			if (!this.closed) {
				record.run();
				return;
			}
		}
		stop.run();
		throw new DevStackException("Stopped while starting");
	}

	private void abortIfClosed() {
		if (this.closed) {
			throw new DevStackException("Stopped while starting");
		}
	}

	private void say(String line) {
		this.output.line(SOURCE, line);
	}

	private static @Nullable Path subdirectory(@Nullable Path parent, String name) {
		return (parent != null) ? parent.resolve(name) : null;
	}

	private static Path javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			// A leftover temporary directory is harmless; the operating system cleans it up eventually.
		}
	}

	/**
	 * One address the stack serves.
	 *
	 * @param name what serves it
	 * @param port its port
	 * @param address how to reach it
	 */
	public record Endpoint(String name, int port, String address) {
	}

}
