package io.mediafleet.scheduler.link;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The link hub's meters: messages by direction and type, pending requests, request timeouts, sessions by role,
 * closes by reason, connections not registered yet and upgrades refused for them.
 */
final class LinkMetrics {

	private final MeterRegistry registry;

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicInteger slaves = new AtomicInteger();

	private final AtomicInteger controls = new AtomicInteger();

	LinkMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("mediafleet.link.requests.pending", this.pending, AtomicInteger::get)
			.description("Requests sent by the master still waiting for their response")
			.register(registry);
		Gauge.builder("mediafleet.link.sessions", this.slaves, AtomicInteger::get)
			.tag("role", "slave")
			.description("Live link sessions (connected or resumable) by role")
			.register(registry);
		Gauge.builder("mediafleet.link.sessions", this.controls, AtomicInteger::get)
			.tag("role", "control")
			.register(registry);
		// At zero from the start, so a dashboard shows "no timeouts" rather than "no data".
		timeouts(registry);
	}

	private static Counter timeouts(MeterRegistry registry) {
		return Counter.builder("mediafleet.link.requests.timeouts")
			.description("Requests sent by the master that got no response in time")
			.register(registry);
	}

	void message(String direction, String type) {
		Counter.builder("mediafleet.link.messages")
			.tag("direction", direction)
			.tag("type", type)
			.description("Link messages by direction and registered type")
			.register(this.registry)
			.increment();
	}

	void pendingChanged(int delta) {
		this.pending.addAndGet(delta);
	}

	void requestTimeout() {
		timeouts(this.registry).increment();
	}

	void sessions(int slaveCount, int controlCount) {
		this.slaves.set(slaveCount);
		this.controls.set(controlCount);
	}

	/** Reports the hub's count of connections that have not registered yet. */
	void unregistered(IntSupplier count) {
		Gauge.builder("mediafleet.link.connections.unregistered", count, IntSupplier::getAsInt)
			.description("Link WebSocket connections that have not registered or resumed yet")
			// The supplier is a method reference nobody else holds: a weak reference would let it be collected and
			// the gauge report NaN (seen as "no data" by the dashboard test).
			.strongReference(true)
			.register(this.registry);
	}

	void upgradeRefused() {
		Counter.builder("mediafleet.link.upgrades.refused")
			.description("WebSocket upgrades answered 503 because too many connections had not registered yet")
			.register(this.registry)
			.increment();
	}

	void closed(String reason) {
		// Bounded tags only: a peer's own close reason (any text, sent before it authenticated) must not become a tag.
		String tag = reason.startsWith("Invalid message") ? "Invalid message"
				: reason.startsWith("peer closed") ? "peer closed" : reason;
		Counter.builder("mediafleet.link.closes")
			.tag("reason", tag)
			.description("Links closed by the master, by reason")
			.register(this.registry)
			.increment();
	}

}
