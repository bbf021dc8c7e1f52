package io.mediafleet.scheduler.listen;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.schema.radio.RadioIds;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The one listen URL of a radio, {@code GET /listen/{radio}}: a {@code 307 Temporary Redirect} to
 * {@code <streamer listen URL>/radios/<radio>} on the live streamer with the most headroom, the request's query
 * string (listener token) carried over unchanged. Unknown radio: 404; no live streamer with room: 503 with
 * {@code Retry-After}. Nothing is cached by clients ({@code Cache-Control: no-store}), so a player that reconnects
 * asks again and lands on a live streamer.
 * <p>
 * The playlist forms, {@code /listen/{radio}.m3u} and {@code /listen/{radio}.pls}, answer a one-entry playlist whose
 * entry is the listen URL itself (query string included), never a streamer: a player that opens the playlist keeps
 * the entry and reopens it when the stream breaks (mpv {@code --loop-playlist=force}, VLC's repeat), which brings it
 * back through the scheduler, whereas libavformat's own {@code -reconnect} retries the streamer it was redirected
 * to. Unknown radio: 404, as for the URL; no streamer is chosen (the player asks the URL when it plays the entry).
 * <p>
 * <b>Parameters to control memory consumption</b>: whether a radio exists is remembered for
 * {@link #RADIO_CACHE_TTL} in a table of at most {@link #MAX_CACHED_RADIOS} entries (emptied when full), so a burst
 * of listeners costs no MongoDB read each.
 */
@RestController
final class ListenController {

	static final Duration RADIO_CACHE_TTL = Duration.ofSeconds(5);

	static final int MAX_CACHED_RADIOS = 10_000;

	private final ListenDirectory directory;

	private final Predicate<String> radioExists;

	private final Clock clock;

	private final String retryAfterSeconds;

	private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

	private record Known(boolean exists, long untilNanos) {
	}

	@Autowired
	ListenController(ListenDirectory directory, RadioAdmin admin, Clock clock, SchedulerProperties properties) {
		this(directory, (uuid) -> admin.radio(uuid).isPresent(), clock, properties.radio().listen().retryAfter());
	}

	ListenController(ListenDirectory directory, Predicate<String> radioExists, Clock clock, Duration retryAfter) {
		this.directory = directory;
		this.radioExists = radioExists;
		this.clock = clock;
		this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
	}

	@RequestMapping(path = "/listen/{radioUuid}", method = { RequestMethod.GET, RequestMethod.HEAD })
	ResponseEntity<String> listen(@PathVariable String radioUuid, HttpServletRequest request) {
		if (!RadioIds.isSane(radioUuid) || !exists(radioUuid)) {
			return plain(HttpStatus.NOT_FOUND, "no such radio\n").build();
		}
		Optional<ListenDirectory.Choice> choice = this.directory.choose(this.clock.instant());
		if (choice.isEmpty()) {
			return plain(HttpStatus.SERVICE_UNAVAILABLE, "no streamer can take a listener now\n")
				.header(HttpHeaders.RETRY_AFTER, this.retryAfterSeconds)
				.build();
		}
		String query = request.getQueryString();
		String location = choice.get().listenUrl() + "/radios/" + radioUuid
				+ ((query != null && !query.isEmpty()) ? "?" + query : "");
		return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
			.header(HttpHeaders.LOCATION, location)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header("X-Mediafleet-Streamer", choice.get().streamer())
			.build();
	}

	@RequestMapping(path = "/listen/{radioUuid}.m3u", method = { RequestMethod.GET, RequestMethod.HEAD })
	ResponseEntity<String> m3u(@PathVariable String radioUuid, HttpServletRequest request) {
		if (!RadioIds.isSane(radioUuid) || !exists(radioUuid)) {
			return plain(HttpStatus.NOT_FOUND, "no such radio\n").build();
		}
		return playlist("audio/x-mpegurl", "#EXTM3U\n#EXTINF:-1,Mediafleet radio " + radioUuid + "\n"
				+ listenUrl(radioUuid, request) + "\n");
	}

	@RequestMapping(path = "/listen/{radioUuid}.pls", method = { RequestMethod.GET, RequestMethod.HEAD })
	ResponseEntity<String> pls(@PathVariable String radioUuid, HttpServletRequest request) {
		if (!RadioIds.isSane(radioUuid) || !exists(radioUuid)) {
			return plain(HttpStatus.NOT_FOUND, "no such radio\n").build();
		}
		return playlist("audio/x-scpls", "[playlist]\nNumberOfEntries=1\nFile1=" + listenUrl(radioUuid, request)
				+ "\nTitle1=Mediafleet radio " + radioUuid + "\nLength1=-1\nVersion=2\n");
	}

	/** The listen URL as the client reached this scheduler, with the request's query string (its token). */
	private static String listenUrl(String radioUuid, HttpServletRequest request) {
		String query = request.getQueryString();
		return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString()
				+ "/listen/" + radioUuid + ((query != null && !query.isEmpty()) ? "?" + query : "");
	}

	private static ResponseEntity<String> playlist(String contentType, String body) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, contentType + ";charset=UTF-8")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	private boolean exists(String radioUuid) {
		long now = System.nanoTime();
		Known known = this.known.get(radioUuid);
		if (known != null && now - known.untilNanos() < 0) {
			return known.exists();
		}
		boolean exists = this.radioExists.test(radioUuid);
		if (this.known.size() >= MAX_CACHED_RADIOS) {
			this.known.clear();
		}
		this.known.put(radioUuid, new Known(exists, now + RADIO_CACHE_TTL.toNanos()));
		return exists;
	}

	private static Builder plain(HttpStatus status, String body) {
		return new Builder(status, body);
	}

	/** A small text answer with headers. */
	private static final class Builder {

		private final ResponseEntity.BodyBuilder builder;

		private final String body;

		Builder(HttpStatus status, String body) {
			this.builder = ResponseEntity.status(status)
				.header(HttpHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8")
				.header(HttpHeaders.CACHE_CONTROL, "no-store");
			this.body = body;
		}

		Builder header(String name, String value) {
			this.builder.header(name, value);
			return this;
		}

		ResponseEntity<String> build() {
			return this.builder.body(this.body);
		}

	}

}
