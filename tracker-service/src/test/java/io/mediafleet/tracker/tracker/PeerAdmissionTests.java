package io.mediafleet.tracker.tracker;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.tracker.Cidr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The admission rules of {@link PeerAdmission}, without sockets; the raw-wire tests show the same on TSP.
 */
class PeerAdmissionTests {

	private final PeerAdmission admission = new PeerAdmission("right",
			List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"), Cidr.parse("192.168.1.7")));

	@Test
	void theRightTokenAdmitsFromAnywhereForAnyAddress() throws Exception {
		assertThat(this.admission.decide("right", ip("203.0.113.9"), PeerAddress.of("streamer-1.example", 7071)))
			.isEqualTo(PeerAdmission.Decision.ADMITTED);
	}

	@Test
	void aWrongTokenIsRefusedEvenFromAnAnonymousNetwork() throws Exception {
		assertThat(this.admission.decide("wrong", ip("10.1.2.3"), null))
			.isEqualTo(new PeerAdmission.Refused("INIT refused: wrong TOKEN"));
		assertThat(this.admission.decide("righ", ip("10.1.2.3"), null)).isInstanceOf(PeerAdmission.Refused.class);
	}

	@Test
	void noTokenIsAdmittedOnlyFromListedNetworksAndOnlyForTheSourceAddress() throws Exception {
		assertThat(this.admission.decide(null, ip("10.1.2.3"), null)).isEqualTo(PeerAdmission.Decision.ADMITTED);
		assertThat(this.admission.decide(null, ip("10.1.2.3"), PeerAddress.of("10.1.2.3", 9000)))
			.isEqualTo(PeerAdmission.Decision.ADMITTED);
		assertThat(this.admission.decide(null, ip("fd00::5"), PeerAddress.of("fd00:0:0:0:0:0:0:5", 9000)))
			.isEqualTo(PeerAdmission.Decision.ADMITTED);
		assertThat(this.admission.decide(null, ip("192.168.1.7"), null)).isEqualTo(PeerAdmission.Decision.ADMITTED);
		assertThat(this.admission.decide(null, ip("192.168.1.8"), null)).isInstanceOf(PeerAdmission.Refused.class);
		assertThat(this.admission.decide(null, ip("11.1.2.3"), null)).isInstanceOf(PeerAdmission.Refused.class);
		assertThat(this.admission.decide(null, null, null)).isInstanceOf(PeerAdmission.Refused.class);
		// another address, or a name the tracker would have to resolve
		assertThat(this.admission.decide(null, ip("10.1.2.3"), PeerAddress.of("10.1.2.4", 9000)))
			.isInstanceOf(PeerAdmission.Refused.class);
		assertThat(this.admission.decide(null, ip("10.1.2.3"), PeerAddress.of("localhost", 9000)))
			.isInstanceOf(PeerAdmission.Refused.class);
	}

	@Test
	void tokenOnlyAdmitsNobodyAnonymously() throws Exception {
		assertThat(PeerAdmission.tokenOnly("t").decide(null, ip("127.0.0.1"), null))
			.isInstanceOf(PeerAdmission.Refused.class);
	}

	@Test
	void badNetworksAreRefusedWithTheEntryNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("tracker.example/8"))
			.withMessageContaining("'tracker.example/8' does not start with an IP address");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.0.0.0/33"))
			.withMessageContaining("prefix longer than 32 bits");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.0.0.0/"))
			.withMessageContaining("no prefix length");
	}

	private static InetAddress ip(String literal) throws Exception {
		return InetAddress.getByName(literal);
	}

}
