package io.mediafleet.scheduler.simul;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which new connections a simul bus admits (issue 19): JeroMQ accepts every connection and keeps it until its
 * handshake timeout, so a {@link BusGuard} asks this before a connection reaches the bus. No I/O and no clock of its
 * own: events in ({@link #admit}, {@link #release}, {@link #settle}, each with the time), decisions out. Not
 * thread-safe: the guard's one thread calls it.
 *
 * <p>A connection is <em>pending</em> from its admission until the bus's handshake timeout (plus a margin) has
 * passed: JeroMQ closes every connection that has not finished the ZMTP greeting and, with CURVE, an authorized
 * handshake by then, so one that is still open afterwards belongs to an authenticated slave and counts as
 * <em>established</em>.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link Limits#maxPendingPerAddress}: pending connections from one source address; one flooding process meets
 * this limit and nobody else does.</li>
 * <li>{@link Limits#maxPending}: pending connections from all addresses together (a flood from many addresses).</li>
 * <li>{@link Limits#maxConnections}: pending and established connections together.</li>
 * </ul>
 */
final class BusAdmission {

	/** How long past the bus's handshake timeout a connection still counts as pending: the relay's own delay. */
	static final Duration PENDING_MARGIN = Duration.ofSeconds(1);

	/**
	 * The limits of one bus.
	 *
	 * @param maxPendingPerAddress pending connections one source address may hold
	 * @param maxPending pending connections all addresses may hold together
	 * @param maxConnections connections (pending and established) the bus takes in all
	 * @param handshakeTimeout how long the bus gives a connection for the greeting and security handshake
	 */
	record Limits(int maxPendingPerAddress, int maxPending, int maxConnections, Duration handshakeTimeout) {

		/** Devstack's and the service's defaults (see {@code SchedulerProperties.Simul.Admission}). */
		static final Limits DEFAULTS = new Limits(16, 256, 1024, Duration.ofSeconds(3));

		Limits {
			if (maxPendingPerAddress < 1 || maxPending < maxPendingPerAddress || maxConnections < maxPending) {
				throw new IllegalArgumentException("need 1 <= maxPendingPerAddress (" + maxPendingPerAddress
						+ ") <= maxPending (" + maxPending + ") <= maxConnections (" + maxConnections + ")");
			}
			if (handshakeTimeout.toMillis() < 1 || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException("handshakeTimeout must be at least 1 ms: " + handshakeTimeout);
			}
		}

		/** The handshake timeout in the unit {@code ZMQ_HANDSHAKE_IVL} takes. */
		int handshakeTimeoutMs() {
			return (int) this.handshakeTimeout.toMillis();
		}

	}

	/** Why a connection was refused. */
	enum Refusal {

		/** Its source address already holds {@link Limits#maxPendingPerAddress} pending connections. */
		ADDRESS,

		/** {@link Limits#maxPending} connections are pending. */
		PENDING,

		/** The bus holds {@link Limits#maxConnections}. */
		CONNECTIONS

	}

	/** One admitted connection; handed back to {@link #release} when it closes. */
	static final class Ticket {

		private final InetAddress address;

		private final long pendingUntilNanos;

		private boolean pending = true;

		private boolean released;

		private Ticket(InetAddress address, long pendingUntilNanos) {
			this.address = address;
			this.pendingUntilNanos = pendingUntilNanos;
		}

		boolean pending() {
			return this.pending;
		}

	}

	private final Limits limits;

	private final long pendingNanos;

	private final Map<InetAddress, Integer> pendingByAddress = new HashMap<>();

	/** Pending tickets in admission order, so also in expiry order. */
	private final ArrayDeque<Ticket> pendingQueue = new ArrayDeque<>();

	private final Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);

	private int pending;

	private int connections;

	BusAdmission(Limits limits) {
		this.limits = limits;
		this.pendingNanos = limits.handshakeTimeout().plus(PENDING_MARGIN).toNanos();
		for (Refusal reason : Refusal.values()) {
			this.refusals.put(reason, 0L);
		}
	}

	/** A ticket for a new connection from {@code address}, or null when it must be closed at once. */
	@Nullable Ticket admit(InetAddress address, long nowNanos) {
		settle(nowNanos);
		Refusal refusal = null;
		int fromAddress = this.pendingByAddress.getOrDefault(address, 0);
		if (this.connections >= this.limits.maxConnections()) {
			refusal = Refusal.CONNECTIONS;
		}
		else if (fromAddress >= this.limits.maxPendingPerAddress()) {
			refusal = Refusal.ADDRESS;
		}
		else if (this.pending >= this.limits.maxPending()) {
			refusal = Refusal.PENDING;
		}
		if (refusal != null) {
			this.refusals.merge(refusal, 1L, Long::sum);
			return null;
		}
		Ticket ticket = new Ticket(address, nowNanos + this.pendingNanos);
		this.pendingByAddress.put(address, fromAddress + 1);
		this.pendingQueue.addLast(ticket);
		this.pending++;
		this.connections++;
		return ticket;
	}

	/** The connection of {@code ticket} closed (either side); releasing twice is harmless. */
	void release(Ticket ticket) {
		if (ticket.released) {
			return;
		}
		ticket.released = true;
		this.connections--;
		if (ticket.pending) {
			ticket.pending = false;
			// At most maxPending entries, so the queue never holds more than the limits allow.
			this.pendingQueue.remove(ticket);
			unpend(ticket.address);
		}
	}

	/**
	 * Counts connections that outlived the handshake time as established.
	 *
	 * @return nanoseconds until the next pending connection does so, or {@link Long#MAX_VALUE} when none is pending
	 */
	long settle(long nowNanos) {
		while (!this.pendingQueue.isEmpty()) {
			Ticket head = this.pendingQueue.peekFirst();
			if (head.pendingUntilNanos - nowNanos > 0) {
				return head.pendingUntilNanos - nowNanos;
			}
			this.pendingQueue.removeFirst();
			head.pending = false;
			unpend(head.address);
		}
		return Long.MAX_VALUE;
	}

	private void unpend(InetAddress address) {
		this.pending--;
		this.pendingByAddress.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
	}

	int pending() {
		return this.pending;
	}

	int connections() {
		return this.connections;
	}

	/** Source addresses that hold a pending connection (bounded by {@link Limits#maxPending}). */
	int pendingAddresses() {
		return this.pendingByAddress.size();
	}

	long refused(Refusal reason) {
		return this.refusals.get(reason);
	}

	Limits limits() {
		return this.limits;
	}

}
