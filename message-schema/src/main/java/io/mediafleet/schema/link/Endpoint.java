package io.mediafleet.schema.link;

import java.util.Locale;

/**
 * The three kinds of party on the link: the master that hosts {@code /api/socket}, slaves
 * (agents that do work, registered with {@code register_slave}) and controls (command and display
 * clients, registered with {@code register_control}).
 */
public enum Endpoint {

	/** The server; every link has the master at one end. */
	MASTER,

	/** A worker agent, for example a burner agent. */
	SLAVE,

	/** A command or display client, for example the CLI or the web console. */
	CONTROL;

	/** Lower-case name used in error messages, for example {@code slave}. */
	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
