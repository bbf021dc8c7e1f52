package io.mediafleet.streamer.stream;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * What the HTTP side needs from the scheduler; implemented by the Redis scheduler client.
 */
public interface SchedulerLink {

	/** Sends {@code play_radio} and completes with the scheduler's answer. */
	CompletableFuture<RadioStart> startRadio(String radioUuid);

	/** Sends {@code stop_radio}. */
	void stopRadio(String radioUuid);

	/** Sends {@code user_authentication} and completes with the answer (user id {@code null} when refused). */
	CompletableFuture<ListenerIdentity> authenticate(ListenerCredentials credentials);

	/** Sends {@code register_listener}. */
	void registerListener(String radioUuid, String sessionId, @Nullable String userId);

	/** Sends {@code unregister_listener}. */
	void unregisterListener(String radioUuid, String sessionId, @Nullable String userId);

	/**
	 * Publishes this streamer's load as an unprompted {@code pong} (listen URL extension); does nothing by default.
	 */
	default void reportLoad(int listeners, int listenerLimit, String listenUrl) {
	}

	/**
	 * The scheduler's answer to {@code play_radio}.
	 */
	sealed interface RadioStart {

		/** {@code radio_started}: this streamer masters the radio; {@code play} follows. */
		record Started() implements RadioStart {
		}

		/**
		 * {@code radio_exists}: another streamer masters it.
		 *
		 * @param masterStreamer its id
		 * @param masterUrl where to relay its stream from, when the scheduler knows
		 */
		record Exists(String masterStreamer, @Nullable String masterUrl) implements RadioStart {
		}

		/** {@code radio_unknown}: no such radio. */
		record Unknown() implements RadioStart {
		}

	}

	/**
	 * Credentials a listener presented.
	 *
	 * @param authToken a token, or {@code null}
	 * @param username a user name (with {@code apiKey}), or {@code null}
	 * @param apiKey the user's API key, or {@code null}
	 */
	record ListenerCredentials(@Nullable String authToken, @Nullable String username, @Nullable String apiKey) {
	}

	/**
	 * Who a listener is, as the scheduler says.
	 *
	 * @param userId the user, or {@code null} for anonymous or refused credentials
	 * @param hd whether the user may listen in high definition
	 */
	record ListenerIdentity(@Nullable String userId, boolean hd) {

		/** An anonymous listener. */
		public static final ListenerIdentity ANONYMOUS = new ListenerIdentity(null, false);

	}

}
