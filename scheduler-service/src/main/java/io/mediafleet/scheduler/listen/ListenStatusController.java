package io.mediafleet.scheduler.listen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioAdmin;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scheduler's Icecast-style status, {@code /status-json.xsl}: one source per radio that a streamer plays, its
 * {@code listeners} summed over every streamer that serves it (master and relays: the open listening sessions they
 * registered) and its {@code listenurl} the one listen URL. {@code source} is an object for one radio, an array for
 * several, absent for none, as Icecast 2.4 does. Each streamer's own page shows its own listeners.
 */
@RestController
final class ListenStatusController {

	private final RadioAdmin admin;

	ListenStatusController(RadioAdmin admin) {
		this.admin = admin;
	}

	@GetMapping(path = "/status-json.xsl", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> status(HttpServletRequest request) {
		String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
		List<Radio> radios = this.admin.radios();
		Map<String, RadioAdmin.RadioStatus> statuses = this.admin.statuses(radios);
		List<Map<String, Object>> sources = new ArrayList<>();
		for (Radio radio : radios) {
			RadioAdmin.RadioStatus status = statuses.get(radio.uuid());
			if (status == null || status.masterStreamer() == null) {
				continue;
			}
			Map<String, Object> source = new LinkedHashMap<>();
			source.put("genre", "various");
			source.put("listeners", status.listeners());
			source.put("listenurl", base + "/listen/" + radio.uuid());
			source.put("server_description", "Mediafleet radio");
			source.put("server_name", radio.name());
			source.put("server_type", "audio/mpeg");
			source.put("title", status.filename());
			source.put("dummy", null);
			sources.add(source);
		}
		Map<String, Object> icestats = new LinkedHashMap<>();
		icestats.put("admin", "admin@localhost");
		icestats.put("host", request.getServerName());
		icestats.put("location", "Mediafleet");
		icestats.put("server_id", "Mediafleet scheduler");
		if (sources.size() == 1) {
			icestats.put("source", sources.get(0));
		}
		else if (!sources.isEmpty()) {
			icestats.put("source", sources);
		}
		return Map.of("icestats", icestats);
	}

}
