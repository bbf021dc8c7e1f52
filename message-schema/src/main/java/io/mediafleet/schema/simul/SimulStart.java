package io.mediafleet.schema.simul;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Master to slaves: start playing the file, immediately on receipt or, when {@code at} is given,
 * at that instant (an extension of this suite so that every slave starts together; a slave without
 * a synchronised clock starts immediately). Each slave answers {@code simul-started} or
 * {@code simul-notstarted}.
 *
 * @param dest the slave this command is for, or {@code null} for every slave
 * @param filename the file to play
 * @param atEpochMillis when to start, in milliseconds since the Unix epoch (UTC), or {@code null}
 * for immediately
 * @param positionMillis <em>extension</em>: where in the file to start, in milliseconds from its beginning, or
 * {@code null} for the beginning; the master sends it to a member that joins a simul already playing so that it
 * starts at the group's position (a slave that ignores it starts at the beginning)
 */
public record SimulStart(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String dest, String filename,
		@JsonProperty("at") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long atEpochMillis,
		@JsonProperty("position-ms") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long positionMillis)
		implements CommandMessage {

	public SimulStart {
		SimulFields.optionalSlaveName(dest, "dest");
		SimulFields.filename(filename, "filename");
		if (atEpochMillis != null) {
			SimulFields.epochTime(atEpochMillis, "at");
		}
		if (positionMillis != null) {
			SimulFields.epochTime(positionMillis, "position-ms");
		}
	}

	/** A start from the beginning of the file (the seed's form, with the optional {@code at}). */
	public SimulStart(@Nullable String dest, String filename, @Nullable Long atEpochMillis) {
		this(dest, filename, atEpochMillis, null);
	}

	/** Start immediately on every slave. */
	public static SimulStart of(String filename) {
		return new SimulStart(null, filename, null);
	}

	/** Start at {@code instant} (millisecond precision) on every slave. */
	public static SimulStart at(String filename, Instant instant) {
		return new SimulStart(null, filename, instant.toEpochMilli());
	}

	/** The same command for the slave named {@code dest} only. */
	public SimulStart withDest(String dest) {
		return new SimulStart(dest, this.filename, this.atEpochMillis, this.positionMillis);
	}

	/** The same command starting {@code positionMillis} into the file (a late member catching up). */
	public SimulStart fromPosition(long positionMillis) {
		return new SimulStart(this.dest, this.filename, this.atEpochMillis, positionMillis);
	}

	/** The start instant, or {@code null} for immediately. */
	public @Nullable Instant startInstant() {
		return (this.atEpochMillis != null) ? Instant.ofEpochMilli(this.atEpochMillis) : null;
	}

}
