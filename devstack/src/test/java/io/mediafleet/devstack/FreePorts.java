package io.mediafleet.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A port plan of currently free ports, so a test stack never collides with a developer's running devstack.
 */
final class FreePorts {

	private FreePorts() {
	}

	static Ports plan() {
		// All sockets are held open together so the kernel hands out distinct ports.
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			Map<Port, Integer> ports = new EnumMap<>(Port.class);
			for (Port port : Port.values()) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports.put(port, socket.getLocalPort());
			}
			return new Ports(ports);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing a listening socket we own does not fail in a way a test could act on.
				}
			}
		}
	}

	static int one() {
		return plan().get(Port.REDIS);
	}

}
