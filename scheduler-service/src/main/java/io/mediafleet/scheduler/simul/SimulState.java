package io.mediafleet.scheduler.simul;

/**
 * Where the master's current simul is in its lifecycle.
 */
public enum SimulState {

	/** No simul asked for yet. */
	IDLE,

	/** {@code simul-file} sent; not every live slave has reported the file with the same md5. */
	LOCATING,

	/** Every live slave has the file with the same md5: {@code !start} may go. */
	READY,

	/** {@code simul-start} sent; waiting for every slave's answer. */
	STARTING,

	/** At least one slave started; the start window is over or every slave answered. */
	PLAYING,

	/** Every slave that started reported {@code simul-playcompleted}. */
	COMPLETED,

	/** {@code simul-start} went out and no slave started within the timeout. */
	FAILED,

	/** {@code simul-stop} sent. The files stay located, so the simul may be started again. */
	STOPPED

}
