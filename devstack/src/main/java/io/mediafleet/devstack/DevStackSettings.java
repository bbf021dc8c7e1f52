package io.mediafleet.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How to run the developer stack: where the suite is, where data lives, which ports, how long to wait.
 *
 * @param rootDirectory the suite's checkout, holding {@code <module>/target/<module>.jar}
 * @param dataDirectory where Redis, MongoDB and the services keep data across restarts; {@code null} keeps
 * everything in memory and in a temporary directory removed on stop
 * @param ports the port plan
 * @param readinessTimeout how long to wait for every service's health to be {@code UP}
 * @param javaOptions JVM options for every service
 * @param playerCommand the player agent's player program and its arguments (the file is appended); mpv, driven
 * over its IPC socket
 * @param irc whether to start an IRC server (ngircd) and connect the scheduler's simul bot to it
 * @param mongoDbProcess whether MongoDB (mongo-java-server) runs in a JVM of its own, as a database server does in
 * production, so it can be killed or stopped apart from devstack; otherwise it runs inside devstack's JVM
 * @param holdDirectory for fault drills: while a file named after a supervised process (e.g. {@code redis},
 * {@code scheduler-service}) exists in it, that process is not restarted; {@code null} restarts without holding
 * @param streamers how many streamers to run (1 to {@value #MAX_STREAMERS}): the first on the planned streamer and TSP
 * peer ports, each further one ({@code streamer-service-2}, ...) on free ports of its own, with its own working
 * directory and library, the same Redis; the scheduler's one listen URL spreads listeners over them
 */
public record DevStackSettings(Path rootDirectory, @Nullable Path dataDirectory, Ports ports,
		Duration readinessTimeout, List<String> javaOptions, List<String> playerCommand, boolean irc,
		boolean mongoDbProcess, @Nullable Path holdDirectory, int streamers) {

	/** Most streamers one devstack runs: each is a JVM on a developer's machine. */
	public static final int MAX_STREAMERS = 9;

	/**
	 * Ends a JVM on its first {@code OutOfMemoryError} (exit code 3) instead of leaving a process that no longer
	 * serves, so devstack restarts it, as compose and the chart have Docker and Kubernetes do.
	 */
	public static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

	/** Small heaps and quick start-up: five JVMs share a developer's machine. Never a zombie after running out. */
	public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", EXIT_ON_OUT_OF_MEMORY);

	/**
	 * The demo player plays to the default audio device and, on a machine without one (a CI runner), to none rather
	 * than failing; no terminal, so several players never fight over one.
	 */
	public static final List<String> DEFAULT_PLAYER_COMMAND = List.of("mpv", "--no-terminal",
			"--audio-fallback-to-null=yes");

	/** Default for {@link #readinessTimeout()}. */
	public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(180);

	static final String USAGE = """
			Usage: bin/devstack [options]   (or: java -jar devstack/target/devstack.jar [options])

			Starts embedded Redis and MongoDB and every Mediafleet service, waits until all are healthy,
			prints their addresses and runs until Ctrl-C, which stops everything. A service that exits on its
			own later (e.g. out of memory) is restarted after 1 s, 2 s, 4 s ... up to 30 s; so are Redis, ngircd
			and (with --mongodb-process) MongoDB.

			Options (each also settable by the environment variable in brackets):
			  --root=DIR            the suite's checkout [DEVSTACK_ROOT] (default: current directory)
			  --data-dir=DIR        data kept across restarts [DEVSTACK_DATA_DIR] (default: ROOT/devstack-data)
			  --in-memory           keep no data: everything is gone after stop [DEVSTACK_IN_MEMORY=true]
			  --irc                 also start an IRC server (ngircd) with the simul bot in #mediafleet [DEVSTACK_IRC=true]
			  --mongodb-process     run MongoDB in a JVM of its own (as production runs a database server), so it can
			                        be killed or stopped alone and is restarted like the services [DEVSTACK_MONGODB_PROCESS=true]
			                        (default: inside devstack's own JVM)
			  --hold-dir=DIR        fault drills: a process named by a file in DIR (redis, mongodb, ngircd, a service's
			                        module, e.g. scheduler-service, or streamer-service-2 ...) is not restarted until the file
			                        is removed [DEVSTACK_HOLD_DIR]
			  --streamers=N         run N streamers (1 to 9) on the same Redis: streamer-service on the streamer ports, then
			                        streamer-service-2 ... on free ports of their own (printed), each with its own working
			                        directory and the demo library, supervised and held (--hold-dir) under that name;
			                        the scheduler's listen URL spreads listeners over them [DEVSTACK_STREAMERS] (default: 1)
			  --timeout=SECONDS     wait at most this long for all services to be healthy [DEVSTACK_TIMEOUT] (default: 180)
			  --java-opts="OPTS"    JVM options for every service [DEVSTACK_JAVA_OPTS] (default: %s;
			                        -XX:+ExitOnOutOfMemoryError is always added unless OPTS say otherwise)
			  --player-command="CMD"  the player agent's mpv command line, no commas [DEVSTACK_PLAYER_COMMAND]
			                        (default: %s; silent: mpv --no-terminal --ao=null --vo=null)
			  --help                this text
			Ports:
			%s""";

	public DevStackSettings {
		rootDirectory = rootDirectory.toAbsolutePath().normalize();
		holdDirectory = (holdDirectory != null) ? holdDirectory.toAbsolutePath().normalize() : null;
		dataDirectory = (dataDirectory != null) ? dataDirectory.toAbsolutePath().normalize() : null;
		if (readinessTimeout.isNegative() || readinessTimeout.isZero()) {
			throw new IllegalArgumentException("The readiness time-out must be positive but was " + readinessTimeout);
		}
		javaOptions = List.copyOf(javaOptions);
		playerCommand = List.copyOf(playerCommand);
		if (streamers < 1 || streamers > MAX_STREAMERS) {
			throw new IllegalArgumentException(
					"The number of streamers must be between 1 and " + MAX_STREAMERS + " but was " + streamers);
		}
		if (playerCommand.isEmpty() || playerCommand.stream().anyMatch((part) -> part.isBlank() || part.contains(","))) {
			// The agent binds mediafleet.player.command from one comma-separated variable.
			throw new IllegalArgumentException(
					"The player command must name a program and contain no commas but was " + playerCommand);
		}
	}

	/** Settings with one streamer. */
	public DevStackSettings(Path rootDirectory, @Nullable Path dataDirectory, Ports ports, Duration readinessTimeout,
			List<String> javaOptions, List<String> playerCommand, boolean irc, boolean mongoDbProcess,
			@Nullable Path holdDirectory) {
		this(rootDirectory, dataDirectory, ports, readinessTimeout, javaOptions, playerCommand, irc, mongoDbProcess,
				holdDirectory, 1);
	}

	/** Settings with MongoDB inside devstack's JVM and no hold directory. */
	public DevStackSettings(Path rootDirectory, @Nullable Path dataDirectory, Ports ports, Duration readinessTimeout,
			List<String> javaOptions, List<String> playerCommand, boolean irc) {
		this(rootDirectory, dataDirectory, ports, readinessTimeout, javaOptions, playerCommand, irc, false, null);
	}

	/** Settings with the default player command. */
	public DevStackSettings(Path rootDirectory, @Nullable Path dataDirectory, Ports ports, Duration readinessTimeout,
			List<String> javaOptions) {
		this(rootDirectory, dataDirectory, ports, readinessTimeout, javaOptions, DEFAULT_PLAYER_COMMAND, false);
	}

	/** Defaults for a checkout at {@code rootDirectory}: data in {@code devstack-data/}, default ports. */
	public static DevStackSettings defaults(Path rootDirectory) {
		return new DevStackSettings(rootDirectory, rootDirectory.resolve("devstack-data"), Ports.defaults(),
				DEFAULT_READINESS_TIMEOUT, DEFAULT_JAVA_OPTIONS);
	}

	/**
	 * The JVM options every service runs with: {@link #javaOptions()}, plus {@value #EXIT_ON_OUT_OF_MEMORY} unless
	 * they already say what to do on {@code OutOfMemoryError} (e.g. {@code -XX:-ExitOnOutOfMemoryError} or
	 * {@code -XX:+CrashOnOutOfMemoryError}).
	 */
	public List<String> serviceJavaOptions() {
		if (this.javaOptions.stream().anyMatch((option) -> option.contains("OnOutOfMemoryError"))) {
			return this.javaOptions;
		}
		List<String> options = new ArrayList<>(this.javaOptions);
		options.add(EXIT_ON_OUT_OF_MEMORY);
		return List.copyOf(options);
	}

	/** Whether data survives a restart. */
	public boolean persistent() {
		return this.dataDirectory != null;
	}

	/** The same settings with another port plan. */
	public DevStackSettings withPorts(Ports ports) {
		return new DevStackSettings(this.rootDirectory, this.dataDirectory, ports, this.readinessTimeout,
				this.javaOptions, this.playerCommand, this.irc, this.mongoDbProcess, this.holdDirectory,
				this.streamers);
	}

	/** The same settings keeping no data. */
	public DevStackSettings inMemory() {
		return new DevStackSettings(this.rootDirectory, null, this.ports, this.readinessTimeout, this.javaOptions,
				this.playerCommand, this.irc, this.mongoDbProcess, this.holdDirectory,
				this.streamers);
	}

	/** The same settings with another player command. */
	public DevStackSettings withPlayerCommand(List<String> command) {
		return new DevStackSettings(this.rootDirectory, this.dataDirectory, this.ports, this.readinessTimeout,
				this.javaOptions, command, this.irc, this.mongoDbProcess, this.holdDirectory,
				this.streamers);
	}

	/** The same settings with or without the IRC server. */
	public DevStackSettings withIrc(boolean irc) {
		return new DevStackSettings(this.rootDirectory, this.dataDirectory, this.ports, this.readinessTimeout,
				this.javaOptions, this.playerCommand, irc, this.mongoDbProcess, this.holdDirectory,
				this.streamers);
	}

	/** The same settings with MongoDB in a process of its own or inside devstack's JVM. */
	public DevStackSettings withMongoDbProcess(boolean separate) {
		return new DevStackSettings(this.rootDirectory, this.dataDirectory, this.ports, this.readinessTimeout,
				this.javaOptions, this.playerCommand, this.irc, separate, this.holdDirectory, this.streamers);
	}

	/** The same settings with {@code count} streamers. */
	public DevStackSettings withStreamers(int count) {
		return new DevStackSettings(this.rootDirectory, this.dataDirectory, this.ports, this.readinessTimeout,
				this.javaOptions, this.playerCommand, this.irc, this.mongoDbProcess, this.holdDirectory, count);
	}

	/** The usage text. */
	public static String usage() {
		StringBuilder ports = new StringBuilder();
		for (Port port : Port.values()) {
			ports.append(String.format("  %-22s %-30s [%s] (default: %d)%n", port.option() + "=N", port.description(),
					port.variable(), port.defaultPort()));
		}
		return USAGE.formatted(String.join(" ", DEFAULT_JAVA_OPTIONS), String.join(" ", DEFAULT_PLAYER_COMMAND),
				ports);
	}

	/**
	 * Reads settings from command-line {@code arguments}, falling back to {@code environment}, then to the defaults
	 * relative to {@code workingDirectory}. Returns {@code null} when {@code --help} was asked for.
	 * @throws DevStackException naming the option or variable that is wrong
	 */
	public static @Nullable DevStackSettings parse(List<String> arguments, Map<String, String> environment,
			Path workingDirectory) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String argument : arguments) {
			if (argument.equals("--help") || argument.equals("-h")) {
				return null;
			}
			if (argument.equals("--in-memory") || argument.equals("--irc") || argument.equals("--mongodb-process")) {
				options.put(argument, "true");
				continue;
			}
			int equals = argument.indexOf('=');
			if (!argument.startsWith("--") || equals < 0) {
				throw new DevStackException("Unknown argument '" + argument + "'; see --help");
			}
			options.put(argument.substring(0, equals), argument.substring(equals + 1));
		}
		Lookup lookup = new Lookup(options, environment);
		Path root = Path.of(lookup.value("--root", "DEVSTACK_ROOT", workingDirectory.toString()));
		root = workingDirectory.resolve(root);
		boolean inMemory = Boolean.parseBoolean(lookup.value("--in-memory", "DEVSTACK_IN_MEMORY", "false"));
		String dataDirectory = lookup.value("--data-dir", "DEVSTACK_DATA_DIR", null);
		Path data = inMemory ? null
				: (dataDirectory != null) ? workingDirectory.resolve(dataDirectory) : root.resolve("devstack-data");
		Duration timeout = Duration.ofSeconds(lookup.number("--timeout", "DEVSTACK_TIMEOUT",
				(int) DEFAULT_READINESS_TIMEOUT.toSeconds()));
		boolean irc = Boolean.parseBoolean(lookup.value("--irc", "DEVSTACK_IRC", "false"));
		boolean mongoDbProcess = Boolean
			.parseBoolean(lookup.value("--mongodb-process", "DEVSTACK_MONGODB_PROCESS", "false"));
		String hold = lookup.value("--hold-dir", "DEVSTACK_HOLD_DIR", null);
		Path holdDirectory = (hold != null) ? workingDirectory.resolve(hold) : null;
		int streamers = lookup.number("--streamers", "DEVSTACK_STREAMERS", 1);
		String javaOptions = lookup.value("--java-opts", "DEVSTACK_JAVA_OPTS", null);
		List<String> jvm = (javaOptions != null) ? splitOptions(javaOptions) : DEFAULT_JAVA_OPTIONS;
		String playerCommand = lookup.value("--player-command", "DEVSTACK_PLAYER_COMMAND", null);
		List<String> player = (playerCommand != null) ? splitOptions(playerCommand) : DEFAULT_PLAYER_COMMAND;
		Map<Port, Integer> ports = new EnumMap<>(Port.class);
		for (Port port : Port.values()) {
			ports.put(port, lookup.number(port.option(), port.variable(), port.defaultPort()));
		}
		options.keySet().removeAll(lookup.used);
		if (!options.isEmpty()) {
			throw new DevStackException("Unknown option " + options.keySet().iterator().next() + "; see --help");
		}
		try {
			return new DevStackSettings(root, data, new Ports(ports), timeout, jvm, player, irc, mongoDbProcess,
					holdDirectory, streamers);
		}
		catch (IllegalArgumentException ex) {
			throw new DevStackException(ex.getMessage(), ex);
		}
	}

	private static List<String> splitOptions(String options) {
		List<String> split = new ArrayList<>(Arrays.asList(options.trim().split("\\s+")));
		split.removeIf(String::isEmpty);
		return split;
	}

	/** Looks an option up on the command line first, then in the environment. */
	private static final class Lookup {

		private final Map<String, String> options;

		private final Map<String, String> environment;

		private final List<String> used = new ArrayList<>();

		Lookup(Map<String, String> options, Map<String, String> environment) {
			this.options = options;
			this.environment = environment;
		}

		@Nullable String value(String option, String variable, @Nullable String fallback) {
			this.used.add(option);
			String value = this.options.get(option);
			if (value == null || value.isBlank()) {
				value = this.environment.get(variable);
			}
			return (value == null || value.isBlank()) ? fallback : value.strip();
		}

		int number(String option, String variable, int fallback) {
			String value = value(option, variable, null);
			if (value == null) {
				return fallback;
			}
			try {
				return Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw new DevStackException(
						option + " (or " + variable + ") must be a whole number but was '" + value + "'");
			}
		}

	}

}
