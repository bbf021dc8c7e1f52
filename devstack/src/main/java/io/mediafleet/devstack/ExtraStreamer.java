package io.mediafleet.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A streamer beyond the first ({@code --streamers=N}): the same jar and Redis as {@link Service#STREAMER}, its own
 * HTTP and TSP peer ports, working directory (library), streamer id and name, so the scheduler's one listen URL has
 * more than one streamer to send listeners to, and a fault drill can kill one while the others play on.
 *
 * @param number its number, 2 and up ({@code streamer-service} is the first)
 * @param httpPort its web port (listeners, HLS, health)
 * @param peerPort its TSP peer port
 */
record ExtraStreamer(int number, int httpPort, int peerPort) {

	ExtraStreamer {
		if (number < 2) {
			throw new IllegalArgumentException("Extra streamers are numbered from 2 but got " + number);
		}
	}

	/**
	 * The extra streamers of a stack that runs {@code count} streamers in all, each on two ports free now and outside
	 * the {@code plan}.
	 * @throws DevStackException when the operating system has no free port to give
	 */
	static List<ExtraStreamer> plan(int count, Ports plan) {
		List<ExtraStreamer> extras = new ArrayList<>();
		Set<Integer> planned = new HashSet<>(plan.values().values());
		List<ServerSocket> held = new ArrayList<>();
		try {
			for (int number = 2; number <= count; number++) {
				int http = freePort(planned, held);
				int peer = freePort(planned, held);
				extras.add(new ExtraStreamer(number, http, peer));
			}
		}
		catch (IOException ex) {
			throw new DevStackException("No free port for another streamer: " + ex.getMessage(), ex);
		}
		finally {
			// All bound at once, so every port differs; released only now, for the streamers to bind.
			held.forEach(ExtraStreamer::closeQuietly);
		}
		return List.copyOf(extras);
	}

	/** Its devstack name: output tag, working directory and hold file, e.g. {@code streamer-service-2}. */
	String name() {
		return Service.STREAMER.module() + "-" + this.number;
	}

	/** The id it registers with the scheduler under (the first streamer's is derived from the host name). */
	String streamerId() {
		return "devstack-streamer-" + this.number;
	}

	/** The stack's port plan as this streamer sees it: its own web and TSP peer ports, everything else shared. */
	Ports ports(Ports plan) {
		return plan.with(Port.STREAMER, this.httpPort).with(Port.TSP_PEER, this.peerPort);
	}

	/** Its own settings on top of {@link Service#STREAMER}'s environment: the id, so two streamers never share one. */
	Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("MEDIAFLEET_STREAMER_STREAMERID", streamerId());
		return environment;
	}

	private static int freePort(Set<Integer> planned, List<ServerSocket> held) throws IOException {
		for (int attempt = 0; attempt < 20; attempt++) {
			ServerSocket socket = new ServerSocket();
			socket.bind(new InetSocketAddress(0));
			int port = socket.getLocalPort();
			held.add(socket);
			if (!planned.contains(port)) {
				return port;
			}
		}
		throw new IOException("every port offered was one of the planned ports");
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing was listening on it
		}
	}

}
