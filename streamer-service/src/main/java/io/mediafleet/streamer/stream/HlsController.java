package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mediafleet.schema.radio.RadioIds;
import io.mediafleet.streamer.StreamerProperties;
import io.mediafleet.streamer.hls.SegmentWindow;
import io.mediafleet.streamer.stream.SchedulerLink.ListenerCredentials;
import io.mediafleet.streamer.stream.SchedulerLink.ListenerIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Serves a radio over HTTP Live Streaming, MP3 packed audio, on the web port:
 * <ul>
 * <li>{@code GET /radios/{uuid}/live.m3u8}: a new HLS listener. Credentials, listener limit, 404 and 503 as for the
 * MP3 stream; answers a multivariant playlist naming one media playlist of the listener's own,
 * {@code live/<session>.m3u8}. {@code Cache-Control: no-store}: every fetch is a listener.</li>
 * <li>{@code GET /radios/{uuid}/live/<session>.m3u8}: the live media playlist; fetching it is what keeps the session
 * (and the listener) alive. 404 once the session expired. {@code Cache-Control: no-cache}.</li>
 * <li>{@code GET /radios/{uuid}/live/<epoch>-<sequence>.mp3}: a segment, the same for every listener and never
 * changing, so {@code Cache-Control: public, max-age=86400, immutable} lets a CDN serve it; 404 once it left the
 * window.</li>
 * </ul>
 */
@Controller
final class HlsController {

	private static final Log log = LogFactory.getLog(HlsController.class);

	static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";

	/** MP3 as RFC 6381 names it ({@code mp4a.40.34}): lets players decide before fetching a segment. */
	static final String MP3_CODECS = "mp4a.40.34";

	static final String SEGMENT_CACHE = "public, max-age=86400, immutable";

	private final RadioHub hub;

	private final SchedulerLink link;

	private final StreamSettings settings;

	private final StreamMetrics metrics;

	private final HlsRadios hls;

	private final Duration firstSegmentWait;

	HlsController(RadioHub hub, SchedulerLink link, StreamSettings settings, StreamMetrics metrics, HlsRadios hls,
			StreamerProperties properties) {
		this.hub = hub;
		this.link = link;
		this.settings = settings;
		this.metrics = metrics;
		this.hls = hls;
		// A radio just started waits for the scheduler's play (its delay) and then for one whole segment.
		this.firstSegmentWait = properties.hls().segmentDuration().multipliedBy(2).plus(settings.schedulerTimeout());
	}

	@GetMapping("/radios/{name}/live.m3u8")
	void multivariant(@PathVariable String name, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		common(response);
		if (!RadioIds.isSane(name)) {
			notFound(response, "No such radio");
			return;
		}
		InetAddress source = sourceOf(request);
		if (!this.hub.tryAdmit(source)) {
			unavailable(response, "Listener limit reached");
			return;
		}
		boolean opened = false;
		boolean joined = false;
		try {
			ListenerIdentity identity = identify(request);
			RadioBroadcaster radio;
			try {
				joined = true;
				radio = this.hub.join(name).get(this.settings.schedulerTimeout().toMillis() + 1000,
						TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				log.info("HLS listener for radio " + name + " refused: " + cause.getMessage());
				unavailable(response, "Radio not available now");
				return;
			}
			if (radio == null) {
				notFound(response, "No such radio");
				return;
			}
			HlsRadios.Listener listener = this.hls.open(radio, identity, source);
			if (listener == null) {
				unavailable(response, "Listener limit reached");
				return;
			}
			opened = true;
			int bandwidth = (radio.bitrateKbps() > 0) ? radio.bitrateKbps() * 1000 + 1000 : 320_000;
			String body = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=" + bandwidth + ",CODECS=\""
					+ MP3_CODECS + "\"\nlive/" + listener.sessionId() + ".m3u8\n";
			response.setHeader("Cache-Control", "no-store");
			response.setHeader(ListenerRequests.HD_HEADER, Boolean.toString(identity.hd()));
			write(response, PLAYLIST_TYPE, body.getBytes(StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			// An open session keeps its slot and membership until it expires; anything else gives them back now.
			if (!opened) {
				if (joined) {
					this.hub.leave(name);
				}
				this.hub.release(source);
			}
		}
	}

	@GetMapping("/radios/{name}/live/{file}")
	void live(@PathVariable String name, @PathVariable String file, HttpServletResponse response)
			throws IOException, InterruptedException {
		common(response);
		if (file.endsWith(".m3u8")) {
			mediaPlaylist(name, file.substring(0, file.length() - 5), response);
		}
		else if (file.endsWith(".mp3")) {
			segment(name, file, response);
		}
		else {
			notFound(response, "No such file");
		}
	}

	private void mediaPlaylist(String radioUuid, String sessionId, HttpServletResponse response)
			throws IOException, InterruptedException {
		HlsRadios.Listener listener = this.hls.seen(sessionId);
		if (listener == null || !listener.radioUuid().equals(radioUuid)) {
			notFound(response, "No such HLS session (it expires when its playlist is not fetched): fetch "
					+ "/radios/" + radioUuid + "/live.m3u8 again");
			return;
		}
		SegmentWindow window = listener.window();
		// A radio that just started has no segment yet; an empty live playlist makes some players give up.
		if (!window.awaitSegment(this.firstSegmentWait)) {
			unavailable(response, "No segment yet");
			return;
		}
		response.setHeader("Cache-Control", "no-cache");
		write(response, PLAYLIST_TYPE, window.mediaPlaylist().getBytes(StandardCharsets.UTF_8));
	}

	private void segment(String radioUuid, String name, HttpServletResponse response) throws IOException {
		SegmentWindow window = this.hls.window(radioUuid);
		SegmentWindow.Segment segment = (window != null) ? window.segment(name) : null;
		if (segment == null) {
			notFound(response, "No such segment (segments leave the window after a while)");
			return;
		}
		response.setHeader("Cache-Control", SEGMENT_CACHE);
		write(response, "audio/mpeg", segment.data());
		this.metrics.bytesSent.increment(segment.data().length);
	}

	private static void common(HttpServletResponse response) {
		// Web players on other origins (hls.js on a radio's own site) read playlists and segments with fetch/XHR.
		response.setHeader("Access-Control-Allow-Origin", "*");
	}

	private static void write(HttpServletResponse response, String contentType, byte[] body) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(contentType);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static void notFound(HttpServletResponse response, String message) throws IOException {
		// Never cached: the segment or session may exist a moment later (or the radio, once the scheduler knows it).
		response.setHeader("Cache-Control", "no-store");
		response.sendError(HttpServletResponse.SC_NOT_FOUND, message);
	}

	private static void unavailable(HttpServletResponse response, String message) throws IOException {
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Retry-After", "10");
		response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, message);
	}

	private static @Nullable InetAddress sourceOf(HttpServletRequest request) {
		try {
			return InetAddress.getByName(request.getRemoteAddr());
		}
		catch (java.net.UnknownHostException | RuntimeException ex) {
			return null;
		}
	}

	/** As for the MP3 stream: refused credentials or no answer make an anonymous listener. */
	private ListenerIdentity identify(HttpServletRequest request) throws InterruptedException {
		ListenerCredentials credentials = ListenerRequests.credentials(request::getParameter, request::getHeader);
		ListenerIdentity identity = ListenerIdentity.ANONYMOUS;
		if (credentials != null) {
			try {
				identity = this.link.authenticate(credentials)
					.get(this.settings.schedulerTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				log.info("HLS listener authentication got no answer (" + ex + "); listening anonymously");
			}
		}
		this.metrics.identified(credentials != null, identity);
		return identity;
	}

}
