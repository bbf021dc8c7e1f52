package io.mediafleet.scheduler.simul;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Admission to a simul bus, driven with a hand-held clock: per-address and overall limits on pending connections,
 * pending turning established once the handshake time has passed, and places freed when connections close.
 */
class BusAdmissionTests {

	private static final Duration HANDSHAKE = Duration.ofSeconds(3);

	private static final long PENDING_NANOS = HANDSHAKE.plus(BusAdmission.PENDING_MARGIN).toNanos();

	private static final InetAddress ATTACKER = address(127, 0, 0, 2);

	private static final InetAddress SLAVE = address(127, 0, 0, 1);

	private final BusAdmission admission = new BusAdmission(new BusAdmission.Limits(2, 3, 4, HANDSHAKE));

	@Test
	void oneAddressGetsNoMoreThanItsPendingPlacesWhileAnotherAddressIsStillAdmitted() {
		assertThat(this.admission.admit(ATTACKER, 0)).isNotNull();
		assertThat(this.admission.admit(ATTACKER, 0)).isNotNull();

		assertThat(this.admission.admit(ATTACKER, 0)).isNull();
		assertThat(this.admission.admit(SLAVE, 0)).isNotNull();
		assertThat(this.admission.refused(BusAdmission.Refusal.ADDRESS)).isEqualTo(1);
	}

	@Test
	void pendingPlacesInAllAreSharedByEveryAddress() {
		this.admission.admit(ATTACKER, 0);
		this.admission.admit(ATTACKER, 0);
		this.admission.admit(address(10, 0, 0, 1), 0);

		assertThat(this.admission.admit(SLAVE, 0)).isNull();
		assertThat(this.admission.refused(BusAdmission.Refusal.PENDING)).isEqualTo(1);
	}

	@Test
	void closingAPendingConnectionFreesItsPlaceAtOnce() {
		BusAdmission.Ticket first = this.admission.admit(ATTACKER, 0);
		this.admission.admit(ATTACKER, 0);

		this.admission.release(first);
		this.admission.release(first);

		assertThat(this.admission.admit(ATTACKER, 1)).isNotNull();
		assertThat(this.admission.pending()).isEqualTo(2);
		assertThat(this.admission.connections()).isEqualTo(2);
	}

	@Test
	void aConnectionStillOpenAfterTheHandshakeTimeIsEstablishedAndNoLongerPending() {
		BusAdmission.Ticket slave = this.admission.admit(ATTACKER, 0);
		this.admission.admit(ATTACKER, 1_000);

		assertThat(this.admission.settle(PENDING_NANOS - 1)).isEqualTo(1);
		assertThat(slave.pending()).isTrue();
		assertThat(this.admission.settle(PENDING_NANOS)).isEqualTo(1_000);

		assertThat(slave.pending()).isFalse();
		assertThat(this.admission.pending()).isEqualTo(1);
		assertThat(this.admission.connections()).isEqualTo(2);
		assertThat(this.admission.admit(ATTACKER, PENDING_NANOS)).isNotNull();
	}

	@Test
	void nothingPendingMeansNothingToWaitFor() {
		assertThat(this.admission.settle(0)).isEqualTo(Long.MAX_VALUE);
		BusAdmission.Ticket ticket = this.admission.admit(SLAVE, 0);
		this.admission.release(ticket);

		assertThat(this.admission.settle(1)).isEqualTo(Long.MAX_VALUE);
		assertThat(this.admission.pendingAddresses()).isZero();
	}

	@Test
	void establishedConnectionsCountAgainstTheOverallLimitUntilTheyClose() {
		List<BusAdmission.Ticket> established = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			established.add(this.admission.admit(address(10, 0, 0, i + 1), i * PENDING_NANOS));
		}
		long later = 4 * PENDING_NANOS;
		this.admission.settle(later);
		assertThat(this.admission.pending()).isZero();

		assertThat(this.admission.admit(SLAVE, later)).isNull();
		assertThat(this.admission.refused(BusAdmission.Refusal.CONNECTIONS)).isEqualTo(1);
		this.admission.release(established.get(0));
		assertThat(this.admission.admit(SLAVE, later)).isNotNull();
	}

	@Test
	void limitsMustNestAndTheHandshakeTimeMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BusAdmission.Limits(0, 1, 1, HANDSHAKE));
		assertThatIllegalArgumentException().isThrownBy(() -> new BusAdmission.Limits(4, 2, 8, HANDSHAKE));
		assertThatIllegalArgumentException().isThrownBy(() -> new BusAdmission.Limits(1, 8, 4, HANDSHAKE));
		assertThatIllegalArgumentException().isThrownBy(() -> new BusAdmission.Limits(1, 1, 1, Duration.ZERO));
	}

	private static InetAddress address(int a, int b, int c, int d) {
		try {
			return InetAddress.getByAddress(new byte[] { (byte) a, (byte) b, (byte) c, (byte) d });
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
