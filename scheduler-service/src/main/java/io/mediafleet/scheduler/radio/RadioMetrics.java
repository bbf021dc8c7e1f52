package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The radio scheduler's meters, all named {@code mediafleet.radio.*} with low-cardinality tags.
 */
final class RadioMetrics {

	private final MeterRegistry registry;

	private final ConcurrentMap<String, Counter> in = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> out = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> rejected = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Timer> handling = new ConcurrentHashMap<>();

	private final Counter pingsMissed;

	private final Timer schedulingLag;

	private final Counter writeStalls;

	private final Counter writesDropped;

	private final Counter writesFailed;

	private final Counter written;

	private final Counter duplicateSessions;

	private final Timer writeBatches;

	private final Counter publishFailures;

	final AtomicInteger streamersAlive = new AtomicInteger();

	final AtomicInteger radiosPlaying = new AtomicInteger();

	final AtomicInteger listenersConnected = new AtomicInteger();

	RadioMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.pingsMissed = Counter.builder("mediafleet.radio.pings.missed")
			.description("Pings a streamer did not answer before the next ping round")
			.register(registry);
		this.schedulingLag = Timer.builder("mediafleet.radio.scheduling.lag")
			.description("How late a scheduled event (a play going out) was handled compared with its plan")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		this.writeStalls = Counter.builder("mediafleet.radio.writes.stalls")
			.description("Times the loop waited because the write-behind queue of listener/streamer bookkeeping was full")
			.register(registry);
		this.writesDropped = Counter.builder("mediafleet.radio.writes.dropped")
			.description("Bookkeeping writes dropped because the writer had stopped")
			.register(registry);
		this.writesFailed = Counter.builder("mediafleet.radio.writes.failed")
			.description("Write-behind batches that failed and were retried")
			.register(registry);
		this.written = Counter.builder("mediafleet.radio.writes.written")
			.description("Writes (commits, publishes, bookkeeping) applied by the write-behind")
			.register(registry);
		this.duplicateSessions = Counter.builder("mediafleet.radio.sessions.duplicate")
			.description("Listener sessions not recorded because their id was used before")
			.register(registry);
		this.writeBatches = Timer.builder("mediafleet.radio.writes.batch")
			.description("Time to apply one write-behind batch")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		this.publishFailures = Counter.builder("mediafleet.radio.publish.failed")
			.description("Publishes of scheduler messages to Redis that failed (not retried)")
			.register(registry);
		registry.gauge("mediafleet.radio.streamers.alive", this.streamersAlive);
		registry.gauge("mediafleet.radio.radios.playing", this.radiosPlaying);
		registry.gauge("mediafleet.radio.listeners.connected", this.listenersConnected);
		// Every cause at zero from the start, so a dashboard shows "none dropped" rather than "no data".
		for (RejectCause cause : RejectCause.values()) {
			rejectedCounter(cause);
		}
	}

	void received(String type) {
		this.in.computeIfAbsent(type, (t) -> Counter.builder("mediafleet.radio.messages.in")
			.description("Messages received from streamers")
			.tag("type", t)
			.register(this.registry)).increment();
	}

	void sent(String type) {
		this.out.computeIfAbsent(type, (t) -> Counter.builder("mediafleet.radio.messages.out")
			.description("Messages sent to streamers")
			.tag("type", t)
			.register(this.registry)).increment();
	}

	void rejected(RejectCause cause) {
		rejectedCounter(cause).increment();
	}

	private Counter rejectedCounter(RejectCause cause) {
		return this.rejected.computeIfAbsent(cause.tag(), (t) -> Counter.builder("mediafleet.radio.messages.rejected")
			.description("Messages on the scheduler channel that were dropped, by cause")
			.tag("cause", t)
			.register(this.registry));
	}

	double rejectedCount(RejectCause cause) {
		Counter counter = this.rejected.get(cause.tag());
		return (counter != null) ? counter.count() : 0;
	}

	void handled(String type, long nanos) {
		this.handling.computeIfAbsent(type, (t) -> Timer.builder("mediafleet.radio.handling.latency")
			.description("Time from receipt of a streamer message to the end of its handling")
			.tag("type", t)
			.publishPercentiles(0.5, 0.99)
			.register(this.registry)).record(nanos, TimeUnit.NANOSECONDS);
	}

	void writeQueue(Supplier<Number> size) {
		Gauge.builder("mediafleet.radio.writes.pending", size)
			.description("Listener/streamer bookkeeping writes waiting for the write-behind")
			.register(this.registry);
	}

	void writeStalled() {
		this.writeStalls.increment();
	}

	double writeStalls() {
		return this.writeStalls.count();
	}

	double writesDroppedCount() {
		return this.writesDropped.count();
	}

	double duplicateSessionCount() {
		return this.duplicateSessions.count();
	}

	void publishFailed() {
		this.publishFailures.increment();
	}

	void writeDropped() {
		this.writesDropped.increment();
	}

	void writeFailed() {
		this.writesFailed.increment();
	}

	void written(int count, long nanos) {
		this.written.increment(count);
		this.writeBatches.record(nanos, TimeUnit.NANOSECONDS);
	}

	void duplicateSessions(int count) {
		this.duplicateSessions.increment(count);
	}

	void pingMissed() {
		this.pingsMissed.increment();
	}

	void schedulingLag(Duration lag) {
		this.schedulingLag.record(lag.isNegative() ? Duration.ZERO : lag);
	}

	/** Why a message on the scheduler channel was dropped; the tag of {@code mediafleet.radio.messages.rejected}. */
	enum RejectCause {

		TOO_LARGE("too_large"), MALFORMED("malformed"), UNKNOWN_TYPE("unknown_type"),
		WRONG_DIRECTION("wrong_direction"), BAD_IDENTIFIER("bad_identifier"), OVERLOADED("overloaded"),
		FAILED("failed");

		private final String tag;

		RejectCause(String tag) {
			this.tag = tag;
		}

		String tag() {
			return this.tag;
		}

	}

}
