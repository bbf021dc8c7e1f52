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

	final Counter corruptRegions;

	final Counter missingFiles;

	final Counter refusedLimit;

	final Counter refusedUnknown;

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
		this.corruptRegions = Counter.builder("mediafleet.streamer.frames.corrupt")
			.description("Regions of played files that were not valid MP3 frames and were skipped").register(registry);
		this.missingFiles = Counter.builder("mediafleet.streamer.files.missing")
			.description("play messages naming a file that is missing, refused or unreadable").register(registry);
		this.refusedLimit = Counter.builder("mediafleet.streamer.listeners.refused").tag("reason", "limit")
			.description("Listeners refused with 503 because of the listener limit").register(registry);
		this.refusedUnknown = Counter.builder("mediafleet.streamer.listeners.refused").tag("reason", "unknown-radio")
			.description("Listeners refused with 404 for an unknown radio").register(registry);
	}

}
