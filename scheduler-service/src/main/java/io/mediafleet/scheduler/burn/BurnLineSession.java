package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.mediafleet.schema.burn.BurnCodecException;
import io.mediafleet.schema.burn.BurnDecoder;
import io.mediafleet.schema.burn.BurnEncoder;
import io.mediafleet.schema.burn.BurnErrorCodes;
import io.mediafleet.schema.burn.BurnMessage;
import io.mediafleet.schema.burn.BurnerStatus;
import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.schema.burn.ClientType;
import io.mediafleet.schema.burn.QueueEntry;
import io.mediafleet.schema.burnlink.BurnLink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One TCP connection of the burn protocol: greets with {@code IDENT}, learns the client type from {@code ID}, checks
 * {@code AUTH} where the {@link BurnAccessPolicy} asks for it, then relays a burner's reports to the {@link BurnFarm}
 * or answers a command/display client; displays also get an unsolicited {@code SLIST} line for every burner change and
 * a {@code QLIST} for every queue change.
 *
 * <p>Until it is admitted (identified, and authenticated where needed) a connection is cheap and short-lived: one
 * virtual thread (the reader), a {@value #GREETING_CHUNK}-byte read buffer, no outbound queue and no writer thread
 * (the few replies before admission are written directly), at most {@value #MAX_REFUSALS_BEFORE_ADMISSION} refused
 * messages, and it is closed with {@code ERROR\tTIMEOUT} when {@code identificationTimeout} has passed since it was
 * accepted. The big buffers come with admission.
 */
final class BurnLineSession implements BurnerChannel, FarmWatcher {

	private static final Log log = LogFactory.getLog(BurnLineSession.class);

	private static final byte[] CLOSE = new byte[0];

	/** Read buffer before admission: an {@code ID} is about 50 bytes, an {@code AUTH} a few hundred. */
	static final int GREETING_CHUNK = 512;

	/** Read buffer once admitted. */
	private static final int ADMITTED_CHUNK = 8192;

	/** Refused messages (ERROR AUTH, BADMSG) tolerated before admission; then the connection is closed. */
	static final int MAX_REFUSALS_BEFORE_ADMISSION = 8;

	/**
	 * What the server decides for a session: whether it may leave the anonymous budget for the admitted one, and
	 * forgetting it when it closes.
	 */
	interface Admission {

		/** Moves {@code session} from the anonymous budget to the admitted one; {@code false} when that is full. */
		boolean admit(BurnLineSession session);

		/** The session closed. */
		void closed(BurnLineSession session);

	}
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

	private final int maxQueuedReplies;

	private final BurnAccessPolicy policy;

	private final Admission admission;

	private final long deadlineNanos;

	private final Object directWriteLock = new Object();

	/** Created on admission; before it, replies are written directly by the reader. */
	private volatile @Nullable BlockingQueue<byte[]> outbound;

	private @Nullable ExecutorService executor;

	/** Set once {@code ID} was accepted and {@code AUTH} is still due. */
	private boolean awaitingAuth;

	private int refusals;

	private volatile @Nullable ClientType clientType;

	private volatile @Nullable String uid;

	private volatile boolean closed;

	private volatile boolean closing;

	/**
	 * @param identificationTimeout how long after now the connection may take to be admitted
	 */
	BurnLineSession(Socket socket, BurnFarm farm, BurnMetrics metrics, Limits limits, BurnAccessPolicy policy,
			Duration identificationTimeout, Admission admission) {
		this.socket = socket;
		this.farm = farm;
		this.metrics = metrics;
		this.decoder = new BurnDecoder(limits.maxLineLength(), limits.maxMessageBytes(), limits.maxFields());
		this.maxQueuedReplies = limits.maxQueuedReplies();
		this.policy = policy;
		this.admission = admission;
		this.deadlineNanos = System.nanoTime() + identificationTimeout.toNanos();
	}

	/** Starts the reader; the writer starts on admission. */
	void start(ExecutorService executor) {
		this.executor = executor;
		executor.execute(this::readLoop);
	}

	/** Whether {@code ID} (and {@code AUTH} where needed) was accepted. */
	boolean admitted() {
		return this.outbound != null;
	}

	/** The client's address. */
	InetAddress source() {
		return this.socket.getInetAddress();
	}

	// ---- BurnerChannel

	@Override
	public BurnerTransport transport() {
		return BurnerTransport.TCP;
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
		byte[] chunk = new byte[GREETING_CHUNK];
		// Not try-with-resources: closing the input stream closes the socket before the last reply is written.
		try {
			InputStream in = this.socket.getInputStream();
			int n;
			while (!this.closing && !this.closed) {
				if (!admitted()) {
					long remainingMillis = TimeUnit.NANOSECONDS.toMillis(this.deadlineNanos - System.nanoTime());
					if (remainingMillis <= 0) {
						identificationTimedOut();
						return;
					}
					this.socket.setSoTimeout((int) Math.min(remainingMillis, Integer.MAX_VALUE));
				}
				else if (chunk.length == GREETING_CHUNK) {
					this.socket.setSoTimeout(0);
					chunk = new byte[ADMITTED_CHUNK];
				}
				try {
					n = in.read(chunk);
				}
				catch (SocketTimeoutException ex) {
					continue;
				}
				if (n < 0) {
					break;
				}
				ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
				while (buffer.hasRemaining() && !this.closing && !this.closed) {
					try {
						this.decoder.decode(buffer, this::handle);
					}
					catch (BurnCodecException ex) {
						this.metrics.badInput(BurnerTransport.TCP);
						if (ex.isFramingIntact()) {
							send(new BurnMessage.ErrorReply(BurnErrorCodes.BADMSG, ex.getMessage()));
							countRefusalBeforeAdmission();
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
		if (this.closing || this.closed) {
			return;
		}
		ClientType type = this.clientType;
		if (type == null) {
			handleGreeting(message);
			return;
		}
		if (this.awaitingAuth) {
			handleAuthentication(message, type);
			return;
		}
		if (message instanceof BurnMessage.Auth) {
			this.metrics.badInput(BurnerTransport.TCP);
			send(new BurnMessage.ErrorReply(BurnErrorCodes.STATE, "already admitted"));
			return;
		}
		switch (type) {
			case BURNCDR, BURNDVD -> handleBurner(message);
			case COMMAND, DISPLAY -> handleFrontEnd(message, type);
		}
	}

	private void handleGreeting(BurnMessage message) {
		if (!(message instanceof BurnMessage.Id id)) {
			this.metrics.badInput(BurnerTransport.TCP);
			send(new BurnMessage.ErrorReply(BurnErrorCodes.STATE, "expected ID first"));
			closeAfterReplies();
			return;
		}
		if (!BurnMessage.Ident.V1.equals(id.version())) {
			this.metrics.badInput(BurnerTransport.TCP);
			send(new BurnMessage.ErrorReply(BurnErrorCodes.VERSION, "only V1 is spoken here"));
			closeAfterReplies();
			return;
		}
		this.uid = id.uid();
		this.clientType = id.clientType();
		if (this.policy.needsAuthentication(id.clientType(), source())) {
			// No reply: the client sends AUTH next; CAPAB says it was accepted.
			this.awaitingAuth = true;
			return;
		}
		admit(id.clientType());
	}

	private void handleAuthentication(BurnMessage message, ClientType type) {
		if (!(message instanceof BurnMessage.Auth auth)) {
			this.metrics.authentication("missing");
			send(new BurnMessage.ErrorReply(BurnErrorCodes.AUTH, message.command().keyword()
					+ " needs authentication: send AUTH with a " + BurnAccessPolicy.requiredRole(type)
					+ " token first"));
			countRefusalBeforeAdmission();
			return;
		}
		String refusal = this.policy.refusal(type, auth.token());
		if (refusal != null) {
			this.metrics.authentication("refused");
			log.info("Burn client " + this.socket.getRemoteSocketAddress() + " (" + type.wire()
					+ ") refused: " + refusal);
			send(new BurnMessage.ErrorReply(BurnErrorCodes.AUTH, refusal));
			countRefusalBeforeAdmission();
			return;
		}
		this.metrics.authentication("accepted");
		this.awaitingAuth = false;
		admit(type);
	}

	/** Leaves the anonymous budget: the outbound queue, the writer and the farm's attention come only now. */
	private void admit(ClientType type) {
		if (!this.admission.admit(this)) {
			this.metrics.tcpConnection("refused");
			send(new BurnMessage.ErrorReply(BurnErrorCodes.FULL, "no room for another client; try again later"));
			closeAfterReplies();
			return;
		}
		BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(this.maxQueuedReplies);
		ExecutorService pool = this.executor;
		synchronized (this.directWriteLock) {
			this.outbound = queue;
		}
		if (pool != null) {
			pool.execute(this::writeLoop);
		}
		send(new BurnMessage.Capab());
		String id = this.uid;
		switch (type) {
			case BURNCDR, BURNDVD -> this.farm.burnerConnected(id, type.wire(), this);
			case DISPLAY -> this.farm.watch(this);
			case COMMAND -> {
			}
		}
	}

	private void countRefusalBeforeAdmission() {
		if (!admitted() && ++this.refusals >= MAX_REFUSALS_BEFORE_ADMISSION) {
			send(new BurnMessage.ErrorReply(BurnErrorCodes.PROTO, "too many refused messages before admission"));
			closeAfterReplies();
		}
	}

	private void identificationTimedOut() {
		this.metrics.tcpConnection("timeout");
		send(new BurnMessage.ErrorReply(BurnErrorCodes.TIMEOUT, (this.awaitingAuth ? "no AUTH" : "no ID")
				+ " in time; closing"));
		close();
	}

	/** Closes a connection the anonymous budget had no room for; nothing is written, it may not be reading. */
	void shed() {
		this.metrics.tcpConnection("shed");
		close();
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
					this.metrics.badInput(BurnerTransport.TCP);
				}
				send(job.isPresent() ? new BurnMessage.QueueOk() : new BurnMessage.QueueNo());
			}
			case BurnMessage.Name name when mayCommand -> {
				if (this.farm.name(name.uid(), name.friendlyName())) {
					send(new BurnMessage.QueueOk());
				}
				else {
					this.metrics.badInput(BurnerTransport.TCP);
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
		this.metrics.badInput(BurnerTransport.TCP);
		send(new BurnMessage.ErrorReply(BurnErrorCodes.DENIED,
				message.command().keyword() + " is for COMMAND clients, not displays"));
	}

	private void unexpected(BurnMessage message) {
		this.metrics.badInput(BurnerTransport.TCP);
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
		return new BurnerStatus(burner.uid(), burner.hash(), burner.state());
	}

	// ---- writing

	private void send(BurnMessage message) {
		if (this.closed) {
			return;
		}
		BlockingQueue<byte[]> queue = this.outbound;
		if (queue == null) {
			synchronized (this.directWriteLock) {
				queue = this.outbound;
				if (queue == null) {
					writeDirectly(this.encoder.encode(message));
					return;
				}
			}
		}
		if (!queue.offer(this.encoder.encode(message))) {
			log.info("Burn client " + this.socket.getRemoteSocketAddress() + " reads too slowly; disconnecting");
			close();
		}
	}

	/**
	 * Before admission only the reader writes, and only a bounded few short replies (IDENT, refusals), which the
	 * socket's send buffer takes even from a peer that never reads.
	 */
	private void writeDirectly(byte[] bytes) {
		try {
			OutputStream out = this.socket.getOutputStream();
			out.write(bytes);
			out.flush();
		}
		catch (IOException ex) {
			log.debug("Burn connection write failed: " + ex.getMessage());
			close();
		}
	}

	private void writeLoop() {
		BlockingQueue<byte[]> queue = this.outbound;
		if (queue == null) {
			return;
		}
		try (OutputStream out = this.socket.getOutputStream()) {
			while (true) {
				byte[] bytes = queue.poll(1, TimeUnit.SECONDS);
				if (bytes == CLOSE || (bytes == null && this.closed)) {
					break;
				}
				if (bytes != null) {
					out.write(bytes);
					if (queue.isEmpty()) {
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
		BlockingQueue<byte[]> queue = this.outbound;
		if (queue == null) {
			// Before admission the replies were written directly: nothing is waiting.
			close();
			return;
		}
		if (!this.closed && !queue.offer(CLOSE)) {
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
		if (type == ClientType.DISPLAY && admitted()) {
			this.farm.unwatch(this);
		}
		if ((type == ClientType.BURNCDR || type == ClientType.BURNDVD) && burner != null && admitted()) {
			this.farm.burnerDisconnected(burner, this);
		}
		this.admission.closed(this);
	}

}
