package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of a radio's durable event queue, stored inside the radio's document ({@link StoredRadio}). An event is
 * claimed (moved from the pending to the handled events, in the same single-document write as what handling it
 * changed) before anything it sends leaves, so after a restart it is handled at most once. Earlier versions kept
 * events in a collection of their own ({@link #LEGACY_COLLECTION}), folded in once at start.
 *
 * @param id event id
 * @param radioUuid the radio
 * @param kind what to do
 * @param dueAt when to do it
 * @param songId for START: the song that starts
 * @param filename for START: its file
 * @param durationSeconds for START: its length
 * @param showId for START: the show it belongs to
 * @param done whether it was claimed
 * @param handledAt when it was claimed
 * @param announceAt for START: when its {@code play} is sent, from memory, after the PREPARE that scheduled it was
 * committed (up to {@code prepare-ahead} earlier); {@code null} for a START whose play left with its PREPARE's commit
 * (events written before this field existed). After a restart a START whose announce time is still to come is
 * announced then; one whose announce time has passed counts as announced when its radio's {@link PlayReceipt}
 * covers it, and is sent late otherwise
 * @param withdrawn for START: its play was still to be sent when the scheduler stopped cleanly, so it surely did not
 * leave; the next run sends it late, with the radio's pending events moved by the time lost, instead of counting it
 * as announced
 */
@Document(RadioEvent.LEGACY_COLLECTION)
public record RadioEvent(@Id String id, String radioUuid, Kind kind, Instant dueAt, @Nullable String songId,
		@Nullable String filename, @Nullable Double durationSeconds, @Nullable String showId, boolean done,
		@Nullable Instant handledAt, @Nullable Instant announceAt, boolean withdrawn) {

	/** Where events were stored before they were embedded in their radio's document; read once, then dropped. */
	static final String LEGACY_COLLECTION = "radio_events";

	/** The same event, claimed at {@code now}. */
	RadioEvent handled(Instant now) {
		return new RadioEvent(this.id, this.radioUuid, this.kind, this.dueAt, this.songId, this.filename,
				this.durationSeconds, this.showId, true, now, this.announceAt, this.withdrawn);
	}

	/** The same START, its play not sent because the scheduler stopped cleanly before its announce time. */
	RadioEvent asWithdrawn() {
		return new RadioEvent(this.id, this.radioUuid, this.kind, this.dueAt, this.songId, this.filename,
				this.durationSeconds, this.showId, this.done, this.handledAt, this.announceAt, true);
	}

	/** The same pending START, its play announced at {@code at} instead (sent late, same start). */
	RadioEvent announcedAt(Instant at) {
		return new RadioEvent(this.id, this.radioUuid, this.kind, this.dueAt, this.songId, this.filename,
				this.durationSeconds, this.showId, this.done, this.handledAt, at, false);
	}

	/** The same pending event, {@code shift} later (its announce time too), no longer withdrawn. */
	RadioEvent movedBy(Duration shift) {
		return new RadioEvent(this.id, this.radioUuid, this.kind, this.dueAt.plus(shift), this.songId, this.filename,
				this.durationSeconds, this.showId, this.done, this.handledAt,
				(this.announceAt != null) ? this.announceAt.plus(shift) : null, false);
	}

	/** What a radio event does. */
	public enum Kind {

		/**
		 * Pick the next track and send {@code play} one lead time before it starts; handled {@code prepare-ahead}
		 * before its due time, the play then leaves at the due time from memory.
		 */
		PREPARE,

		/** Record a track as on air. */
		START

	}

}
