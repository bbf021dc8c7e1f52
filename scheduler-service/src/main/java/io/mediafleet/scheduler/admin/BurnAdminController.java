package io.mediafleet.scheduler.admin;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.schema.burnlink.BurnLink;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * REST admin of the burn farm: the queue (list, add, clear, a job's history) and the burners (list, name).
 */
@RestController
@RequestMapping("/api/admin/burn")
final class BurnAdminController {

	private final BurnFarm farm;

	BurnAdminController(BurnFarm farm) {
		this.farm = farm;
	}

	/**
	 * Body of {@code POST /api/admin/burn/queue}.
	 *
	 * @param hash md5 of an image some burner holds
	 * @param priority lower burns first
	 * @param copies discs wanted, default 1
	 */
	record QueueRequest(@JsonProperty("hash") @NotNull @Pattern(regexp = "[0-9a-fA-F]{32}") String hash,
			@JsonProperty("priority") int priority,
			@JsonProperty("copies") @Nullable @Min(1) @Max(1000) Integer copies) {
	}

	/**
	 * Body of {@code PUT /api/admin/burn/burners/{uid}/name}.
	 *
	 * @param name friendly name, empty clears it
	 */
	record NameRequest(@JsonProperty("name") @NotNull @Size(max = 200) @Pattern(regexp = "[^\\t\\r\\n]*") String name) {
	}

	@GetMapping("/queue")
	List<BurnLink.Job> queue() {
		return this.farm.queueList();
	}

	@PostMapping("/queue")
	ResponseEntity<Map<String, Long>> add(@Valid @RequestBody QueueRequest request) {
		OptionalLong job = this.farm.queue(request.hash().toLowerCase(), request.priority(),
				(request.copies() != null) ? request.copies() : 1);
		if (job.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Unknown image " + request.hash() + " (no burner holds it) or queue full");
		}
		return ResponseEntity.created(URI.create("/api/admin/burn/queue/" + job.getAsLong()))
			.body(Map.of("job_id", job.getAsLong()));
	}

	@DeleteMapping("/queue")
	Map<String, Integer> clear() {
		return Map.of("removed", this.farm.clearQueue());
	}

	@GetMapping("/queue/{id}/history")
	List<Map<String, Object>> history(@PathVariable long id) {
		return this.farm.history(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No open job " + id));
	}

	@GetMapping("/burners")
	List<BurnLink.BurnerInfo> burners() {
		return this.farm.burnerList();
	}

	@GetMapping("/images")
	List<BurnFarm.ImageView> images() {
		return this.farm.images();
	}

	/** Opens a connected burner's tray: 404 for a UID the farm never saw, 409 for a burner not connected now. */
	@PostMapping("/burners/{uid}/open")
	ResponseEntity<Void> open(@PathVariable String uid) {
		String id = uid.toLowerCase();
		if (!uid.matches("[0-9a-fA-F]{32}") || !this.farm.knowsBurner(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No burner " + uid);
		}
		if (!this.farm.openTray(id)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Burner " + uid + " is not connected");
		}
		return ResponseEntity.accepted().build();
	}

	@PutMapping("/burners/{uid}/name")
	Map<String, String> name(@PathVariable String uid, @Valid @RequestBody NameRequest request) {
		if (!uid.matches("[0-9a-fA-F]{32}") || !this.farm.name(uid.toLowerCase(), request.name())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No burner " + uid);
		}
		return Map.of("uid", uid.toLowerCase(), "name", request.name());
	}

}
