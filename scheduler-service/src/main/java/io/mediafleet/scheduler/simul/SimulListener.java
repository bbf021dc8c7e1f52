package io.mediafleet.scheduler.simul;

/**
 * Receives the master's announcements (readiness, mismatches, starts, failures, completions), e.g. to post
 * them on IRC. Called on the master's threads: implementations must return quickly.
 */
@FunctionalInterface
public interface SimulListener {

	/** One line of news for people watching, e.g. {@code simul film.mkv is ready on 3 slaves}. */
	void announce(String text);

}
