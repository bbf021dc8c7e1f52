package io.mediafleet.tracker.tracker;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.mediafleet.schema.tsp.TspType;

/**
 * The tracker's meters: {@code mediafleet.tracker.connections}, {@code .peers}, {@code .songs} (gauges),
 * {@code .requests} by {@code type}, {@code .errors} by {@code cause}, {@code .broadcasts},
 * {@code .broadcast.fanout} (time until a broadcast was written to every peer) and {@code .broadcast.recipients}.
 */
final class TrackerMetrics {

	/** Why a request got {@code ERROR} or a connection was closed. */
	enum Cause {

		/** Unknown type byte or bad length: framing lost, connection closed. */
		FRAMING,
		/** An {@code INIT} payload that does not parse. */
		BAD_INIT,
		/** {@code INFO} for an id the catalogue does not have. */
		UNKNOWN_SONG,
		/** A frame the tracker does not serve ({@code PLAY}, {@code STOP}, {@code BROADCAST_LIST}). */
		UNEXPECTED_TYPE,
		/** Silent before {@code INIT} or in the middle of a frame for the idle timeout. */
		IDLE,
		/** Connection refused because {@code max-connections} are open, or {@code max-connections-per-address} from its address. */
		FULL,
		/** {@code INIT} refused: no or a wrong {@code TOKEN}, or an anonymous peer announcing another address. */
		UNAUTHORIZED,
		/** {@code INIT} refused because the catalogue would exceed {@code max-songs}. */
		CATALOGUE_FULL,
		/** Connection reset or another I/O failure. */
		IO,
		/** Closed by an administrator. */
		KICKED;

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	private final Map<TspType, Counter> requests = new EnumMap<>(TspType.class);

	private final Map<Cause, Counter> errors = new EnumMap<>(Cause.class);

	private final Counter broadcasts;

	private final Timer fanout;

	private final Counter fullFrames;

	private final Counter deltaFrames;

	private final DistributionSummary recipients;

	TrackerMetrics(MeterRegistry registry, Supplier<Number> connections, Supplier<Number> peers,
			Supplier<Number> songs) {
		Gauge.builder("mediafleet.tracker.connections", connections)
			.description("Open TSP connections to the tracker")
			.register(registry);
		Gauge.builder("mediafleet.tracker.peers", peers)
			.description("Connected peers that announced with INIT")
			.register(registry);
		Gauge.builder("mediafleet.tracker.songs", songs).description("Distinct songs in the catalogue").register(registry);
		for (TspType type : TspType.values()) {
			this.requests.put(type, Counter.builder("mediafleet.tracker.requests")
				.description("TSP frames received, by type")
				.tag("type", type.name().toLowerCase(Locale.ROOT))
				.register(registry));
		}
		for (Cause cause : Cause.values()) {
			this.errors.put(cause, Counter.builder("mediafleet.tracker.errors")
				.description("ERROR answers and closed connections, by cause")
				.tag("cause", cause.tag())
				.register(registry));
		}
		this.broadcasts = Counter.builder("mediafleet.tracker.broadcasts")
			.description("BROADCAST_LIST rounds sent")
			.register(registry);
		this.fanout = Timer.builder("mediafleet.tracker.broadcast.fanout")
			.description("Time from the start of a broadcast until it was written to every peer")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		this.fullFrames = Counter.builder("mediafleet.tracker.broadcast.frames")
			.description("BROADCAST_LIST frames written to peers, whole catalogues or deltas")
			.tag("kind", "full")
			.register(registry);
		this.deltaFrames = Counter.builder("mediafleet.tracker.broadcast.frames")
			.description("BROADCAST_LIST frames written to peers, whole catalogues or deltas")
			.tag("kind", "delta")
			.register(registry);
		this.recipients = DistributionSummary.builder("mediafleet.tracker.broadcast.recipients")
			.description("Peers reached by one broadcast")
			.register(registry);
	}

	void request(TspType type) {
		this.requests.get(type).increment();
	}

	void error(Cause cause) {
		this.errors.get(cause).increment();
	}

	void broadcast(int peers) {
		this.broadcasts.increment();
		this.recipients.record(peers);
	}

	void broadcastFrame(boolean delta) {
		(delta ? this.deltaFrames : this.fullFrames).increment();
	}

	void fanout(Duration took) {
		this.fanout.record(took);
	}

}
