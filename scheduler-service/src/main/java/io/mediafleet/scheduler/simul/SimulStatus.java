package io.mediafleet.scheduler.simul;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the master: the current simul and every known slave, for the REST admin API and the IRC bot.
 *
 * @param state where the simul is
 * @param filename the file of the current simul, or {@code null} when idle
 * @param startAt the start instant proposed to the slaves, or {@code null} before {@code !start}
 * @param slaves every live slave, sorted by name
 * @param problems human-readable reasons the simul is not ready or did not start everywhere
 * @param latePolicy what the master does about late members in this simul
 */
public record SimulStatus(SimulState state, @Nullable String filename, @Nullable Instant startAt,
		List<SlaveStatus> slaves, List<String> problems, LatePolicy latePolicy) {

	/**
	 * One slave as the master sees it.
	 *
	 * @param name the slave's {@code src}
	 * @param lastSeen when it last sent anything
	 * @param file whether it has the current simul's file
	 * @param md5 the md5 it reported for the file, if any
	 * @param timestampSeconds the {@code ts} it reported for the file, if any
	 * @param start whether it started the current simul
	 * @param reason the reason it gave in {@code simul-notstarted}, if any
	 * @param playCompleted whether it reported {@code simul-playcompleted}
	 * @param conflicting whether reports under this name contradict each other (two slaves using one name)
	 * @param late {@code file} when it did not report the file in time, {@code start} when it did not answer
	 * {@code simul-start}, {@code null} when it is not late
	 * @param latencyMs the latency offset it applies to its starts (audio device latency, ms), when it reports one
	 */
	public record SlaveStatus(String name, Instant lastSeen, FileState file, @Nullable String md5,
			@Nullable Long timestampSeconds, StartState start, @Nullable String reason, boolean playCompleted,
			boolean conflicting, @Nullable String late, @Nullable Integer latencyMs) {
	}

	/** What a slave said about the current simul's file. */
	public enum FileState {

		/** No simul, or the slave has not answered {@code simul-file} yet. */
		UNKNOWN,

		/** Reported with the md5 every other slave reported (or without an md5). */
		OK,

		/** Reported with an md5 that differs from the majority's. */
		MISMATCH,

		/** The slave answered {@code simul-notstarted}: it does not have the file or refused the name. */
		MISSING

	}

	/** What a slave said about starting the current simul. */
	public enum StartState {

		/** No {@code simul-start} sent yet. */
		NONE,

		/** {@code simul-start} sent, no answer yet. */
		PENDING,

		/** The slave answered {@code simul-started}. */
		STARTED,

		/** The slave answered {@code simul-notstarted}. */
		NOT_STARTED,

		/** The start window closed without an answer. */
		NO_ANSWER

	}

}
