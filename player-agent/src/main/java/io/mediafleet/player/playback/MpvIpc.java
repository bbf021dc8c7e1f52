package io.mediafleet.player.playback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.json.JsonSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of mpv's JSON IPC ({@code --input-ipc-server}): one JSON object per line each way, requests matched to
 * replies by {@code request_id}, events skipped. For example:
 *
 * <pre>
 * → {"command":["set_property","pause",false],"request_id":3}
 * ← {"event":"unpause"}
 * ← {"data":null,"request_id":3,"error":"success"}
 * </pre>
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link #MAX_LINE_BYTES}: longest line read from mpv; a longer one fails the connection.</li>
 * </ul>
 */
final class MpvIpc implements AutoCloseable {

	static final int MAX_LINE_BYTES = 64 * 1024;

	private static final JsonMapper mapper = JsonSupport.mapper(JsonLimits.DEFAULTS);

	private final SocketChannel channel;

	private final Selector selector;

	private final ByteBuffer buffer = ByteBuffer.allocate(8192);

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private long nextRequestId = 1;

	private MpvIpc(SocketChannel channel) throws IOException {
		this.channel = channel;
		channel.configureBlocking(false);
		this.selector = Selector.open();
		channel.register(this.selector, SelectionKey.OP_READ);
		this.buffer.flip();
	}

	/** Connects to the socket mpv creates at {@code socket}, retrying until {@code timeout} while mpv starts. */
	static MpvIpc connect(Path socket, Duration timeout, Process process) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			try {
				channel.connect(UnixDomainSocketAddress.of(socket));
				return new MpvIpc(channel);
			}
			catch (IOException ex) {
				channel.close();
				if (!process.isAlive()) {
					throw new IOException("the player exited with code " + process.exitValue()
							+ " before opening its IPC socket");
				}
				if (System.nanoTime() > deadline) {
					throw new IOException("the player did not open its IPC socket " + socket + " within " + timeout);
				}
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted while waiting for the player", interrupted);
				}
			}
		}
	}

	/**
	 * Runs one command and returns its {@code data} ({@code null} when none).
	 * @throws MpvException if mpv answers with an error other than success
	 * @throws IOException if the connection fails or no answer comes within {@code timeout}
	 */
	synchronized @Nullable JsonNode command(Duration timeout, Object... arguments) throws IOException {
		long id = this.nextRequestId++;
		ObjectNode request = mapper.createObjectNode();
		ArrayNode command = request.putArray("command");
		for (Object argument : arguments) {
			command.add(mapper.valueToTree(argument));
		}
		request.put("request_id", id);
		ByteBuffer out = ByteBuffer.wrap((mapper.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
		while (out.hasRemaining()) {
			this.channel.write(out);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			String text = readLine(deadline);
			JsonNode reply;
			try {
				reply = mapper.readTree(text);
			}
			catch (JacksonException ex) {
				throw new IOException("mpv sent a line that is not JSON: " + JsonSupport.describe(ex), ex);
			}
			JsonNode requestId = reply.get("request_id");
			if (requestId == null || !requestId.canConvertToLong() || requestId.asLong() != id) {
				continue;
			}
			String error = reply.path("error").asString("");
			if (!error.equals("success")) {
				throw new MpvException(List.of(arguments) + ": " + error);
			}
			JsonNode data = reply.get("data");
			return (data == null || data.isNull()) ? null : data;
		}
	}

	private String readLine(long deadline) throws IOException {
		while (true) {
			while (this.buffer.hasRemaining()) {
				byte b = this.buffer.get();
				if (b == '\n') {
					String text = this.line.toString(StandardCharsets.UTF_8);
					this.line.reset();
					return text;
				}
				if (this.line.size() >= MAX_LINE_BYTES) {
					throw new IOException("mpv sent a line over " + MAX_LINE_BYTES + " bytes");
				}
				this.line.write(b);
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new IOException("mpv did not answer in time");
			}
			this.selector.select(Math.max(1, left / 1_000_000));
			this.selector.selectedKeys().clear();
			this.buffer.clear();
			int read = this.channel.read(this.buffer);
			this.buffer.flip();
			if (read < 0) {
				throw new IOException("mpv closed its IPC socket");
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.selector.close();
		this.channel.close();
	}

	/** mpv answered a command with an error. */
	static final class MpvException extends IOException {

		MpvException(String message) {
			super(message);
		}

	}

}
