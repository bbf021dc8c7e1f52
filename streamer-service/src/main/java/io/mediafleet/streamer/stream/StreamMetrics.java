package io.mediafleet.streamer.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The streamer's counters, named {@code mediafleet.streamer.*}; per-radio listener gauges are registered by
 * {@link RadioHub}.
 */
final class StreamMetrics {

	final Counter bytesSent;

	final Counter droppedForLag;

	final Counter underruns;

	final Counter playCommands;

	final Counter lateStarts;

	final Counter repeatedPlays;

	final Counter corruptRegions;

	final Counter missingFiles;

	final Counter refusedLimit;

	final Counter refusedUnknown;

	final Counter refusedBadRequest;

	final Counter handshakeTimeouts;

	private final Counter identifiedAnonymous;

	private final Counter identifiedRefused;

	private final Counter identifiedUser;

	private final Counter identifiedHd;

	StreamMetrics(MeterRegistry registry) {
		this.bytesSent = Counter.builder("mediafleet.streamer.bytes.sent").baseUnit("bytes")
			.description("Bytes written to listeners, ICY metadata included").register(registry);
		this.droppedForLag = Counter.builder("mediafleet.streamer.listeners.dropped").tag("reason", "lag")
			.description("Listeners disconnected because their queue was full").register(registry);
		this.underruns = Counter.builder("mediafleet.streamer.underruns")
			.description("Times a playing radio had no track and sent silence").register(registry);
		this.playCommands = Counter.builder("mediafleet.streamer.play.commands")
			.description("play messages received from the scheduler").register(registry);
		this.lateStarts = Counter.builder("mediafleet.streamer.late.starts")
			.description("Tracks started later than the scheduler asked (beyond the tolerance)").register(registry);
		this.repeatedPlays = Counter.builder("mediafleet.streamer.plays.repeated")
			.description("play messages ignored because they repeat the track on air at its position, or a queued track")
			.register(registry);
		this.corruptRegions = Counter.builder("mediafleet.streamer.frames.corrupt")
			.description("Regions of played files that were not valid MP3 frames and were skipped").register(registry);
		this.missingFiles = Counter.builder("mediafleet.streamer.files.missing")
			.description("play messages naming a file that is missing, refused or unreadable").register(registry);
		this.refusedLimit = Counter.builder("mediafleet.streamer.listeners.refused").tag("reason", "limit")
			.description("Listeners refused with 503 because of the listener limit").register(registry);
		this.refusedUnknown = Counter.builder("mediafleet.streamer.listeners.refused").tag("reason", "unknown-radio")
			.description("Listeners refused with 404 for an unknown radio").register(registry);
		this.refusedBadRequest = Counter.builder("mediafleet.streamer.listeners.refused").tag("reason", "bad-request")
			.description("Listener connections refused (400/404/405) for a malformed or oversized request")
			.register(registry);
		this.handshakeTimeouts = Counter.builder("mediafleet.streamer.listeners.refused").tag("reason", "timeout")
			.description("Listener connections closed for not sending their request in time").register(registry);
		this.identifiedAnonymous = identified(registry, "anonymous");
		this.identifiedRefused = identified(registry, "refused");
		this.identifiedUser = identified(registry, "user");
		this.identifiedHd = identified(registry, "hd");
	}

	/** Counts how a listener was identified: no credentials, refused credentials, a user, a user with hd. */
	void identified(boolean presentedCredentials, SchedulerLink.ListenerIdentity identity) {
		if (identity.userId() == null) {
			(presentedCredentials ? this.identifiedRefused : this.identifiedAnonymous).increment();
		}
		else {
			(identity.hd() ? this.identifiedHd : this.identifiedUser).increment();
		}
	}

	private static Counter identified(MeterRegistry registry, String as) {
		return Counter.builder("mediafleet.streamer.listeners.identified").tag("as", as)
			.description("Listeners by what the scheduler's user_authentication said (hd: a user granted hd)")
			.register(registry);
	}

}
