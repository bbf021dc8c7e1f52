package io.mediafleet.cli.burn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.mediafleet.cli.CliException;
import io.mediafleet.cli.ExitCode;
import io.mediafleet.schema.burn.BurnCodecException;
import io.mediafleet.schema.burn.BurnDecoder;
import io.mediafleet.schema.burn.BurnEncoder;
import io.mediafleet.schema.burn.BurnErrorCodes;
import io.mediafleet.schema.burn.BurnMessage;
import io.mediafleet.schema.burn.ClientType;
import org.jspecify.annotations.Nullable;

/**
 * One TCP connection to the burn farm as a {@code DISPLAY} client: greeted with {@code IDENT}, identified with
 * {@code ID\tV1\tDISPLAY\t<uid>}, then asks for the burners ({@code SREPORT}) and the queue ({@code QREPORT}); the
 * server answers and from then on pushes an {@code SLIST} line for every burner change and a {@code QLIST} for every
 * queue change. Frames are the message-schema codec's ({@link BurnDecoder}, {@link BurnEncoder}).
 * <p>
 * Parameters to control memory consumption: the decoder's defaults (8 KiB lines, 256 KiB messages, 512 fields), the
 * sizes a display needs for a {@code QLIST} of about 5000 jobs.
 */
final class BurnDisplayConnection implements AutoCloseable {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final BurnDecoder decoder = new BurnDecoder();

	private final BurnEncoder encoder = new BurnEncoder();

	private final Deque<BurnMessage> received = new ArrayDeque<>();

	private final byte[] readBuffer = new byte[8192];

	private BurnDisplayConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects, identifies as a display and asks for the burners and the queue.
	 * @param pollInterval how long {@link #next()} blocks before returning {@code null}
	 * @param credential the control token sent with {@code AUTH}, asked for once the farm has greeted; {@code null}
	 * for none
	 */
	static BurnDisplayConnection open(String host, int port, Duration pollInterval,
			Supplier<@Nullable String> credential) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
			socket.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
			BurnDisplayConnection connection = new BurnDisplayConnection(socket);
			BurnMessage greeting = connection.next();
			if (!(greeting instanceof BurnMessage.Ident)) {
				throw new IOException("expected IDENT from the burn farm, got " + greeting);
			}
			// Only now: a token minted over REST is not worth asking for while the farm is unreachable.
			String token = credential.get();
			connection.send(BurnMessage.Id.v1(ClientType.DISPLAY, randomUid()));
			if (token != null) {
				connection.send(new BurnMessage.Auth(token));
			}
			connection.awaitAdmission(token != null);
			connection.send(new BurnMessage.StatusReport());
			connection.send(new BurnMessage.QueueReport());
			socket.setSoTimeout((int) pollInterval.toMillis());
			return connection;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Waits for {@code CAPAB}, the farm's sign that it serves this display. Without a token a farm that wants one says
	 * nothing until a request comes, so one is sent ({@code SREPORT}) to hear its {@code ERROR AUTH}.
	 */
	private void awaitAdmission(boolean authenticated) throws IOException {
		if (!authenticated) {
			send(new BurnMessage.StatusReport());
		}
		while (true) {
			BurnMessage message = next();
			if (message == null) {
				throw new IOException("the burn farm did not answer ID within " + CONNECT_TIMEOUT.toSeconds() + " s");
			}
			if (message instanceof BurnMessage.Capab) {
				return;
			}
			if (message instanceof BurnMessage.ErrorReply error && BurnErrorCodes.AUTH.equals(error.code())) {
				throw new CliException(ExitCode.REFUSED, "the burn farm refused this display: " + error.text()
						+ (authenticated ? "" : "; it needs a control token: set MEDIAFLEET_BURN_TOKEN (or burn-token "
								+ "in the config file), or the admin token so one is minted"));
			}
			if (message instanceof BurnMessage.ErrorReply error) {
				throw new IOException("the burn farm said " + error.code() + ": " + error.text());
			}
		}
	}

	/** Asks what an image is ({@code WHATIS}); the answer comes as {@code INFO}. */
	void whatIs(String hash) throws IOException {
		send(new BurnMessage.WhatIs(hash));
	}

	/**
	 * The next message, or {@code null} when none arrived within the poll interval.
	 * @throws IOException when the connection is lost or the farm breaks the protocol
	 */
	@Nullable BurnMessage next() throws IOException {
		while (this.received.isEmpty()) {
			int read;
			try {
				read = this.in.read(this.readBuffer);
			}
			catch (SocketTimeoutException ex) {
				return null;
			}
			if (read < 0) {
				throw new IOException("the burn farm closed the connection");
			}
			ByteBuffer bytes = ByteBuffer.wrap(this.readBuffer, 0, read);
			while (bytes.hasRemaining()) {
				try {
					this.decoder.decode(bytes, this.received::add);
				}
				catch (BurnCodecException ex) {
					if (!ex.isFramingIntact()) {
						throw new IOException("the burn farm broke the protocol: " + ex.getMessage(), ex);
					}
					// one bad message: skipped, the next one follows
				}
			}
		}
		return this.received.poll();
	}

	private void send(BurnMessage message) throws IOException {
		this.out.write(this.encoder.encode(message));
		this.out.flush();
	}

	private static String randomUid() {
		byte[] uid = new byte[16];
		ThreadLocalRandom.current().nextBytes(uid);
		return HexFormat.of().formatHex(uid);
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
