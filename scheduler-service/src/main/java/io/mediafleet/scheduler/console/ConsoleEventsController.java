package io.mediafleet.scheduler.console;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /console/events}: a page's live connection (see {@link ConsoleEvents}). */
@Controller
final class ConsoleEventsController {

	private final ConsoleEvents events;

	ConsoleEventsController(ConsoleEvents events) {
		this.events = events;
	}

	@GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		SseEmitter emitter = this.events.open();
		if (emitter == null) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many consoles are open");
		}
		return emitter;
	}

}
