package io.mediafleet.scheduler.console;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Tells {@link ConsoleEvents} of radio configuration changed through the REST admin API: a successful change to
 * {@code /api/admin/radios}, {@code /songs}, {@code /playlists} or {@code /shows} (by an operator's console, which goes
 * through that API, or by a script) announces {@link ConsoleEvents.Topic#RADIOS}, so every open page that shows
 * playlists, songs or a radio's week redraws them. What plays is watched by {@link ConsoleWatch}; this covers what
 * only an operator changes, at no cost while nobody does.
 */
final class ConsoleAdminChanges implements HandlerInterceptor {

	/** Paths under which the radio configuration lives. */
	static final String[] PATHS = { "/api/admin/radios/**", "/api/admin/songs/**", "/api/admin/playlists/**",
			"/api/admin/shows/**" };

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

	private final ConsoleEvents events;

	ConsoleAdminChanges(ConsoleEvents events) {
		this.events = events;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		if (ex == null && !READS.contains(request.getMethod()) && response.getStatus() < 400) {
			this.events.changed(ConsoleEvents.Topic.RADIOS);
		}
	}

}
