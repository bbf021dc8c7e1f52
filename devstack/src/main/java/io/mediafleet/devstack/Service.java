package io.mediafleet.devstack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suite's services, each an executable jar built by its module, and the environment that points each at the
 * stack's Redis, MongoDB and ports.
 */
public enum Service {

	/** The master. */
	SCHEDULER("scheduler-service", Port.SCHEDULER),

	/** The radio streamer. */
	STREAMER("streamer-service", Port.STREAMER),

	/** The TSP song tracker. */
	TRACKER("tracker-service", Port.TRACKER),

	/** The burn farm agent. */
	BURNER_AGENT("burner-agent", Port.BURNER_AGENT),

	/** The synchronised-playback agent. */
	PLAYER_AGENT("player-agent", Port.PLAYER_AGENT);

	private final String module;

	private final Port httpPort;

	Service(String module, Port httpPort) {
		this.module = module;
		this.httpPort = httpPort;
	}

	/** The Maven module, artifact and {@code spring.application.name}, e.g. {@code scheduler-service}. */
	public String module() {
		return this.module;
	}

	/** The port its HTTP server (and actuator) listens on. */
	public Port httpPort() {
		return this.httpPort;
	}

	/** Where the module's build leaves the executable jar. */
	public Path jar(Path rootDirectory) {
		return rootDirectory.resolve(this.module).resolve("target").resolve(this.module + ".jar");
	}

	/**
	 * Environment variables for this service: the standard Spring Boot ones for the server port, Redis and MongoDB,
	 * and the service's own {@code mediafleet.*} settings for the ports of the stack.
	 */
	Map<String, String> environment(Ports ports, String redisUrl, String mongoDbUri, String jwtSecret,
			String adminToken, List<String> playerCommand, boolean irc) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(ports.get(this.httpPort)));
		// Five banners in one terminal help nobody.
		environment.put("SPRING_MAIN_BANNERMODE", "off");
		switch (this) {
			case SCHEDULER -> {
				environment.put("SPRING_DATA_REDIS_URL", redisUrl);
				environment.put("SPRING_MONGODB_URI", mongoDbUri);
				environment.put("MEDIAFLEET_SCHEDULER_LINK_JWTSECRET", jwtSecret);
				environment.put("MEDIAFLEET_SCHEDULER_ADMIN_TOKEN", adminToken);
				environment.put("MEDIAFLEET_SCHEDULER_BURN_PORT", port(ports, Port.BURN));
				environment.put("MEDIAFLEET_SCHEDULER_SIMUL_ADVISEPORT", port(ports, Port.SIMUL_ADVISE));
				environment.put("MEDIAFLEET_SCHEDULER_SIMUL_COMMANDPORT", port(ports, Port.SIMUL_COMMAND));
				// The demo radio's streamer holds 75 s of announced tracks: a scheduler killed and back within
				// a minute (its start included) leaves no dead air (docs/protocols/radio.md, "Crash and restart").
				environment.put("MEDIAFLEET_SCHEDULER_RADIO_ANNOUNCEHORIZON", "75s");
				// The operator console: the tracker's admin API (same token as the scheduler's), the services whose
				// health it shows (relaxed binding turns ..._SERVICES_STREAMER into the map key "streamer") and where
				// its listen button points.
				environment.put("MEDIAFLEET_SCHEDULER_CONSOLE_TRACKERURL", local(ports, Port.TRACKER));
				environment.put("MEDIAFLEET_SCHEDULER_CONSOLE_TRACKERTOKEN", adminToken);
				consoleServices(ports).forEach((name, url) -> environment
					.put("MEDIAFLEET_SCHEDULER_CONSOLE_SERVICES_" + name.toUpperCase(Locale.ROOT), url));
				environment.put("MEDIAFLEET_SCHEDULER_CONSOLE_LISTENURLTEMPLATE",
						local(ports, Port.STREAMER) + "/radios/{radio_uuid}");
				if (irc) {
					environment.put("MEDIAFLEET_SCHEDULER_IRC_ENABLED", "true");
					environment.put("MEDIAFLEET_SCHEDULER_IRC_HOST", "127.0.0.1");
					environment.put("MEDIAFLEET_SCHEDULER_IRC_PORT", port(ports, Port.IRC));
					environment.put("MEDIAFLEET_SCHEDULER_IRC_ALLOWEDNICKS", IrcServer.OPERATOR);
				}
			}
			case STREAMER -> {
				environment.put("SPRING_DATA_REDIS_URL", redisUrl);
				environment.put("MEDIAFLEET_STREAMER_PEER_PORT", port(ports, Port.TSP_PEER));
				environment.put("MEDIAFLEET_STREAMER_TRACKER_HOST", "localhost");
				environment.put("MEDIAFLEET_STREAMER_TRACKER_PORT", port(ports, Port.TSP));
				// The scheduler's listen URL redirects players to http://<this host>:<port>/radios/...
				environment.put("MEDIAFLEET_STREAMER_LISTEN_HOST", "localhost");
			}
			case TRACKER -> {
				environment.put("MEDIAFLEET_TRACKER_TSP_PORT", port(ports, Port.TSP));
				// One admin token for the whole stack: the tracker's admin API is protected like the scheduler's.
				environment.put("MEDIAFLEET_TRACKER_ADMIN_TOKEN", adminToken);
			}
			case BURNER_AGENT -> {
				// The burn port wants a slave token (AUTH after ID), minted here with the scheduler's JWT secret; the
				// environment, not the command line, so it is not in ps. A file in the working directory is its drive.
				environment.put("MEDIAFLEET_BURNER_TRANSPORT", "tcp");
				environment.put("MEDIAFLEET_BURNER_TCP_TOKEN",
						AgentTokens.mint(jwtSecret, "devstack-burner", "slave", Instant.now()));
				environment.put("MEDIAFLEET_BURNER_DEVICE", DemoSeed.BURNER_DRIVE);
				environment.put("MEDIAFLEET_BURNER_ISODIRECTORY", DemoSeed.BURNER_ISOS);
				environment.put("MEDIAFLEET_BURNER_LINK_MASTERURL",
						"ws://localhost:" + ports.get(Port.SCHEDULER) + "/api/socket");
				environment.put("MEDIAFLEET_BURNER_TCP_HOST", "localhost");
				environment.put("MEDIAFLEET_BURNER_TCP_PORT", port(ports, Port.BURN));
			}
			case PLAYER_AGENT -> {
				environment.put("MEDIAFLEET_PLAYER_MASTER_HOST", "localhost");
				environment.put("MEDIAFLEET_PLAYER_MASTER_ADVISEPORT", port(ports, Port.SIMUL_ADVISE));
				environment.put("MEDIAFLEET_PLAYER_MASTER_COMMANDPORT", port(ports, Port.SIMUL_COMMAND));
				// Relative to its working directory, where devstack puts the demo media.
				environment.put("MEDIAFLEET_PLAYER_MEDIADIRECTORY", DemoSeed.PLAYER_MEDIA);
				environment.put("MEDIAFLEET_PLAYER_COMMAND", String.join(",", playerCommand));
			}
		}
		return environment;
	}

	/**
	 * The TSP peer token for the services that speak TSP: the tracker requires it in every {@code INIT}
	 * ({@code mediafleet.tracker.peers.token}), the streamer's peer sends it ({@code mediafleet.streamer.tracker.token});
	 * other services get nothing.
	 */
	Map<String, String> tspEnvironment(String tspToken) {
		return switch (this) {
			case TRACKER -> Map.of("MEDIAFLEET_TRACKER_PEERS_TOKEN", tspToken);
			case STREAMER -> Map.of("MEDIAFLEET_STREAMER_TRACKER_TOKEN", tspToken);
			default -> Map.of();
		};
	}

	/**
	 * The services the console shows the health of, by the name it shows: each one's HTTP base URL. Names are single
	 * lower-case words, as environment variables can carry map keys without dashes only.
	 */
	static Map<String, String> consoleServices(Ports ports) {
		Map<String, String> services = new LinkedHashMap<>();
		services.put("streamer", local(ports, Port.STREAMER));
		services.put("tracker", local(ports, Port.TRACKER));
		services.put("burner", local(ports, Port.BURNER_AGENT));
		services.put("player", local(ports, Port.PLAYER_AGENT));
		return services;
	}

	private static String local(Ports ports, Port port) {
		return "http://localhost:" + ports.get(port);
	}

	private static String port(Ports ports, Port port) {
		return Integer.toString(ports.get(port));
	}

}
