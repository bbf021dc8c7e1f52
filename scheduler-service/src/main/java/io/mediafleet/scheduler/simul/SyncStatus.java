package io.mediafleet.scheduler.simul;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How together the playing simul is: the group's position and transport state, each reporting slave's offset,
 * and the spread between them (from {@code simul-position} reports), for the REST admin API, IRC and the console.
 *
 * @param filename the current simul's file, or {@code null}
 * @param running whether a start was sent and not stopped
 * @param paused whether the group is paused
 * @param positionMs where the group is now, in milliseconds
 * @param spreadMs largest minus smallest offset among fresh reports, or {@code null} with fewer than two
 * @param slaves the slaves that report positions, sorted by name
 */
public record SyncStatus(@Nullable String filename, boolean running, boolean paused, long positionMs,
		@Nullable Long spreadMs, List<SlaveOffset> slaves) {

	/**
	 * A slave's offset from the group.
	 *
	 * @param name the slave
	 * @param positionMs the position it reported
	 * @param offsetMs its position minus the group's at the same instant of its clock (positive: ahead), or
	 * {@code null} while paused
	 * @param speed the speed it reported, if any
	 * @param paused whether it reported being paused
	 * @param reportedAt when the report arrived
	 */
	public record SlaveOffset(String name, long positionMs, @Nullable Long offsetMs, @Nullable Double speed,
			boolean paused, Instant reportedAt) {
	}

}

