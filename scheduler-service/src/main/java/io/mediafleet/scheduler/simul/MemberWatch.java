package io.mediafleet.scheduler.simul;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Decides when a simul member is late and what the simul's {@link LatePolicy} makes of it, so that no member can
 * keep the others waiting forever unless the operator chose so. Free of I/O and of the master's registry: events
 * in ({@link #simulBegun}, {@link #asked}, {@link #fileReported}, {@link #startAnswered}), decisions out
 * ({@link #checkFiles}, {@link #startUnanswered}), the clock passed in. Not thread-safe: the master calls it under
 * its lock.
 *
 * <pre>
 * member:  asked ──(file reported before the deadline)──▶ on time
 *            └──(deadline passed, file not reported)──▶ late(file) ──▶ WAIT: named, still blocks readiness
 *                                                                     START_WITHOUT: named, left out until it reports
 *                                                                     ABORT: named, the simul is aborted
 *          start sent ──(no answer in the start window)──▶ late(start) ──▶ WAIT: named, asked again (catch-up)
 *                                                                          START_WITHOUT: named, left out until it answers
 *                                                                          ABORT: named, the simul is aborted
 * </pre>
 *
 * <h2>Parameters to control memory consumption</h2>
 * Holds one deadline and at most one lateness per member the master passes in; the master bounds the members.
 */
final class MemberWatch {

	/** When a member was late. */
	enum Phase {

		/** It did not report the file within the file timeout after {@code simul-file}. */
		FILE,

		/** It did not answer {@code simul-start} within the start window. */
		START

	}

	/** What the master does with the members named in a {@link Late}. */
	enum Action {

		/** Name them, keep them in: the simul keeps waiting for them. */
		KEEP_WAITING,

		/** Name them, leave them out until they report (file) or answer (start). */
		LEAVE_OUT,

		/** Name them and abort the simul. */
		ABORT

	}

	/**
	 * Members newly found late.
	 *
	 * @param phase what they did not do in time
	 * @param names who, sorted
	 * @param action what the policy makes of it
	 */
	record Late(Phase phase, List<String> names, Action action) {

		Late {
			names = List.copyOf(names);
		}

	}

	private final Duration fileTimeout;

	private LatePolicy policy = LatePolicy.DEFAULT;

	private final Map<String, Instant> fileDeadlines = new HashMap<>();

	private final Map<String, Phase> late = new TreeMap<>();

	private final Set<String> leftOut = new TreeSet<>();

	/** A watch giving each member {@code fileTimeout} to report the file. */
	MemberWatch(Duration fileTimeout) {
		Objects.requireNonNull(fileTimeout, "fileTimeout");
		if (fileTimeout.isNegative() || fileTimeout.isZero()) {
			throw new IllegalArgumentException("fileTimeout must be positive but was " + fileTimeout);
		}
		this.fileTimeout = fileTimeout;
	}

	/** The policy of the current simul. */
	LatePolicy policy() {
		return this.policy;
	}

	/** A new simul: every member in {@code members} was asked for the file at {@code now}; lateness is forgotten. */
	void simulBegun(Instant now, LatePolicy policy, Collection<String> members) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.fileDeadlines.clear();
		this.late.clear();
		this.leftOut.clear();
		members.forEach((name) -> asked(now, name));
	}

	/** {@code name} was asked for the file at {@code now} (a newcomer, or one slave asked again). */
	void asked(Instant now, String name) {
		this.fileDeadlines.putIfAbsent(name, now.plus(this.fileTimeout));
	}

	/**
	 * {@code name} reported the file (matching the others). A member left out for its file joins again.
	 * @return whether it had been late about the file
	 */
	boolean fileReported(String name) {
		this.fileDeadlines.remove(name);
		if (this.late.get(name) == Phase.FILE) {
			this.late.remove(name);
			this.leftOut.remove(name);
			return true;
		}
		return false;
	}

	/** {@code name} answered a start ({@code simul-started} or {@code simul-notstarted}); it is no longer late. */
	void startAnswered(String name) {
		if (this.late.get(name) == Phase.START) {
			this.late.remove(name);
			this.leftOut.remove(name);
		}
	}

	/** {@code name} left or timed out: nothing more to decide about it. */
	void forget(String name) {
		this.fileDeadlines.remove(name);
		this.late.remove(name);
		this.leftOut.remove(name);
	}

	/**
	 * The members of {@code withoutFile} (those that have not reported the file, reported it missing or with another
	 * md5) whose deadline has passed at {@code now} and that were not named yet.
	 */
	Optional<Late> checkFiles(Instant now, Collection<String> withoutFile) {
		List<String> names = new ArrayList<>();
		for (String name : withoutFile) {
			Instant deadline = this.fileDeadlines.get(name);
			if (deadline != null && !now.isBefore(deadline) && !this.late.containsKey(name)) {
				names.add(name);
			}
		}
		return decide(Phase.FILE, names);
	}

	/** The start window closed and {@code silent} did not answer. */
	Optional<Late> startUnanswered(Collection<String> silent) {
		List<String> names = silent.stream().filter((name) -> this.late.get(name) != Phase.START).toList();
		return decide(Phase.START, names);
	}

	private Optional<Late> decide(Phase phase, List<String> names) {
		if (names.isEmpty()) {
			return Optional.empty();
		}
		List<String> sorted = names.stream().sorted().toList();
		Action action = switch (this.policy) {
			case WAIT -> Action.KEEP_WAITING;
			case START_WITHOUT -> Action.LEAVE_OUT;
			case ABORT -> Action.ABORT;
		};
		for (String name : sorted) {
			this.late.put(name, phase);
			if (action == Action.LEAVE_OUT) {
				this.leftOut.add(name);
			}
		}
		return Optional.of(new Late(phase, sorted, action));
	}

	/** Whether {@code name} is left out of the simul for now (it does not keep the others from being ready). */
	boolean isLeftOut(String name) {
		return this.leftOut.contains(name);
	}

	/** What {@code name} was late for, or {@code null} when it is not late. */
	@Nullable Phase lateFor(String name) {
		return this.late.get(name);
	}

	/** How many members are late now. */
	int lateCount() {
		return this.late.size();
	}

}
