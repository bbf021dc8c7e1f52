package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.TspDecoder;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspPayloads;

/**
 * A TSP tracker stand-in on loopback answering {@code INFO}/{@code LIST} with a fixed catalogue, once
 * {@link #open()} is called (so a test can see a fetch waiting). tracker-service is a repackaged Boot jar and cannot
 * be a test dependency; the real tracker runs the same tsp-peer classes in its own PeerFetchTests.
 */
final class StandInTracker implements AutoCloseable {

	private final ServerSocket server;

	private final byte[] catalogue;

	private final CountDownLatch gate = new CountDownLatch(1);

	StandInTracker(CatalogueEntry entry) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.catalogue = new TspPayloads().formatCatalogue(List.of(entry));
		Thread.ofVirtual().start(this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Lets the tracker answer. */
	void open() {
		this.gate.countDown();
	}

	private void accept() {
		try {
			while (true) {
				Socket socket = this.server.accept();
				Thread.ofVirtual().start(() -> serve(socket));
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private void serve(Socket socket) {
		TspEncoder encoder = new TspEncoder();
		TspDecoder decoder = new TspDecoder();
		List<TspFrame> frames = new ArrayList<>();
		byte[] buffer = new byte[8192];
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				decoder.decode(ByteBuffer.wrap(buffer, 0, n), frames::add);
				for (TspFrame frame : frames) {
					switch (frame.type()) {
						case INFO, LIST -> {
							if (!this.gate.await(60, TimeUnit.SECONDS)) {
								return;
							}
							out.write(encoder.encode(TspFrame.of(frame.type(), frame.songId(), this.catalogue)));
						}
						default -> {
							// INIT and the rest: nothing to answer.
						}
					}
				}
				frames.clear();
			}
		}
		catch (IOException ex) {
			// peer gone
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws IOException {
		this.gate.countDown();
		this.server.close();
	}

}
