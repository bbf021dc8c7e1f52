package io.mediafleet.scheduler.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /console/tracker}: the tracker's catalogue, searched on the server by title, artist or file name, with the
 * peers hosting each song; its peers, each of which can be disconnected. Shows the tracker's last answer (kept by
 * {@link TrackerClient}, asked again every health interval) and says plainly when there is no tracker or it does not
 * answer.
 */
@Controller
final class TrackerController {

	/** Most songs one page shows; the rest are counted. */
	static final int MAX_SONGS = 500;

	/** Most peers one page shows; the rest are counted. */
	static final int MAX_PEERS = 500;

	/** Most hosts shown beside one song. */
	static final int MAX_HOSTS = 6;

	private static final List<String> PARTS = List.of("status", "songs", "peers");

	private static final DateTimeFormatter JOINED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final TrackerClient tracker;

	private final ConsoleEvents events;

	TrackerController(TrackerClient tracker, ConsoleEvents events) {
		this.tracker = tracker;
		this.events = events;
	}

	@GetMapping("/console/tracker")
	String tracker(@RequestParam(name = "q", defaultValue = "") String search, Model model) {
		model.addAttribute("page", "tracker");
		model.addAttribute("q", search);
		for (String part : PARTS) {
			fill(part, search, model);
		}
		return "console/tracker";
	}

	@GetMapping("/console/tracker/{part}")
	String part(@PathVariable String part, @RequestParam(name = "q", defaultValue = "") String search, Model model) {
		if (!PARTS.contains(part)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		fill(part, search, model);
		return "console/tracker :: " + part;
	}

	/**
	 * Disconnects a peer and says so in place; the peers part then fetches itself again ({@code HX-Trigger:
	 * tracker:kicked}), and every other console hears of it over the TRACKER topic.
	 */
	@DeleteMapping("/console/tracker/peers/{id}")
	String kick(@PathVariable long id, Model model, HttpServletResponse response) {
		TrackerClient.TrackerPeer peer = this.tracker.snapshot().peers().stream().filter((p) -> p.id() == id).findFirst().orElse(null);
		String who = (peer != null) ? "Peer " + peer.address() : "Peer " + id;
		if (!this.tracker.configured()) {
			model.addAttribute("peerProblem", "No tracker is configured: nobody was disconnected.");
		}
		else {
			try {
				model.addAttribute("peerNotice", this.tracker.kick(id)
						? who + " was disconnected; its songs left the catalogue (it may connect again)."
						: who + " had already left the tracker.");
			}
			catch (RestClientException ex) {
				model.addAttribute("peerProblem", "The tracker did not answer, so " + who + " may still be connected; try again.");
			}
			if (this.tracker.refresh()) {
				this.events.changed(ConsoleEvents.Topic.TRACKER);
			}
		}
		response.setHeader("HX-Trigger", "tracker:kicked");
		return "console/tracker :: kick-result";
	}

	private void fill(String part, String search, Model model) {
		TrackerClient.Snapshot snapshot = this.tracker.snapshot();
		model.addAttribute("tracker", snapshot);
		model.addAttribute("trackerUrl", (this.tracker.baseUrl() != null) ? this.tracker.baseUrl().toString() : null);
		switch (part) {
			case "status" -> {
			}
			case "songs" -> {
				List<TrackerClient.TrackerSong> matches = matching(snapshot.songs(), search);
				model.addAttribute("q", search);
				model.addAttribute("songs", matches.stream().limit(MAX_SONGS).map(SongRow::of).toList());
				model.addAttribute("songMatches", matches.size());
				model.addAttribute("songsNotShown", Math.max(0, matches.size() - MAX_SONGS));
			}
			case "peers" -> {
				List<TrackerClient.TrackerPeer> peers = snapshot.peers();
				model.addAttribute("peers", peers.stream().limit(MAX_PEERS).map(PeerRow::of).toList());
				model.addAttribute("peersNotShown", Math.max(0, peers.size() - MAX_PEERS));
			}
			default -> throw new IllegalArgumentException(part);
		}
	}

	/** The songs whose title, artist or file name contains {@code search}, ignoring case; all when it is blank. */
	static List<TrackerClient.TrackerSong> matching(List<TrackerClient.TrackerSong> songs, @Nullable String search) {
		String needle = (search != null) ? search.strip().toLowerCase(Locale.ROOT) : "";
		if (needle.isEmpty()) {
			return songs;
		}
		return songs.stream()
			.filter((song) -> contains(song.title(), needle) || contains(song.artist(), needle)
					|| contains(song.fileName(), needle))
			.toList();
	}

	private static boolean contains(@Nullable String text, String needle) {
		return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
	}

	/**
	 * A peer as the table shows it.
	 *
	 * @param id the tracker's connection id
	 * @param address {@code host:port} it serves on
	 * @param remote where it connected from, "–" when unknown
	 * @param songs songs it shares
	 * @param joined when it connected, in the scheduler's zone; empty when unknown
	 * @param joinedIso the same as an ISO instant
	 */
	record PeerRow(long id, String address, String remote, int songs, String joined, String joinedIso) {

		static PeerRow of(TrackerClient.TrackerPeer peer) {
			Instant joined = peer.joined();
			return new PeerRow(peer.id(), peer.address(), (peer.remote() != null) ? peer.remote() : "–", peer.songs(),
					(joined != null) ? JOINED.format(joined.atZone(ZoneId.systemDefault())) : "",
					(joined != null) ? joined.toString() : "");
		}

	}

	/**
	 * A song as the table shows it.
	 *
	 * @param song the tracker's song
	 * @param hosts the first {@link #MAX_HOSTS} of its hosts
	 * @param moreHosts how many hosts are not shown
	 * @param length its length as {@code m:ss}, empty when unknown
	 */
	record SongRow(TrackerClient.TrackerSong song, List<String> hosts, int moreHosts, String length) {

		static SongRow of(TrackerClient.TrackerSong song) {
			List<String> hosts = (song.hosts() != null) ? song.hosts() : List.of();
			String length = "";
			if (song.durationSeconds() != null) {
				long seconds = Math.round(song.durationSeconds());
				length = String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
			}
			return new SongRow(song, hosts.stream().limit(MAX_HOSTS).toList(), Math.max(0, hosts.size() - MAX_HOSTS),
					length);
		}

	}

}
