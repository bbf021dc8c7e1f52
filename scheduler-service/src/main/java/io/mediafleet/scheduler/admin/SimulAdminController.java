package io.mediafleet.scheduler.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mediafleet.schema.simul.SimulFile;
import io.mediafleet.scheduler.simul.SimulCommandException;
import io.mediafleet.scheduler.simul.SimulMaster;
import io.mediafleet.scheduler.simul.SimulStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST admin API of the simul master: the same operations as the IRC bot ({@code !simul}, {@code !start},
 * {@code !stop}, {@code !status}, {@code !slaves}).
 *
 * <p>{@link AdminTokenFilter} guards it like every {@code /api/admin} endpoint.
 */
@RestController
@ConditionalOnBooleanProperty(name = "mediafleet.scheduler.simul.enabled", matchIfMissing = true)
@RequestMapping("/api/admin/simul")
final class SimulAdminController {

	static final String SOURCE = "rest";

	private final SimulMaster master;

	SimulAdminController(SimulMaster master) {
		this.master = master;
	}

	/**
	 * Body of {@code POST /file}.
	 *
	 * @param filename the file every slave should look for
	 * @param dest one slave to ask again about the current simul's file, or {@code null} for a new simul
	 */
	record FileRequest(@Nullable String filename, @Nullable String dest) {
	}

	@GetMapping
	SimulStatus status() {
		return this.master.status();
	}

	@GetMapping("/slaves")
	List<SimulStatus.SlaveStatus> slaves() {
		return this.master.status().slaves();
	}

	@PostMapping("/file")
	ResponseEntity<SimulStatus> file(@RequestBody FileRequest request) {
		if (request.filename() == null) {
			throw new BadRequest("missing required field 'filename'");
		}
		try {
			// The schema's rules for names apply before anything is published.
			new SimulFile(request.dest(), request.filename());
		}
		catch (RuntimeException ex) {
			throw new BadRequest(ex.getMessage());
		}
		this.master.simulFile(request.filename(), request.dest(), SOURCE);
		return ResponseEntity.accepted().body(this.master.status());
	}

	@PostMapping("/start")
	Map<String, Instant> start() {
		return Map.of("at", this.master.start(SOURCE));
	}

	@PostMapping("/stop")
	SimulStatus stop() {
		this.master.stop(SOURCE);
		return this.master.status();
	}

	@ExceptionHandler(SimulCommandException.class)
	ResponseEntity<Map<String, String>> conflict(SimulCommandException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler(BadRequest.class)
	ResponseEntity<Map<String, String>> badRequest(BadRequest ex) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	private static final class BadRequest extends RuntimeException {

		BadRequest(@Nullable String message) {
			super(message);
		}

	}

}
