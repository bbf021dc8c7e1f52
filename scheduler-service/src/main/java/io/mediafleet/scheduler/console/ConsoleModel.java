package io.mediafleet.scheduler.console;

import java.security.Principal;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page knows (who is signed in, whether a tracker is configured) and what a page shows instead of
 * a stack trace when something fails on the server.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
final class ConsoleModel {

	private static final Log log = LogFactory.getLog(ConsoleModel.class);

	private final TrackerClient tracker;

	ConsoleModel(TrackerClient tracker) {
		this.tracker = tracker;
	}

	@ModelAttribute
	void common(Model model, @Nullable Principal principal) {
		model.addAttribute("operator", (principal != null) ? principal.getName() : null);
		model.addAttribute("trackerConfigured", this.tracker.configured());
	}

	@ExceptionHandler
	String failed(RuntimeException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		log.warn("Console request " + request.getMethod() + " " + request.getRequestURI() + " failed", ex);
		response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
		model.addAllAttributes(Map.of("message",
				"The scheduler could not do this just now (" + ex.getClass().getSimpleName()
						+ "). Nothing was changed by the part that failed; try again, and see the scheduler's log for details."));
		return (request.getHeader("HX-Request") != null) ? "console/layout :: problem" : "console/error";
	}

}
