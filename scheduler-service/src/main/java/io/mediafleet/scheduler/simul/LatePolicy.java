package io.mediafleet.scheduler.simul;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the master does about a member that does not report the simul's file within the file timeout, or does not
 * answer {@code simul-start} within the start timeout; the operator chooses it per simul ({@code !simul <file>
 * <policy>}, REST {@code "late":"abort"}). Whatever the policy, the member is named on IRC, in the REST status and
 * in the {@code mediafleet.simul.members.late} metric.
 */
public enum LatePolicy {

	/**
	 * Keep waiting: the simul stays not ready until the member reports the file (the seed's behaviour); a member
	 * silent at the start is asked again to start at the group's position until it answers.
	 */
	WAIT("wait"),

	/**
	 * The default: leave the member out. The simul becomes ready without it (say {@code !start}), and the group
	 * plays without it; when it reports the file later it joins at the group's position.
	 */
	START_WITHOUT("start-without"),

	/** Abort the simul: {@code simul-stop} to every member, state {@code failed}. */
	ABORT("abort");

	/** The policy a simul gets when the operator names none. */
	public static final LatePolicy DEFAULT = START_WITHOUT;

	private final String wireName;

	LatePolicy(String wireName) {
		this.wireName = wireName;
	}

	/** The name operators type: {@code wait}, {@code start-without} or {@code abort}; also its JSON form. */
	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	/**
	 * The policy named {@code name} (any case; {@code start_without} too).
	 * @throws IllegalArgumentException for any other name
	 */
	public static LatePolicy of(String name) {
		String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		for (LatePolicy policy : values()) {
			if (policy.wireName.equals(wanted)) {
				return policy;
			}
		}
		throw new IllegalArgumentException("unknown late policy '" + name + "': use wait, start-without or abort");
	}

	@Override
	public String toString() {
		return this.wireName;
	}

}
