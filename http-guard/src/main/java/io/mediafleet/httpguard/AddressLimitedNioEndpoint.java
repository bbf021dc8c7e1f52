package io.mediafleet.httpguard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

import org.apache.tomcat.util.net.NioEndpoint;

/**
 * Tomcat's NIO endpoint with admission at accept: the acceptor thread hands every new socket to
 * {@link #setSocketOptions(SocketChannel)}, which refuses (closes the socket and frees its connection slot) when the
 * source address already has its limit open, before any buffer, wrapper or processor is allocated.
 */
final class AddressLimitedNioEndpoint extends NioEndpoint {

	private volatile @Nullable OpenConnectionsPerAddress limit;

	private volatile Runnable onRefused = () -> {
	};

	void limit(@Nullable OpenConnectionsPerAddress limit) {
		this.limit = limit;
	}

	void onRefused(Runnable onRefused) {
		this.onRefused = onRefused;
	}

	@Nullable OpenConnectionsPerAddress limit() {
		return this.limit;
	}

	@Override
	protected boolean setSocketOptions(SocketChannel socket) {
		OpenConnectionsPerAddress limit = this.limit;
		if (limit != null) {
			InetAddress address = remoteAddress(socket);
			if (address != null && !limit.admit(address, socket)) {
				this.onRefused.run();
				// As Tomcat does for a socket it cannot set up: no wrapper exists yet, so the acceptor's closeSocket
				// would find nothing to close; destroySocket closes it and frees its connection slot.
				destroySocket(socket);
				return false;
			}
		}
		return super.setSocketOptions(socket);
	}

	private static @Nullable InetAddress remoteAddress(SocketChannel socket) {
		try {
			return (socket.getRemoteAddress() instanceof InetSocketAddress remote) ? remote.getAddress() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
