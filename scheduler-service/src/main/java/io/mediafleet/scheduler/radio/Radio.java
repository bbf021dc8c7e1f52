package io.mediafleet.scheduler.radio;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A radio streamers may broadcast: what it plays when no show is on air.
 *
 * @param uuid the radio's id on the wire ({@code radio_uuid})
 * @param name display name
 * @param defaultPlaylistId playlist played outside shows, {@code null} for silence outside shows
 */
@Document(Radio.COLLECTION)
public record Radio(@Id String uuid, String name, @Nullable String defaultPlaylistId) {

	static final String COLLECTION = "radios";

}
