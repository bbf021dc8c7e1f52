package io.mediafleet.schema.radio;

import java.util.Optional;

/**
 * Names of the Redis channels radio control travels on: streamers publish to
 * {@code <prefix>yascheduler}, the scheduler publishes to {@code <prefix>yastream.<streamer id>}.
 * The prefix is empty by default, which gives the original names; a multi-tenant deployment sets
 * one per tenant, for example {@code tenant1:}.
 *
 * @param prefix prepended to every channel name; at most 64 characters, no whitespace, control
 * or Redis glob characters ({@code * ? [ ] \})
 */
public record RadioChannels(String prefix) {

	/** The original channel names, without a prefix. */
	public static final RadioChannels DEFAULT = new RadioChannels("");

	/** Longest prefix accepted. */
	public static final int MAX_PREFIX_LENGTH = 64;

	private static final String SCHEDULER_CHANNEL = "yascheduler";

	private static final String STREAMER_CHANNEL = "yastream.";

	public RadioChannels {
		if (prefix.length() > MAX_PREFIX_LENGTH) {
			throw new IllegalArgumentException(
					"channel prefix is " + prefix.length() + " characters long, over the limit of " + MAX_PREFIX_LENGTH);
		}
		for (int i = 0; i < prefix.length(); i++) {
			char c = prefix.charAt(i);
			if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
					|| "*?[]\\".indexOf(c) >= 0 || Character.isSurrogate(c)) {
				throw new IllegalArgumentException("channel prefix '" + prefix
						+ "' must not contain whitespace, control or glob characters (index " + i + ")");
			}
		}
	}

	/** Channel prefix {@code prefix}, for example {@code tenant1:}. */
	public static RadioChannels withPrefix(String prefix) {
		return new RadioChannels(prefix);
	}

	/** The channel streamers publish to and the scheduler subscribes to. */
	public String schedulerChannel() {
		return this.prefix + SCHEDULER_CHANNEL;
	}

	/**
	 * The channel the scheduler publishes to for one streamer, and that streamer subscribes to.
	 * @throws IllegalArgumentException if {@code streamerId} is blank, longer than 128 characters
	 * or contains whitespace or control characters
	 */
	public String streamerChannel(String streamerId) {
		String problem = RadioFields.streamerIdProblem(streamerId);
		if (problem != null) {
			throw new IllegalArgumentException("streamer id '" + streamerId + "' " + problem);
		}
		return this.prefix + STREAMER_CHANNEL + streamerId;
	}

	/** A {@code PSUBSCRIBE} pattern matching every streamer's channel, for monitoring. */
	public String streamerChannelPattern() {
		return this.prefix + STREAMER_CHANNEL + "*";
	}

	/** The streamer id of a streamer channel of this prefix, or empty if {@code channel} is not one. */
	public Optional<String> streamerIdOf(String channel) {
		String start = this.prefix + STREAMER_CHANNEL;
		if (!channel.startsWith(start)) {
			return Optional.empty();
		}
		String id = channel.substring(start.length());
		return (RadioFields.streamerIdProblem(id) == null) ? Optional.of(id) : Optional.empty();
	}

}
