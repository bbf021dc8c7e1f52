package io.mediafleet.streamer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ServerSocketFactory;

/**
 * A loopback TCP forwarder that a test can pause: while paused, new connections are closed at once. It lets a test
 * decide who reaches a restarted server first.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile boolean paused;

	public TcpProxy(int targetPort) throws IOException {
		this(targetPort, ServerSocketFactory.getDefault());
	}

	/**
	 * A forwarder whose listening side comes from the given factory: an {@code SSLServerSocketFactory} makes it a
	 * TLS terminator in front of a plain server.
	 */
	public TcpProxy(int targetPort, ServerSocketFactory factory) throws IOException {
		this.targetPort = targetPort;
		this.server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("tcp-proxy").start(this::accept);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Refuses new connections and cuts the open ones. */
	public void pause() {
		this.paused = true;
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	public void resume() {
		this.paused = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.paused) {
					client.close();
					continue;
				}
				Socket target;
				try {
					target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				}
				catch (IOException ex) {
					client.close();
					continue;
				}
				this.open.add(client);
				this.open.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				// Closed: the proxy ends.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread.ofPlatform().daemon().start(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
				}
			}
			catch (IOException ex) {
				// One side went away.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		});
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		pause();
		this.server.close();
	}

}
