package io.mediafleet.scheduler.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.scheduler.link.LinkHub;
import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.scheduler.radio.Streamer;
import io.mediafleet.scheduler.simul.SimulMaster;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /console}: the whole fleet on one page (services, streamers, burners, player agents, the tracker, link
 * sessions), each part fetched again when its topic changes.
 */
@Controller
final class OverviewController {

	private static final List<String> PARTS = List.of("services", "streamers", "burners", "players", "tracker", "link");

	private final RadioAdmin radios;

	private final BurnFarm farm;

	private final LinkHub link;

	private final ObjectProvider<SimulMaster> simul;

	private final TrackerClient tracker;

	private final FleetHealth health;

	private final ObjectProvider<HealthEndpoint> ownHealth;

	OverviewController(RadioAdmin radios, BurnFarm farm, LinkHub link, ObjectProvider<SimulMaster> simul,
			TrackerClient tracker, FleetHealth health, ObjectProvider<HealthEndpoint> ownHealth) {
		this.radios = radios;
		this.farm = farm;
		this.link = link;
		this.simul = simul;
		this.tracker = tracker;
		this.health = health;
		this.ownHealth = ownHealth;
	}

	@GetMapping({ "/console", "/console/" })
	String overview(Model model) {
		for (String part : PARTS) {
			fill(part, model);
		}
		model.addAttribute("page", "overview");
		return "console/overview";
	}

	@GetMapping("/console/overview/{part}")
	String part(@PathVariable String part, Model model) {
		if (!PARTS.contains(part)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		fill(part, model);
		return "console/overview :: " + part;
	}

	private void fill(String part, Model model) {
		switch (part) {
			case "services" -> {
				HealthEndpoint endpoint = this.ownHealth.getIfAvailable();
				String own = (endpoint != null && endpoint.health() != null) ? endpoint.health().getStatus().getCode()
						: "UP";
				model.addAttribute("schedulerHealth", own);
				model.addAttribute("services", this.health.services());
			}
			case "streamers" -> model.addAttribute("streamers", streamerViews());
			case "burners" -> {
				model.addAttribute("burners", this.farm.burnerList());
				model.addAttribute("burnerDrives", this.farm.drives());
			}
			case "players" -> {
				SimulMaster master = this.simul.getIfAvailable();
				model.addAttribute("simulEnabled", master != null);
				model.addAttribute("simul", (master != null) ? master.status() : null);
			}
			case "tracker" -> model.addAttribute("tracker", this.tracker.snapshot());
			case "link" -> model.addAttribute("linkSessions", LinkSessionView.all(this.link));
			default -> throw new IllegalArgumentException(part);
		}
	}

	private List<StreamerView> streamerViews() {
		List<Radio> all = this.radios.radios();
		Map<String, int[]> byStreamer = new HashMap<>();
		for (RadioAdmin.RadioStatus status : this.radios.statuses(all).values()) {
			if (status.masterStreamer() != null) {
				int[] counts = byStreamer.computeIfAbsent(status.masterStreamer(), (key) -> new int[2]);
				counts[0]++;
				counts[1] += (int) status.listeners();
			}
		}
		return this.radios.streamers().stream().map((streamer) -> StreamerView.of(streamer, byStreamer.get(streamer.name()))).toList();
	}

	/**
	 * A streamer with what it broadcasts.
	 *
	 * @param name its id
	 * @param alive whether it answered the last ping
	 * @param missedPings pings unanswered in a row
	 * @param radios radios it masters
	 * @param listeners their open sessions
	 */
	record StreamerView(String name, boolean alive, int missedPings, int radios, int listeners) {

		static StreamerView of(Streamer streamer, int @Nullable [] counts) {
			return new StreamerView(streamer.name(), streamer.missedPings() == 0, streamer.missedPings(),
					(counts != null) ? counts[0] : 0, (counts != null) ? counts[1] : 0);
		}

	}

}
