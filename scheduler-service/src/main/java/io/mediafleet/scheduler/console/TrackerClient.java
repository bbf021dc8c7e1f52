package io.mediafleet.scheduler.console;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The console's client of the tracker's admin API ({@code /admin/tracker}): its catalogue, its peers, kicking a
 * peer. The last answers are kept, so a page never waits on a tracker that is down for longer than one timeout.
 */
final class TrackerClient {

	/**
	 * A song as the tracker lists it.
	 *
	 * @param id the tracker's song id
	 * @param md5 of the file, {@code null} when unknown
	 * @param sizeBytes length, {@code null} when unknown
	 * @param durationSeconds length in seconds, {@code null} when unknown
	 * @param title title
	 * @param artist artist
	 * @param fileName file name
	 * @param hosts {@code host:port} of the peers holding it
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TrackerSong(int id, @Nullable String md5, @Nullable Long sizeBytes, @Nullable Double durationSeconds,
			String title, String artist, String fileName, List<String> hosts) {
	}

	/**
	 * A connected peer.
	 *
	 * @param id the tracker's connection id
	 * @param address {@code host:port} it serves PLAY on
	 * @param remote the address it connected from
	 * @param songs songs it shares
	 * @param joined when it connected
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TrackerPeer(long id, String address, @Nullable String remote, int songs, @Nullable Instant joined) {
	}

	/**
	 * What the tracker said last.
	 *
	 * @param reachable whether the last call answered
	 * @param problem why not, when it did not
	 * @param songs its catalogue
	 * @param peers its peers
	 */
	record Snapshot(boolean reachable, @Nullable String problem, List<TrackerSong> songs, List<TrackerPeer> peers) {
	}

	private final @Nullable RestClient client;

	private final @Nullable URI baseUrl;

	private volatile Snapshot last;

	TrackerClient(RestClient.Builder builder, @Nullable String baseUrl, @Nullable String token) {
		this.baseUrl = (baseUrl != null) ? URI.create(baseUrl) : null;
		if (baseUrl == null) {
			this.client = null;
			this.last = new Snapshot(false, "no tracker is configured (mediafleet.scheduler.console.tracker-url)",
					List.of(), List.of());
			return;
		}
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory();
		factory.setReadTimeout(Duration.ofSeconds(2));
		RestClient.Builder configured = builder.clone().requestFactory(factory).baseUrl(baseUrl);
		if (token != null && !token.isBlank()) {
			configured.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		this.client = configured.build();
		this.last = new Snapshot(false, "not asked yet", List.of(), List.of());
	}

	boolean configured() {
		return this.client != null;
	}

	@Nullable URI baseUrl() {
		return this.baseUrl;
	}

	/** What the tracker said last (see {@link #refresh()}). */
	Snapshot snapshot() {
		return this.last;
	}

	/** Asks the tracker again; returns whether its answer differs from the last one. */
	boolean refresh() {
		RestClient client = this.client;
		if (client == null) {
			return false;
		}
		Snapshot now;
		try {
			List<TrackerSong> songs = List.of(client.get().uri("/admin/tracker/songs").retrieve().body(TrackerSong[].class));
			List<TrackerPeer> peers = List.of(client.get().uri("/admin/tracker/peers").retrieve().body(TrackerPeer[].class));
			now = new Snapshot(true, null, songs, peers);
		}
		catch (RestClientResponseException ex) {
			now = new Snapshot(false, "the tracker answered HTTP " + ex.getStatusCode().value(), this.last.songs(),
					this.last.peers());
		}
		catch (RestClientException | NullPointerException ex) {
			now = new Snapshot(false, "the tracker at " + this.baseUrl + " does not answer", this.last.songs(),
					this.last.peers());
		}
		boolean changed = !now.equals(this.last);
		this.last = now;
		return changed;
	}

	/** Disconnects a peer; {@code false} when the tracker does not know it. */
	boolean kick(long peerId) {
		RestClient client = this.client;
		if (client == null) {
			throw new IllegalStateException("no tracker is configured");
		}
		try {
			client.delete().uri("/admin/tracker/peers/{id}", peerId).retrieve().toBodilessEntity();
			return true;
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().value() == 404) {
				return false;
			}
			throw ex;
		}
	}

}
