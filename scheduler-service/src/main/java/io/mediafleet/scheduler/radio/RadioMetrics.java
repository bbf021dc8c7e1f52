package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
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
