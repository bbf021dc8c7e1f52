package io.mediafleet.tracker.admin;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.tracker.tracker.Catalogue;
import io.mediafleet.tracker.tracker.TspServer;

/**
 * {@code /admin/tracker}: songs with their hosts, peers, and {@code DELETE /peers/{id}} to disconnect a peer
 * (which drops its songs as if it had quit).
 */
@RestController
@RequestMapping("/admin/tracker")
class TrackerAdminController {

	private final Catalogue catalogue;

	private final TspServer server;

	TrackerAdminController(Catalogue catalogue, TspServer server) {
		this.catalogue = catalogue;
		this.server = server;
	}

	@GetMapping("/songs")
	List<SongView> songs() {
		return this.catalogue.entries().stream().map(SongView::of).toList();
	}

	@GetMapping("/songs/{id}")
	ResponseEntity<SongView> song(@PathVariable int id) {
		return ResponseEntity.of(this.catalogue.entry(id).map(SongView::of));
	}

	@GetMapping("/peers")
	List<Catalogue.PeerView> peers() {
		return this.server.peers();
	}

	@DeleteMapping("/peers/{id}")
	ResponseEntity<Void> kick(@PathVariable long id) {
		return this.server.kick(id) ? ResponseEntity.noContent().build() : ResponseEntity.status(HttpStatus.NOT_FOUND).build();
	}

	/** A song as the admin API shows it; unknown md5, size or duration are {@code null}. */
	record SongView(int id, @Nullable String md5, @Nullable Long sizeBytes, @Nullable Double durationSeconds, String title, String artist,
			String fileName, List<String> hosts) {

		static SongView of(CatalogueEntry entry) {
			var song = entry.song();
			return new SongView(entry.songId(), song.md5(), song.sizeBytes(),
					(song.duration() != null) ? song.duration().toMillis() / 1000.0 : null, song.title(), song.artist(),
					song.fileName(), entry.hosts().stream().map(PeerAddress::toString).toList());
		}

	}

}
