package io.mediafleet.scheduler.radio;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A radio being programmed: its master streamer and the song on air; exists from the first {@code play_radio} until
 * the radio is stopped.
 *
 * @param radioUuid the radio
 * @param masterStreamer the streamer broadcasting it, {@code null} while none does (programming goes on)
 * @param songId song on air, {@code null} before the first track starts
 * @param filename its file name
 * @param playTime when it started
 * @param songEndTime when it ends
 * @param showId show it belongs to, {@code null} for the default playlist
 * @param orderedPositions per ordered playlist, the index of the next song
 * @param randomQueues per random playlist, the songs still queued
 * @param programmedSince when programming started
 */
@Document(RadioState.COLLECTION)
public record RadioState(@Id String radioUuid, @Nullable String masterStreamer, @Nullable String songId,
		@Nullable String filename, @Nullable Instant playTime, @Nullable Instant songEndTime, @Nullable String showId,
		Map<String, Integer> orderedPositions, Map<String, List<String>> randomQueues, Instant programmedSince) {

	static final String COLLECTION = "radio_states";

	static RadioState started(String radioUuid, String master, Instant now) {
		return new RadioState(radioUuid, master, null, null, null, null, null, Map.of(), Map.of(), now);
	}

	RadioState withMaster(@Nullable String master) {
		return new RadioState(this.radioUuid, master, this.songId, this.filename, this.playTime, this.songEndTime,
				this.showId, this.orderedPositions, this.randomQueues, this.programmedSince);
	}

	RadioState withSong(String songId, String filename, Instant playTime, Instant endTime, @Nullable String showId) {
		return new RadioState(this.radioUuid, this.masterStreamer, songId, filename, playTime, endTime, showId,
				this.orderedPositions, this.randomQueues, this.programmedSince);
	}

	RadioState withQueues(Map<String, Integer> positions, Map<String, List<String>> queues) {
		return new RadioState(this.radioUuid, this.masterStreamer, this.songId, this.filename, this.playTime,
				this.songEndTime, this.showId, positions, queues, this.programmedSince);
	}

	/** Whether a song is on air at {@code now}. */
	boolean isPlayingAt(Instant now) {
		return this.filename != null && this.playTime != null && this.songEndTime != null
				&& this.songEndTime.isAfter(now);
	}

}
