package io.mediafleet.scheduler.simul;

import io.mediafleet.player.simul.SimulSlave;
import io.mediafleet.schema.simul.CurveKey;

/**
 * Fixed CURVE key pairs for tests: the two pairs of the {@code zmq_curve(7)} manual's example, so a failure can be
 * reproduced with libzmq by hand. Never use them outside tests.
 */
public final class SimulTestKeys {

	/** The master's secret key; its public key is {@link #MASTER_PUBLIC}. */
	public static final String MASTER_SECRET = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";

	public static final String MASTER_PUBLIC = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";

	/** A slave's secret key that the master lists (by {@link #SLAVE_PUBLIC}). */
	public static final String SLAVE_SECRET = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs";

	public static final String SLAVE_PUBLIC = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";

	private SimulTestKeys() {
	}

	/** A player agent's keys: the master's public key and the listed slave secret key. */
	public static SimulSlave.Curve listedSlave() {
		return new SimulSlave.Curve(CurveKey.fromZ85(MASTER_PUBLIC), CurveKey.fromZ85(SLAVE_SECRET));
	}

}
