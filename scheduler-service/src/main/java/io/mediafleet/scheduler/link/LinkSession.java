package io.mediafleet.scheduler.link;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.mediafleet.schema.link.Close;
import io.mediafleet.schema.link.Endpoint;
import io.mediafleet.schema.link.Heartbeat;
import io.mediafleet.schema.link.LinkCatalogue;
import io.mediafleet.schema.link.LinkCodec;
import io.mediafleet.schema.link.LinkData;
import io.mediafleet.schema.link.LinkEventData;
import io.mediafleet.schema.link.LinkMessage;
import io.mediafleet.schema.link.LinkRequestData;
import io.mediafleet.schema.link.LinkResponse;
import io.mediafleet.schema.link.LinkResponseData;
import io.mediafleet.schema.link.SeqCounter;
import org.jspecify.annotations.Nullable;

/**
 * One link session on the master: survives dropped connections until the session timeout, keeps the send buffer of
 * unacknowledged messages for replay, the highest seq received, and the requests waiting for a response.
 *
 * <h2>Parameters to control memory consumption</h2> {@code maxBuffered} unacknowledged messages and
 * {@code maxPending} outstanding requests; overflowing the buffer ends the session, too many requests fail fast.
 */
public final class LinkSession {

	private final String token;

	private final Endpoint role;

	private final long slaveId;

	private final String name;

	private final LinkCodec codec;

	private final LinkMetrics metrics;

	private final int maxBuffered;

	private final int maxPending;

	private final SeqCounter seq = new SeqCounter();

	private final Deque<Buffered> buffer = new ArrayDeque<>();

	private final Map<Long, Pending> pending = new HashMap<>();

	private final Map<String, Object> attributes = new HashMap<>();

	private long lastReceived;

	private @Nullable LinkHub.Connection connection;

	private Instant lastHeard;

	private Instant lastHeartbeatSent;

	private @Nullable Instant droppedAt;

	private boolean ended;

	private record Buffered(long seq, String text) {
	}

	private record Pending(CompletableFuture<LinkResponse> future, Instant deadline, String type) {
	}

	LinkSession(String token, Endpoint role, long slaveId, String name, LinkCodec codec, LinkMetrics metrics,
			int maxBuffered, int maxPending, LinkHub.Connection connection, Instant now) {
		this.token = token;
		this.role = role;
		this.slaveId = slaveId;
		this.name = name;
		this.codec = codec;
		this.metrics = metrics;
		this.maxBuffered = maxBuffered;
		this.maxPending = maxPending;
		this.connection = connection;
		this.lastHeard = now;
		this.lastHeartbeatSent = now;
	}

	/** {@link Endpoint#SLAVE} or {@link Endpoint#CONTROL}. */
	public Endpoint role() {
		return this.role;
	}

	/** The slave's id ({@code -1} for controls). */
	public long slaveId() {
		return this.slaveId;
	}

	/** The slave's name or the control's agent string. */
	public String name() {
		return this.name;
	}

	String token() {
		return this.token;
	}

	/** A feature's per-session value (e.g. the burner UID behind a slave). */
	public synchronized @Nullable Object attribute(String key) {
		return this.attributes.get(key);
	}

	public synchronized void attribute(String key, Object value) {
		this.attributes.put(key, value);
	}

	/** Sends an event (buffered until acknowledged, replayed after a resume). */
	public void send(LinkEventData event) {
		sendData(event);
	}

	/**
	 * Sends a request; the future completes with the {@code Response} or {@code ErrorResponse}, or fails on timeout
	 * or when the session ends.
	 */
	public CompletableFuture<LinkResponse> request(LinkRequestData request, Duration timeout) {
		CompletableFuture<LinkResponse> future = new CompletableFuture<>();
		synchronized (this) {
			if (this.ended) {
				future.completeExceptionally(new IllegalStateException("session ended"));
				return future;
			}
			if (this.pending.size() >= this.maxPending) {
				future.completeExceptionally(new IllegalStateException("too many pending requests"));
				return future;
			}
			long requestSeq = sendData(request);
			this.pending.put(requestSeq, new Pending(future, Instant.now().plus(timeout),
					this.codec.catalogue().typeOf(request)));
			this.metrics.pendingChanged(+1);
		}
		return future;
	}

	void respond(LinkMessage request, LinkResponseData result) {
		synchronized (this) {
			send(this.codec.catalogue().response(this.seq.next(), request, result), true);
		}
	}

	void respondError(LinkMessage request, String error) {
		synchronized (this) {
			send(this.codec.catalogue().errorResponse(this.seq.next(), request, error), true);
		}
	}

	private synchronized long sendData(LinkData data) {
		LinkMessage message = this.codec.catalogue().message(this.seq.next(), data);
		send(message, true);
		return message.seq();
	}

	synchronized void sendHeartbeat(Instant now) {
		this.lastHeartbeatSent = now;
		send(this.codec.catalogue().message(this.seq.next(), Heartbeat.of(this.lastReceived)), false);
	}

	synchronized void sendClose(String reason) {
		send(this.codec.catalogue().message(this.seq.next(), Close.of(reason)), false);
	}

	private void send(LinkMessage message, boolean buffered) {
		if (this.ended) {
			return;
		}
		String text = this.codec.encode(message);
		if (buffered) {
			if (this.buffer.size() >= this.maxBuffered) {
				LinkHub.Connection current = this.connection;
				if (current != null) {
					current.endSessionOnClose = true;
					current.close(LinkHub.BUFFER_OVERFLOW, 1008, true);
				}
				return;
			}
			this.buffer.add(new Buffered(message.seq(), text));
		}
		LinkHub.Connection current = this.connection;
		if (current != null) {
			current.sendText(text);
			this.metrics.message("out", message.type());
		}
	}

	/** Receiver side: {@code false} for a duplicate from a replay (seq not above the last one seen). */
	synchronized boolean accept(long messageSeq, Instant now) {
		this.lastHeard = now;
		if (messageSeq <= this.lastReceived) {
			return false;
		}
		this.lastReceived = messageSeq;
		return true;
	}

	synchronized void acknowledge(long ackSeq) {
		while (!this.buffer.isEmpty() && this.buffer.peekFirst().seq() <= ackSeq) {
			this.buffer.removeFirst();
		}
	}

	synchronized long lastReceived() {
		return this.lastReceived;
	}

	/** Completes the pending request {@code requestSeq}; {@code false} if none was waiting. */
	boolean complete(long requestSeq, LinkResponse response) {
		Pending waiting;
		synchronized (this) {
			waiting = this.pending.remove(requestSeq);
		}
		if (waiting == null) {
			return false;
		}
		this.metrics.pendingChanged(-1);
		waiting.future().complete(response);
		return true;
	}

	/** Attach a new connection after {@code resume}: replay every buffered message above {@code peerLastSeq}. */
	synchronized void resume(LinkHub.Connection newConnection, long peerLastSeq, Instant now) {
		this.connection = newConnection;
		this.droppedAt = null;
		this.lastHeard = now;
		acknowledge(peerLastSeq);
	}

	synchronized List<String> unacknowledged() {
		List<String> texts = new ArrayList<>();
		for (Buffered buffered : this.buffer) {
			texts.add(buffered.text());
		}
		return texts;
	}

	synchronized @Nullable LinkHub.Connection connection() {
		return this.connection;
	}

	synchronized void detach(LinkHub.Connection dropped, Instant now) {
		if (this.connection == dropped) {
			this.connection = null;
			this.droppedAt = now;
		}
	}

	synchronized boolean isEnded() {
		return this.ended;
	}

	/** Marks the session over and fails its pending requests. */
	void end() {
		List<Pending> failed;
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			this.connection = null;
			failed = new ArrayList<>(this.pending.values());
			this.pending.clear();
			this.buffer.clear();
		}
		for (Pending waiting : failed) {
			this.metrics.pendingChanged(-1);
			waiting.future().completeExceptionally(new IllegalStateException("session lost"));
		}
	}

	/** Periodic duties; returns what the hub must do with this session. */
	synchronized Tick tick(Instant now, Duration heartbeatInterval, Duration sessionTimeout) {
		List<Pending> expired = new ArrayList<>();
		for (Iterator<Pending> it = this.pending.values().iterator(); it.hasNext();) {
			Pending waiting = it.next();
			if (now.isAfter(waiting.deadline())) {
				it.remove();
				expired.add(waiting);
			}
		}
		for (Pending waiting : expired) {
			this.metrics.pendingChanged(-1);
			this.metrics.requestTimeout();
			waiting.future()
				.completeExceptionally(new TimeoutException("no response to " + waiting.type() + " in time"));
		}
		if (this.connection == null) {
			return (this.droppedAt != null && Duration.between(this.droppedAt, now).compareTo(sessionTimeout) > 0)
					? Tick.EXPIRE : Tick.NONE;
		}
		if (Duration.between(this.lastHeard, now).compareTo(heartbeatInterval.multipliedBy(2)) > 0) {
			return Tick.DROP;
		}
		if (Duration.between(this.lastHeartbeatSent, now).compareTo(heartbeatInterval) >= 0) {
			sendHeartbeat(now);
		}
		return Tick.NONE;
	}

	enum Tick {

		NONE, DROP, EXPIRE

	}

}
