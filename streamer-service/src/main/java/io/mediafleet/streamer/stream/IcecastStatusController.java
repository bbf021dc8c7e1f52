package io.mediafleet.streamer.stream;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /status-json.xsl} in Icecast 2.4's JSON shape, so Icecast exporters and dashboards read this streamer:
 * {@code {"icestats": {..., "source": {...}}}} where {@code source} is one object for one radio, an array for
 * several, and absent when nothing plays (as Icecast does). {@code listenurl} points at the dedicated listener port
 * when it is on, else at this web port.
 */
@RestController
final class IcecastStatusController {

	private static final DateTimeFormatter RFC_822 = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter ISO_8601 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final RadioHub hub;

	private final StreamSettings settings;

	private final ObjectProvider<ListenerServer> listenerServer;

	private final Instant serverStart = Instant.now();

	IcecastStatusController(RadioHub hub, StreamSettings settings, ObjectProvider<ListenerServer> listenerServer) {
		this.hub = hub;
		this.settings = settings;
		this.listenerServer = listenerServer;
	}

	@GetMapping(path = "/status-json.xsl", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> status(HttpServletRequest request) {
		// With the dedicated listener port on, that is where listeners should go (plain HTTP, same host name).
		ListenerServer listenerPort = this.listenerServer.getIfAvailable();
		String base = (listenerPort != null && listenerPort.port() > 0)
				? "http://" + request.getServerName() + ":" + listenerPort.port()
				: request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
		List<Map<String, Object>> sources = new ArrayList<>();
		for (RadioBroadcaster radio : this.hub.radios()) {
			Map<String, Object> source = new LinkedHashMap<>();
			source.put("audio_info", "bitrate=" + radio.bitrateKbps());
			source.put("bitrate", radio.bitrateKbps());
			source.put("genre", "various");
			source.put("listener_peak", radio.peakListeners());
			source.put("listeners", radio.listenerCount());
			source.put("listenurl", base + "/radios/" + radio.radioUuid());
			source.put("server_description", "Mediafleet radio");
			source.put("server_name", radio.radioUuid());
			source.put("server_type", "audio/mpeg");
			source.put("stream_start", RFC_822.format(radio.startedAt()));
			source.put("stream_start_iso8601", ISO_8601.format(radio.startedAt()));
			source.put("title", radio.title());
			source.put("dummy", null);
			sources.add(source);
		}
		Map<String, Object> icestats = new LinkedHashMap<>();
		icestats.put("admin", "admin@localhost");
		icestats.put("host", request.getServerName());
		icestats.put("location", "Mediafleet");
		icestats.put("server_id", this.settings.serverName());
		icestats.put("server_start", RFC_822.format(this.serverStart));
		icestats.put("server_start_iso8601", ISO_8601.format(this.serverStart));
		if (sources.size() == 1) {
			icestats.put("source", sources.get(0));
		}
		else if (!sources.isEmpty()) {
			icestats.put("source", sources);
		}
		return Map.of("icestats", icestats);
	}

}
