package io.mediafleet.scheduler.burn;

import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed-style anonymous clients are served when they connect from a network listed in
 * {@code mediafleet.scheduler.burn.auth.anonymous-networks}, exactly as the seed's protocol runs (no {@code AUTH}).
 */
@SpringBootTest(properties = { "mediafleet.scheduler.burn.port=0", "mediafleet.scheduler.burn.bind-address=127.0.0.1",
		"mediafleet.scheduler.burn.auth.anonymous-networks=10.0.0.0/8,127.0.0.0/8" })
@WithRedis
@WithMongoDb(database = "burn-anonymous-networks-tests")
class BurnAnonymousNetworksIntegrationTests {

	@Autowired
	private BurnLineServer server;

	@Test
	void anonymousBurnerAndCommandClientFromAListedNetworkAreServedWithoutAuth() throws Exception {
		String hash = BurnLineProtocolIntegrationTests.hex32();
		try (RawLineClient burner = new RawLineClient(this.server.localPort());
				RawLineClient command = new RawLineClient(this.server.localPort())) {
			assertThat(burner.read()).isEqualTo("IDENT\tV1");
			burner.send("ID\tV1\tBURNDVD\t" + BurnLineProtocolIntegrationTests.hex32());
			assertThat(burner.read()).isEqualTo("CAPAB");
			burner.send("CAP\tBURNDVD\t" + hash);
			assertThat(burner.read()).isEqualTo("WHATIS\t" + hash);

			assertThat(command.read()).isEqualTo("IDENT\tV1");
			command.send("ID\tV1\tCOMMAND\t" + BurnLineProtocolIntegrationTests.hex32());
			assertThat(command.read()).isEqualTo("CAPAB");
			command.send("QUEUE\t" + hash + "\t3");
			assertThat(command.read()).isEqualTo("QOK");
			command.send("QCLEAR");
			assertThat(command.read()).isEqualTo("QOK");
		}
	}

}
