package io.mediafleet.scheduler.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mediafleet.schema.simul.SimulFile;
import io.mediafleet.scheduler.simul.LatePolicy;
import io.mediafleet.scheduler.simul.SeekPosition;
import io.mediafleet.scheduler.simul.SimulCommandException;
import io.mediafleet.scheduler.simul.SimulMaster;
import io.mediafleet.scheduler.simul.SimulStatus;
import io.mediafleet.scheduler.simul.SyncStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST admin API of the simul master: the same operations as the IRC bot ({@code !simul}, {@code !start},
 * {@code !stop}, {@code !pause}, {@code !resume}, {@code !seek}, {@code !sync}, {@code !status}, {@code !slaves}).
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
	 * @param late what happens to members that are late: {@code wait}, {@code start-without} (default) or
	 * {@code abort}
	 */
	record FileRequest(@Nullable String filename, @Nullable String dest, @Nullable String late) {
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
		LatePolicy policy;
		try {
			policy = (request.late() != null) ? LatePolicy.of(request.late()) : LatePolicy.DEFAULT;
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequest(ex.getMessage());
		}
		this.master.simulFile(request.filename(), request.dest(), SOURCE, policy);
		return ResponseEntity.accepted().body(this.master.status());
	}

	/**
	 * Body of {@code POST /start}, optional.
	 *
	 * @param at when every slave should start (ISO-8601, e.g. {@code 2026-12-06T20:00:00Z}); {@code null} for now
	 * plus the start lead
	 */
	record StartRequest(@Nullable Instant at) {
	}

	@PostMapping("/start")
	Map<String, Instant> start(@RequestBody(required = false) @Nullable StartRequest request) {
		Instant at = (request != null) ? request.at() : null;
		if (at != null && !at.isAfter(Instant.now())) {
			throw new BadRequest("the start instant " + at + " has passed: choose one ahead");
		}
		return Map.of("at", this.master.start(SOURCE, at));
	}

	@PostMapping("/stop")
	SimulStatus stop() {
		this.master.stop(SOURCE);
		return this.master.status();
	}

	@PostMapping("/pause")
	SimulMaster.Transport pause() {
		return this.master.pause(SOURCE);
	}

	@PostMapping("/resume")
	SimulMaster.Transport resume() {
		return this.master.resume(SOURCE);
	}

	/**
	 * Body of {@code POST /seek}: exactly one of the two.
	 *
	 * @param position where to go, as {@code mm:ss}, {@code h:mm:ss} or seconds, with an optional fraction
	 * @param positionMs where to go, in milliseconds
	 */
	record SeekRequest(@Nullable String position, @Nullable Long positionMs) {
	}

	@PostMapping("/seek")
	SimulMaster.Transport seek(@RequestBody SeekRequest request) {
		if ((request.position() == null) == (request.positionMs() == null)) {
			throw new BadRequest("give exactly one of 'position' (mm:ss) and 'positionMs'");
		}
		long positionMs;
		if (request.position() != null) {
			try {
				positionMs = SeekPosition.parseMillis(request.position());
			}
			catch (SimulCommandException ex) {
				throw new BadRequest(ex.getMessage());
			}
		}
		else {
			positionMs = request.positionMs();
			if (positionMs < 0 || positionMs > SeekPosition.MAX_MILLIS) {
				throw new BadRequest("positionMs must be between 0 and " + SeekPosition.MAX_MILLIS);
			}
		}
		return this.master.seek(SOURCE, positionMs);
	}

	@GetMapping("/sync")
	SyncStatus sync() {
		return this.master.sync();
	}

	@ExceptionHandler(SimulCommandException.class)
	ResponseEntity<Map<String, String>> conflict(SimulCommandException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", "request body is not valid JSON for this endpoint"
				+ " (a start instant is ISO-8601 with its zone, e.g. 2026-12-06T20:00:00Z)"));
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
