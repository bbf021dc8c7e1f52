package io.mediafleet.tsppeer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.PlayPayloadListener;
import io.mediafleet.schema.tsp.TspDecoder;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;

/**
 * A blocking TCP connection speaking TSP frames through the schema's {@link TspDecoder} and {@link TspEncoder}.
 * Reads happen on one thread; writes may come from any thread.
 */
final class FrameSocket implements Closeable {

	private static final int READ_BUFFER_BYTES = 64 * 1024;

	private static final TspEncoder ENCODER = new TspEncoder();

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final TspDecoder decoder;

	private final byte[] buffer = new byte[READ_BUFFER_BYTES];

	private final Deque<TspFrame> ready = new ArrayDeque<>();

	FrameSocket(Socket socket, int maxPayloadBytes, @Nullable PlayPayloadListener playListener) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
		this.decoder = new TspDecoder(maxPayloadBytes, playListener);
	}

	static FrameSocket connect(PeerAddress address, Duration connectTimeout, Duration readTimeout, int maxPayloadBytes,
			@Nullable PlayPayloadListener playListener) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(address.host(), address.port()), (int) connectTimeout.toMillis());
			socket.setSoTimeout((int) readTimeout.toMillis());
			return new FrameSocket(socket, maxPayloadBytes, playListener);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	void send(TspFrame frame) throws IOException {
		sendBytes(ENCODER.encode(frame));
	}

	void sendBytes(byte[] bytes) throws IOException {
		synchronized (this.out) {
			this.out.write(bytes);
			this.out.flush();
		}
	}

	void sendBytes(byte[] bytes, int offset, int length) throws IOException {
		synchronized (this.out) {
			this.out.write(bytes, offset, length);
		}
	}

	void flush() throws IOException {
		synchronized (this.out) {
			this.out.flush();
		}
	}

	/**
	 * The next complete frame, or {@code null} at the end of the stream.
	 * @throws io.mediafleet.schema.tsp.TspCodecException if framing is lost
	 */
	@Nullable TspFrame next() throws IOException {
		while (this.ready.isEmpty()) {
			if (!readSome()) {
				return null;
			}
		}
		return this.ready.poll();
	}

	/** A frame already decoded, without reading. */
	@Nullable TspFrame poll() {
		return this.ready.poll();
	}

	/**
	 * Reads what has arrived (blocking until something does) and decodes it; {@code PLAY} payloads go to the
	 * listener, other frames to {@link #next()}/{@link #poll()}.
	 * @return {@code false} at the end of the stream
	 */
	boolean readSome() throws IOException {
		int n = this.in.read(this.buffer);
		if (n < 0) {
			return false;
		}
		this.decoder.decode(ByteBuffer.wrap(this.buffer, 0, n), this.ready::add);
		return true;
	}

	/** Bytes that can be read without blocking. */
	int available() throws IOException {
		return this.in.available();
	}

	int bufferedBytes() {
		return this.decoder.bufferedBytes();
	}

	Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
