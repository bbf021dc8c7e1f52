package io.mediafleet.scheduler.simul;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * What the master keeps of its current simul across a restart: the file, the state, the agreed start instant, the
 * group's timeline (last pause, resume or seek), the late policy and each member's file and start state. Written to
 * MongoDB by {@link SimulStateStore} at every change of these, read back at start by
 * {@link SimulMaster#restore(SimulSnapshot)}. Live facts (last seen, positions, conflicts, lateness) are not kept:
 * they are learnt again from the slaves within seconds.
 *
 * @param state the simul's state
 * @param filename its file, or {@code null} when idle
 * @param startAt the agreed start instant, or {@code null} before a start
 * @param anchor the group timeline's last anchor (start, pause, resume or seek instant), or {@code null}
 * @param anchorPositionMs the group's position at {@code anchor}
 * @param paused whether the group is paused
 * @param latePolicy the simul's late policy
 * @param members every member the master knew, sorted by name
 * @param savedAt when the master took the snapshot
 */
record SimulSnapshot(SimulState state, @Nullable String filename, @Nullable Instant startAt, @Nullable Instant anchor,
		long anchorPositionMs, boolean paused, LatePolicy latePolicy, List<Member> members, Instant savedAt) {

	/** The document's {@code _id}: there is one simul at a time. */
	static final String ID = "current";

	/** Format of the document, for a later change of it. */
	static final int VERSION = 1;

	SimulSnapshot {
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(latePolicy, "latePolicy");
		Objects.requireNonNull(savedAt, "savedAt");
		members = List.copyOf(members);
	}

	/**
	 * One member as the master saw it.
	 *
	 * @param name its {@code src}
	 * @param fileReported whether it reported the file ({@code file-status})
	 * @param missing whether it said it cannot use the file
	 * @param md5 the md5 it reported, if any
	 * @param start what it answered to the start
	 * @param playCompleted whether it reported {@code simul-playcompleted}
	 * @param latencyMs the latency offset it reported, if any
	 * @param reportsPosition whether it reported its position ({@code simul-position}: our agents do, seed slaves
	 * do not)
	 */
	record Member(String name, boolean fileReported, boolean missing, @Nullable String md5, StartState start,
			boolean playCompleted, @Nullable Integer latencyMs, boolean reportsPosition) {

		Member {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(start, "start");
		}

	}

	/** Whether there is a simul worth restoring. */
	boolean hasSimul() {
		return this.filename != null && this.state != SimulState.IDLE;
	}

	/** This snapshot without its save instant, to compare two snapshots for a change. */
	SimulSnapshot withoutSavedAt() {
		return new SimulSnapshot(this.state, this.filename, this.startAt, this.anchor, this.anchorPositionMs,
				this.paused, this.latePolicy, this.members, Instant.EPOCH);
	}

	/** The MongoDB document. */
	Document toDocument() {
		List<Document> list = new ArrayList<>();
		for (Member member : this.members) {
			list.add(new Document("name", member.name()).append("fileReported", member.fileReported())
				.append("missing", member.missing())
				.append("md5", member.md5())
				.append("start", member.start().name())
				.append("playCompleted", member.playCompleted())
				.append("latencyMs", member.latencyMs())
				.append("reportsPosition", member.reportsPosition()));
		}
		return new Document("_id", ID).append("version", VERSION)
			.append("state", this.state.name())
			.append("filename", this.filename)
			.append("startAt", date(this.startAt))
			.append("timeline", new Document("anchor", date(this.anchor)).append("positionMs", this.anchorPositionMs)
				.append("paused", this.paused))
			.append("latePolicy", this.latePolicy.wireName())
			.append("members", list)
			.append("savedAt", date(this.savedAt));
	}

	/**
	 * The snapshot a document holds.
	 * @throws IllegalArgumentException when the document is not one this version wrote
	 */
	static SimulSnapshot fromDocument(Document doc) {
		try {
			Document timeline = doc.get("timeline", Document.class);
			List<Member> members = new ArrayList<>();
			for (Document member : doc.getList("members", Document.class, List.of())) {
				Number latency = member.get("latencyMs", Number.class);
				members.add(new Member(member.getString("name"), member.getBoolean("fileReported", false),
						member.getBoolean("missing", false), member.getString("md5"),
						StartState.valueOf(member.getString("start")), member.getBoolean("playCompleted", false),
						(latency != null) ? latency.intValue() : null, member.getBoolean("reportsPosition", false)));
			}
			Number position = (timeline != null) ? timeline.get("positionMs", Number.class) : null;
			return new SimulSnapshot(SimulState.valueOf(doc.getString("state")), doc.getString("filename"),
					instant(doc.getDate("startAt")), (timeline != null) ? instant(timeline.getDate("anchor")) : null,
					(position != null) ? position.longValue() : 0,
					timeline != null && timeline.getBoolean("paused", false), LatePolicy.of(doc.getString("latePolicy")),
					members, Objects.requireNonNull(instant(doc.getDate("savedAt")), "savedAt"));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("not a simul snapshot this version can read: " + ex.getMessage(), ex);
		}
	}

	private static @Nullable Date date(@Nullable Instant instant) {
		return (instant != null) ? Date.from(instant) : null;
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
