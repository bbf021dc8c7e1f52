package io.mediafleet.scheduler.simul;

/**
 * An operator's simul command that cannot be carried out now, e.g. {@code !start} while no simul is ready;
 * the message is written for the operator.
 */
public final class SimulCommandException extends RuntimeException {

	SimulCommandException(String message) {
		super(message);
	}

}
