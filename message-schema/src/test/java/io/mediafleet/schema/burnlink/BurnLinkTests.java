package io.mediafleet.schema.burnlink;

import java.util.List;

import io.mediafleet.schema.burn.BurnerState;
import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.schema.burn.DriveState;
import io.mediafleet.schema.burn.Media;
import io.mediafleet.schema.burn.Verdict;
import io.mediafleet.schema.link.Endpoint;
import io.mediafleet.schema.link.LinkCodec;
import io.mediafleet.schema.link.LinkCodecException;
import io.mediafleet.schema.link.LinkMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BurnLinkTests {

	private static final String HASH = "d41d8cd98f00b204e9800998ecf8427e";

	private final LinkCodec codec = new LinkCodec(BurnLink.catalogue());

	@Test
	void burnerEventsRoundTripFromSlaveToMaster() {
		BurnLink.BurnerCapabilities capabilities = new BurnLink.BurnerCapabilities(HASH, BurnerType.BURNDVD,
				List.of(new BurnLink.Image(HASH.toUpperCase(), "a.iso", "demo", 2048)));
		String text = this.codec.encode(BurnLink.catalogue().message(3, capabilities));
		assertThat(text).isEqualTo("{\"seq\":3,\"type\":\"burner_capabilities_event\",\"data\":{\"uid\":\"" + HASH
				+ "\",\"burner_type\":\"BURNDVD\",\"images\":[{\"hash\":\"" + HASH
				+ "\",\"file_name\":\"a.iso\",\"description\":\"demo\",\"size_bytes\":2048}]}}");
		LinkMessage decoded = this.codec.decode(text, Endpoint.MASTER, Endpoint.SLAVE);
		assertThat(decoded.data()).isEqualTo(capabilities);
	}

	@Test
	void idleAndVerdictCarryTheLineProtocolsWireWords() {
		BurnLink.BurnerIdle idle = new BurnLink.BurnerIdle(Media.CDR, DriveState.EMPTY);
		String text = this.codec.encode(BurnLink.catalogue().message(4, idle));
		assertThat(text).isEqualTo(
				"{\"seq\":4,\"type\":\"burner_status_event\",\"data\":{\"media\":\"CDR\",\"drive_state\":\"EMPTY\"}}");
		assertThat(this.codec.decode(text, Endpoint.MASTER, Endpoint.SLAVE).data()).isEqualTo(idle);
		BurnLink.BurnVerified verified = new BurnLink.BurnVerified(HASH, Verdict.FAIL);
		String verdict = this.codec.encode(BurnLink.catalogue().message(5, verified));
		assertThat(verdict).contains("\"verdict\":\"FAIL\"");
		assertThat(this.codec.decode(verdict, Endpoint.MASTER, Endpoint.SLAVE).data()).isEqualTo(verified);
	}

	@Test
	void aBurnerChangeCarriesItsStateAndTransportAsWireWordsAndRefusesOthers() {
		BurnLink.BurnerInfo burning = new BurnLink.BurnerInfo(HASH, "left", HASH, BurnerState.BURN,
				BurnerTransport.LINK, 40);
		String text = this.codec.encode(BurnLink.catalogue().message(6, burning));
		assertThat(text).isEqualTo("{\"seq\":6,\"type\":\"burner_changed_event\",\"data\":{\"uid\":\"" + HASH
				+ "\",\"name\":\"left\",\"hash\":\"" + HASH
				+ "\",\"state\":\"BURN\",\"transport\":\"link\",\"percent\":40}}");
		assertThat(this.codec.decode(text, Endpoint.CONTROL, Endpoint.MASTER).data()).isEqualTo(burning);
		String gone = "{\"seq\":7,\"type\":\"burner_changed_event\",\"data\":{\"uid\":\"" + HASH
				+ "\",\"name\":\"\",\"hash\":null,\"state\":\"DISCONN\",\"transport\":null,\"percent\":null}}";
		assertThat(this.codec.decode(gone, Endpoint.CONTROL, Endpoint.MASTER).data()).isEqualTo(
				new BurnLink.BurnerInfo(HASH, "", null, BurnerState.DISCONN, null));
		for (String bad : new String[] { "\"state\":\"burn\",\"transport\":\"tcp\"",
				"\"state\":\"BURN\",\"transport\":\"TCP\"", "\"state\":\"SMOKING\",\"transport\":\"tcp\"",
				"\"transport\":\"tcp\"" }) {
			assertThatExceptionOfType(LinkCodecException.class)
				.isThrownBy(() -> this.codec.decode("{\"seq\":8,\"type\":\"burner_changed_event\",\"data\":{\"uid\":\""
						+ HASH + "\",\"name\":\"\"," + bad + "}}", Endpoint.CONTROL, Endpoint.MASTER));
		}
	}

	@Test
	void burnRequestGoesFromMasterToSlaveOnly() {
		String text = this.codec.encode(BurnLink.catalogue().message(1, new BurnLink.BurnOrder(HASH)));
		assertThat(this.codec.decode(text, Endpoint.SLAVE, Endpoint.MASTER).data())
			.isEqualTo(new BurnLink.BurnOrder(HASH));
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode(text, Endpoint.MASTER, Endpoint.CONTROL));
	}

	@Test
	void badHashesAndVerdictsAreRejectedNamingTheField() {
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode(
					"{\"seq\":1,\"type\":\"queue_add_request\",\"data\":{\"hash\":\"xyz\",\"priority\":1}}",
					Endpoint.MASTER, Endpoint.CONTROL))
			.withMessageContaining("hash");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode("{\"seq\":1,\"type\":\"burn_verified_event\",\"data\":{\"hash\":\""
					+ HASH + "\",\"verdict\":\"MAYBE\"}}", Endpoint.MASTER, Endpoint.SLAVE))
			.withMessageContaining("verdict");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode("{\"seq\":1,\"type\":\"burner_status_event\",\"data\":{\"media\":\"CDR\","
					+ "\"drive_state\":\"AJAR\"}}", Endpoint.MASTER, Endpoint.SLAVE))
			.withMessageContaining("drive state");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode("{\"seq\":1,\"type\":\"burner_status_event\",\"data\":{\"media\":\"CDR\"}}",
					Endpoint.MASTER, Endpoint.SLAVE))
			.withMessageContaining("drive_state");
	}

}
