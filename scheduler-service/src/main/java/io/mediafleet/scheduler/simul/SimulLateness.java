package io.mediafleet.scheduler.simul;

import java.util.Locale;
import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The meters that name late simul members: {@code mediafleet.simul.members.late} (counter, tagged {@code phase} =
 * file|start and {@code policy}), {@code mediafleet.simul.members.late.current} (gauge) and
 * {@code mediafleet.simul.members.caught-up} (late joiners asked to start at the group's position).
 */
final class SimulLateness {

	private SimulLateness() {
	}

	/** Registers the meters at zero, so a dashboard shows "none" rather than "no data". */
	static <T> void registerMeters(MeterRegistry meters, T master, ToIntFunction<T> lateCount) {
		for (MemberWatch.Phase phase : MemberWatch.Phase.values()) {
			for (LatePolicy policy : LatePolicy.values()) {
				meters.counter("mediafleet.simul.members.late", "phase", phaseName(phase), "policy", policy.wireName());
			}
		}
		Gauge.builder("mediafleet.simul.members.late.current", master, (each) -> lateCount.applyAsInt(each))
			.description("Members of the current simul that are late (file not reported, or start not answered)")
			.register(meters);
		meters.counter("mediafleet.simul.members.caught-up");
	}

	static void countLate(MeterRegistry meters, MemberWatch.Late late, LatePolicy policy) {
		meters.counter("mediafleet.simul.members.late", "phase", phaseName(late.phase()), "policy", policy.wireName())
			.increment(late.names().size());
	}

	/** {@code file}, {@code start}, or {@code null}. */
	@SuppressWarnings("NullAway")
	static @Nullable String phaseName(MemberWatch.@Nullable Phase phase) {
		return (phase != null) ? phase.name().toLowerCase(Locale.ROOT) : null;
	}

}
