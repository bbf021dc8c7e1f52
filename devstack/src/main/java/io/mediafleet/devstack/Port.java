package io.mediafleet.devstack;

import java.util.Locale;

/**
 * Every port the developer stack uses, with its default and how to override it.
 */
public enum Port {

	/** Embedded Redis. */
	REDIS("redis", 6379, "Redis"),

	/** Embedded MongoDB (mongo-java-server). */
	MONGODB("mongodb", 27017, "MongoDB"),

	/** HTTP of scheduler-service. */
	SCHEDULER("scheduler", 8080, "scheduler-service HTTP"),

	/** HTTP of streamer-service. */
	STREAMER("streamer", 8081, "streamer-service HTTP"),

	/** HTTP of tracker-service. */
	TRACKER("tracker", 8082, "tracker-service HTTP"),

	/** HTTP of burner-agent. */
	BURNER_AGENT("burner-agent", 8083, "burner-agent HTTP"),

	/** HTTP of player-agent. */
	PLAYER_AGENT("player-agent", 8084, "player-agent HTTP"),

	/** The scheduler's burn farm TCP protocol. */
	BURN("burn", 1337, "burn farm TCP (scheduler)"),

	/** The scheduler's simul advise bus. */
	SIMUL_ADVISE("simul-advise", 5556, "simul advise bus (scheduler)"),

	/** The scheduler's simul command bus. */
	SIMUL_COMMAND("simul-command", 5557, "simul command bus (scheduler)"),

	/** The tracker's TSP endpoint. */
	TSP("tsp", 7070, "TSP tracker"),

	/** The streamer's TSP peer endpoint. */
	TSP_PEER("tsp-peer", 7071, "TSP peer (streamer)"),

	/** The IRC server devstack starts with {@code --irc} (ngircd); unused and unchecked without it. */
	IRC("irc", 6667, "IRC server (ngircd, --irc)");

	private final String key;

	private final int defaultPort;

	private final String description;

	Port(String key, int defaultPort, String description) {
		this.key = key;
		this.defaultPort = defaultPort;
		this.description = description;
	}

	/** The default port number. */
	public int defaultPort() {
		return this.defaultPort;
	}

	/** What listens on this port, for messages and the startup table. */
	public String description() {
		return this.description;
	}

	/** Command-line option that sets this port, e.g. {@code --redis-port}. */
	public String option() {
		return "--" + this.key + "-port";
	}

	/** Environment variable that sets this port, e.g. {@code DEVSTACK_REDIS_PORT}. */
	public String variable() {
		return "DEVSTACK_" + this.key.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
	}

}
