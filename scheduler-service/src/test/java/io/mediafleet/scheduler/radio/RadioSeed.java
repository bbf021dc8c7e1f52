package io.mediafleet.scheduler.radio;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Puts a small catalogue in MongoDB for tests: songs {@code <prefix>-a/b/c.mp3}, one ordered playlist, one radio.
 */
final class RadioSeed {

	private RadioSeed() {
	}

	static void radio(MongoTemplate mongo, String radioUuid, double songSeconds) {
		String prefix = radioUuid;
		List<String> ids = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
		for (String id : ids) {
			mongo.save(new Song(id, id + ".mp3", songSeconds, null, null));
		}
		mongo.save(new Playlist(prefix + "-list", "list", ids, false));
		mongo.save(new Radio(radioUuid, "Radio " + radioUuid, prefix + "-list"));
	}

}
