package io.mediafleet.schema.simul;

/**
 * The two ZeroMQ buses of simul, both bound by the master: slaves advise the master on one and
 * obey its commands on the other.
 */
public enum SimulBus {

	/** Slaves to master: the master binds a SUB socket, each slave connects a PUB socket. */
	ADVISE(5556),

	/**
	 * Master to slaves: the master binds a PUB socket, each slave connects a SUB socket
	 * subscribed to everything and drops commands addressed to another slave.
	 */
	COMMAND(5557);

	private final int defaultPort;

	SimulBus(int defaultPort) {
		this.defaultPort = defaultPort;
	}

	/** The TCP port the master binds this bus to unless configured otherwise. */
	public int defaultPort() {
		return this.defaultPort;
	}

}
