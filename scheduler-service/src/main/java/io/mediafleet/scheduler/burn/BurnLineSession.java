package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.mediafleet.schema.burn.BurnCodecException;
import io.mediafleet.schema.burn.BurnDecoder;
import io.mediafleet.schema.burn.BurnEncoder;
import io.mediafleet.schema.burn.BurnErrorCodes;
import io.mediafleet.schema.burn.BurnMessage;
import io.mediafleet.schema.burn.BurnerState;
import io.mediafleet.schema.burn.BurnerStatus;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.schema.burn.ClientType;
import io.mediafleet.schema.burn.QueueEntry;
import io.mediafleet.schema.burnlink.BurnLink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One TCP connection of the burn protocol: greets with {@code IDENT}, learns the client type from {@code ID}, then
 * relays a burner's reports to the {@link BurnFarm} or answers a command/display client; displays also get an
 * unsolicited {@code SLIST} line for every burner change and a {@code QLIST} for every queue change.
 */
final class BurnLineSession implements BurnerChannel, FarmWatcher {

	private static final Log log = LogFactory.getLog(BurnLineSession.class);

	private static final byte[] CLOSE = new byte[0];

	/**
	 * Per-connection limits.
	 *
	 * @param maxLineLength longest line accepted
	 * @param maxMessageBytes longest message accepted
	 * @param maxFields most fields per line
	 * @param maxQueuedReplies replies waiting to be written before a slow client is disconnected
	 */
	record Limits(int maxLineLength, int maxMessageBytes, int maxFields, int maxQueuedReplies) {

		static final Limits DEFAULTS = new Limits(BurnDecoder.DEFAULT_MAX_LINE_LENGTH, 64 * 1024,
				BurnDecoder.DEFAULT_MAX_FIELDS, 1024);

	}

	private final Socket socket;

	private final BurnFarm farm;

	private final BurnMetrics metrics;

	private final BurnDecoder decoder;

	private final BurnEncoder encoder = new BurnEncoder();

	private final BlockingQueue<byte[]> outbound;

	private final Consumer<BurnLineSession> onClose;

	private volatile @Nullable ClientType clientType;

	private volatile @Nullable String uid;

	private volatile boolean closed;

	private volatile boolean closing;

	BurnLineSession(Socket socket, BurnFarm farm, BurnMetrics metrics, Limits limits,
			Consumer<BurnLineSession> onClose) {
		this.socket = socket;
		this.farm = farm;
		this.metrics = metrics;
		this.decoder = new BurnDecoder(limits.maxLineLength(), limits.maxMessageBytes(), limits.maxFields());
		this.outbound = new ArrayBlockingQueue<>(limits.maxQueuedReplies());
		this.onClose = onClose;
	}

	void start(ExecutorService executor) {
		executor.execute(this::writeLoop);
		executor.execute(this::readLoop);
	}

	// ---- BurnerChannel

	@Override
	public String transport() {
		return "tcp";
	}

	@Override
	public void burn(String hash) {
		send(new BurnMessage.Burn(hash));
	}

	@Override
	public void eject() {
		send(new BurnMessage.Open());
	}

	// ---- FarmWatcher (displays only)

	@Override
	public void burnerChanged(BurnLink.BurnerInfo burner) {
		send(new BurnMessage.StatusList(List.of(status(burner))));
	}

	@Override
	public void queueChanged(List<BurnLink.Job> jobs) {
		send(queueList(jobs));
	}

	// ---- reading

	private void readLoop() {
		send(BurnMessage.Ident.v1());
		byte[] chunk = new byte[8192];
		// Not try-with-resources: closing the input stream closes the socket before the last reply is written.
		try {
			InputStream in = this.socket.getInputStream();
			int n;
			while (!this.closing && !this.closed && (n = in.read(chunk)) >= 0) {
				ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
				while (buffer.hasRemaining() && !this.closing && !this.closed) {
					try {
						this.decoder.decode(buffer, this::handle);
					}
					catch (BurnCodecException ex) {
						this.metrics.badInput("tcp");
						if (ex.isFramingIntact()) {
							send(new BurnMessage.ErrorReply(BurnErrorCodes.BADMSG, ex.getMessage()));
						}
						else {
							send(new BurnMessage.ErrorReply(BurnErrorCodes.PROTO, ex.getMessage()));
							closeAfterReplies();
							return;
						}
					}
				}
			}
		}
		catch (IOException ex) {
			log.debug("Burn connection ended: " + ex.getMessage());
		}
		finally {
			closeAfterReplies();
		}
	}

	private void handle(BurnMessage message) {
		ClientType type = this.clientType;
		if (type == null) {
			handleGreeting(message);
			return;
		}
		switch (type) {
			case BURNCDR, BURNDVD -> handleBurner(message);
			case COMMAND, DISPLAY -> handleFrontEnd(message, type);
		}
	}

	private void handleGreeting(BurnMessage message) {
		if (!(message instanceof BurnMessage.Id id)) {
			this.metrics.badInput("tcp");
			send(new BurnMessage.ErrorReply(BurnErrorCodes.STATE, "expected ID first"));
			closeAfterReplies();
			return;
		}
		if (!BurnMessage.Ident.V1.equals(id.version())) {
			this.metrics.badInput("tcp");
			send(new BurnMessage.ErrorReply(BurnErrorCodes.VERSION, "only V1 is spoken here"));
			closeAfterReplies();
			return;
		}
		this.uid = id.uid();
		this.clientType = id.clientType();
		send(new BurnMessage.Capab());
		switch (id.clientType()) {
			case BURNCDR, BURNDVD -> this.farm.burnerConnected(id.uid(), id.clientType().wire(), this);
			case DISPLAY -> this.farm.watch(this);
			case COMMAND -> {
			}
		}
	}

	private void handleBurner(BurnMessage message) {
		String burner = this.uid;
		switch (message) {
			case BurnMessage.Cap cap -> {
				for (String unknown : this.farm.capabilities(burner, cap.hashes())) {
					send(new BurnMessage.WhatIs(unknown));
				}
			}
			case BurnMessage.Info info -> this.farm.imageInfo(info.hash(), info.fileName(), info.description(), -1);
			case BurnMessage.InfoUnknown unknown -> {
			}
			case BurnMessage.IdleStatus idle -> this.farm.idleStatus(burner, idle.driveState());
			case BurnMessage.ProgressStatus progress -> this.farm.progress(burner, progress.hash(), progress.percent());
			case BurnMessage.CompletedStatus done -> this.farm.completed(burner, done.hash(), done.burnTime());
			case BurnMessage.VerifiedStatus verdict -> this.farm.verified(burner, verdict.hash(), verdict.verdict());
			case BurnMessage.ErrorReply error -> this.farm.burnerError(burner, error.code(), error.text());
			default -> unexpected(message);
		}
	}

	private void handleFrontEnd(BurnMessage message, ClientType type) {
		boolean mayCommand = type == ClientType.COMMAND;
		switch (message) {
			case BurnMessage.QueueReport report -> send(queueList(this.farm.queueList()));
			case BurnMessage.StatusReport report -> {
				List<BurnerStatus> list = new ArrayList<>();
				for (BurnLink.BurnerInfo burner : this.farm.burnerList()) {
					list.add(status(burner));
				}
				send(new BurnMessage.StatusList(list));
			}
			case BurnMessage.AskCapab ask -> send(new BurnMessage.Cap(BurnerType.BURNDVD, this.farm.knownHashes()));
			case BurnMessage.WhatIs what -> {
				BurnStore.ImageInfo image = this.farm.image(what.hash());
				send((image != null) ? new BurnMessage.Info(image.hash(), image.fileName(), image.description())
						: new BurnMessage.InfoUnknown(what.hash()));
			}
			case BurnMessage.Cap cap -> {
				// A front end's answer to CAPAB carries nothing we need.
			}
			case BurnMessage.Queue queue when mayCommand -> {
				OptionalLong job = this.farm.queue(queue.hash(), queue.priority(), 1);
				if (job.isEmpty()) {
					this.metrics.badInput("tcp");
				}
				send(job.isPresent() ? new BurnMessage.QueueOk() : new BurnMessage.QueueNo());
			}
			case BurnMessage.Name name when mayCommand -> {
				if (this.farm.name(name.uid(), name.friendlyName())) {
					send(new BurnMessage.QueueOk());
				}
				else {
					this.metrics.badInput("tcp");
					send(new BurnMessage.ErrorReply(BurnErrorCodes.UNKNOWN, "no burner " + name.uid()));
				}
			}
			case BurnMessage.QueueClear clear when mayCommand -> {
				this.farm.clearQueue();
				send(new BurnMessage.QueueOk());
			}
			case BurnMessage.Queue queue -> denied(message);
			case BurnMessage.Name name -> denied(message);
			case BurnMessage.QueueClear clear -> denied(message);
			default -> unexpected(message);
		}
	}

	private void denied(BurnMessage message) {
		this.metrics.badInput("tcp");
		send(new BurnMessage.ErrorReply(BurnErrorCodes.DENIED,
				message.command().keyword() + " is for COMMAND clients, not displays"));
	}

	private void unexpected(BurnMessage message) {
		this.metrics.badInput("tcp");
		send(new BurnMessage.ErrorReply(BurnErrorCodes.STATE, message.command().keyword() + " is not expected here"));
	}

	private static BurnMessage.QueueList queueList(List<BurnLink.Job> jobs) {
		List<QueueEntry> entries = new ArrayList<>();
		for (BurnLink.Job job : jobs) {
			entries.add(new QueueEntry(Long.toString(job.jobId()), job.hash(), job.priority()));
		}
		return new BurnMessage.QueueList(entries);
	}

	private static BurnerStatus status(BurnLink.BurnerInfo burner) {
		return new BurnerStatus(burner.uid(), burner.hash(), BurnerState.ofWire(burner.state()));
	}

	// ---- writing

	private void send(BurnMessage message) {
		if (this.closed) {
			return;
		}
		if (!this.outbound.offer(this.encoder.encode(message))) {
			log.info("Burn client " + this.socket.getRemoteSocketAddress() + " reads too slowly; disconnecting");
			close();
		}
	}

	private void writeLoop() {
		try (OutputStream out = this.socket.getOutputStream()) {
			while (true) {
				byte[] bytes = this.outbound.poll(1, TimeUnit.SECONDS);
				if (bytes == CLOSE || (bytes == null && this.closed)) {
					break;
				}
				if (bytes != null) {
					out.write(bytes);
					if (this.outbound.isEmpty()) {
						out.flush();
					}
				}
			}
		}
		catch (IOException ex) {
			log.debug("Burn connection write failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			close();
		}
	}

	/** Let queued replies go out (e.g. the final ERROR), then close. */
	private void closeAfterReplies() {
		this.closing = true;
		if (!this.closed && !this.outbound.offer(CLOSE)) {
			close();
		}
		detach();
	}

	void close() {
		this.closed = true;
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		detach();
	}

	private void detach() {
		ClientType type = this.clientType;
		String burner = this.uid;
		if (type == ClientType.DISPLAY) {
			this.farm.unwatch(this);
		}
		if ((type == ClientType.BURNCDR || type == ClientType.BURNDVD) && burner != null) {
			this.farm.burnerDisconnected(burner, this);
		}
		this.onClose.accept(this);
	}

}
