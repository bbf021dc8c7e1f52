package io.mediafleet.scheduler.radio;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The last {@code play} of a radio's programme that reached Redis: written by the same Redis script that publishes
 * the play ({@link RadioOutbox#sendPlay}), so a play and its receipt exist together or not at all, whatever moment a
 * crash picks. After a restart it tells which pending STARTs already had their play sent (never send one twice) and
 * which did not (send it, never skip a track).
 * <p>
 * Wire form, the value of the radio's field in the receipts hash:
 * {@code <announce epoch ms>/<start epoch ms>/<START event id>}, for example
 * {@code 1764979200000/1764979205000/6751a3f0c2e4b81d2a9c0f11}.
 *
 * @param startId the START event whose play left
 * @param announceAt that START's announce time
 * @param startsAt when its track starts (the START's due time)
 */
record PlayReceipt(String startId, Instant announceAt, Instant startsAt) {

	PlayReceipt {
		Objects.requireNonNull(startId, "startId");
		Objects.requireNonNull(announceAt, "announceAt");
		Objects.requireNonNull(startsAt, "startsAt");
	}

	/** The receipt of the play of {@code start}. */
	static PlayReceipt of(RadioEvent start) {
		return new PlayReceipt(start.id(), Objects.requireNonNull(start.announceAt(), "announceAt"), start.dueAt());
	}

	/** Reads the wire form; {@code null} for anything else (a receipt this version cannot read proves nothing). */
	static @Nullable PlayReceipt parse(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String[] parts = text.split("/", 3);
		if (parts.length != 3 || parts[2].isEmpty()) {
			return null;
		}
		try {
			return new PlayReceipt(parts[2], Instant.ofEpochMilli(Long.parseLong(parts[0])),
					Instant.ofEpochMilli(Long.parseLong(parts[1])));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	String encode() {
		return this.announceAt.toEpochMilli() + "/" + this.startsAt.toEpochMilli() + "/" + this.startId;
	}

	/**
	 * Whether the play of {@code start} (a START of the same radio) is known to have left: it is the one this receipt
	 * records, or one announced no later and starting earlier (a radio's plays leave in the order of their tracks;
	 * several may share an announce time within an announce horizon). A START of a radio restarted since was announced
	 * later, so it is not covered.
	 */
	boolean covers(RadioEvent start) {
		if (start.id().equals(this.startId)) {
			return true;
		}
		Instant at = start.announceAt();
		return at != null && at.toEpochMilli() <= this.announceAt.toEpochMilli()
				&& start.dueAt().toEpochMilli() < this.startsAt.toEpochMilli();
	}

}
