package io.mediafleet.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Tells whether a TCP port can still be listened on, on every interface as the services will.
 */
final class PortCheck {

	private PortCheck() {
	}

	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// Like Tomcat and Redis, so a port an earlier run left in TIME_WAIT counts as free, as it is for them;
			// a live listener on any address still makes the bind fail.
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
