package io.mediafleet.scheduler.admin;

import java.util.List;
import java.util.Map;

import io.mediafleet.scheduler.radio.ListenerSession;
import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.schema.radio.RadioIds;
import io.mediafleet.scheduler.radio.Streamer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Radios (definition and live status), streamers, listening sessions and force-stop.
 */
@RestController
@RequestMapping("/api/admin")
final class RadioAdminController {

	private final RadioAdmin admin;

	RadioAdminController(RadioAdmin admin) {
		this.admin = admin;
	}

	@GetMapping("/radios")
	List<RadioView> radios() {
		// Two reads for every radio's status (not two per radio), after the loop's writes (in radios()).
		List<Radio> radios = this.admin.radios();
		Map<String, RadioAdmin.RadioStatus> statuses = this.admin.statuses(radios);
		return radios.stream().map((radio) -> RadioView.of(radio, statuses.get(radio.uuid()))).toList();
	}

	@GetMapping("/radios/{uuid}")
	RadioView radio(@PathVariable String uuid) {
		Radio radio = find(uuid);
		return RadioView.of(radio, this.admin.status(radio));
	}

	@PutMapping("/radios/{uuid}")
	RadioView saveRadio(@PathVariable String uuid, @Valid @RequestBody RadioRequest request) {
		Radio radio = this.admin.saveRadio(
				new Radio(AdminIds.require(uuid, "uuid"), request.name(), request.defaultPlaylistId()));
		return RadioView.of(radio, this.admin.status(radio));
	}

	@DeleteMapping("/radios/{uuid}")
	ResponseEntity<Void> deleteRadio(@PathVariable String uuid) {
		if (!this.admin.deleteRadio(AdminIds.require(uuid, "uuid"))) {
			throw new AdminIds.NotFoundException("radio", uuid);
		}
		return ResponseEntity.noContent().build();
	}

	/** Stops programming the radio and closes its sessions; its master streamer gets {@code radio_stopped}. */
	@PostMapping("/radios/{uuid}/stop")
	RadioAdmin.RadioStatus stop(@PathVariable String uuid) {
		Radio radio = find(uuid);
		this.admin.forceStop(radio.uuid());
		return this.admin.status(radio);
	}

	@GetMapping("/streamers")
	List<Streamer> streamers() {
		return this.admin.streamers();
	}

	@GetMapping("/sessions")
	List<ListenerSession> openSessions(@RequestParam(required = false) @Nullable String radio) {
		return this.admin.openSessions((radio != null) ? AdminIds.require(radio, "radio") : null);
	}

	@GetMapping("/sessions/history")
	List<ListenerSession> history(@RequestParam(required = false) @Nullable String radio,
			@RequestParam(required = false) @Nullable String user, @RequestParam(defaultValue = "100") int limit) {
		return this.admin.history((radio != null) ? AdminIds.require(radio, "radio") : null,
				(user != null) ? AdminIds.require(user, "user") : null, limit);
	}

	private Radio find(String uuid) {
		return this.admin.radio(AdminIds.require(uuid, "uuid"))
			.orElseThrow(() -> new AdminIds.NotFoundException("radio", uuid));
	}

	/**
	 * A radio to create or replace.
	 *
	 * @param name display name
	 * @param defaultPlaylistId playlist outside shows, or absent
	 */
	record RadioRequest(@NotBlank @Size(max = 200) String name,
			@Nullable @Pattern(regexp = RadioIds.REGEX) String defaultPlaylistId) {
	}

	/**
	 * A radio with its live status.
	 *
	 * @param uuid the radio
	 * @param name display name
	 * @param defaultPlaylistId playlist outside shows
	 * @param status what it does now
	 */
	record RadioView(String uuid, String name, @Nullable String defaultPlaylistId, RadioAdmin.RadioStatus status) {

		static RadioView of(Radio radio, RadioAdmin.RadioStatus status) {
			return new RadioView(radio.uuid(), radio.name(), radio.defaultPlaylistId(), status);
		}

	}

}
