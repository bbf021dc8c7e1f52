package io.mediafleet.scheduler.burn;

import java.time.Duration;

import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The burn port's {@code AUTH} extension with the default settings, on the raw wire: every kind of client must
 * authenticate with a link JWT of the right role before it is served; a refused command gets {@code ERROR AUTH} and the
 * connection stays usable.
 */
@SpringBootTest(properties = { "mediafleet.scheduler.burn.port=0", "mediafleet.scheduler.burn.bind-address=127.0.0.1" })
@WithRedis
@WithMongoDb(database = "burn-authentication-tests")
class BurnAuthenticationIntegrationTests {

	@Autowired
	private BurnLineServer server;

	@Autowired
	private LinkTokens tokens;

	private RawLineClient identified(String type) throws Exception {
		RawLineClient client = new RawLineClient(this.server.localPort());
		assertThat(client.read()).isEqualTo("IDENT\tV1");
		client.send("ID\tV1\t" + type + "\t" + BurnLineProtocolIntegrationTests.hex32());
		return client;
	}

	@Test
	void anonymousCommandsAreRefusedWithErrorAuthAndTheSameConnectionWorksOnceAuthenticated() throws Exception {
		try (RawLineClient command = identified("COMMAND")) {
			for (String refused : new String[] { "QUEUE\t" + BurnLineProtocolIntegrationTests.hex32() + "\t5", "QCLEAR",
					"NAME\t" + BurnLineProtocolIntegrationTests.hex32() + "\tRack 1", "OPEN", "QREPORT" }) {
				command.send(refused);
				assertThat(command.read()).as(refused).startsWith("ERROR\tAUTH\t");
			}
			command.send("AUTH\t" + this.tokens.mint("cli", "control", null, Duration.ofMinutes(5)));
			assertThat(command.read()).isEqualTo("CAPAB");
			command.send("QCLEAR");
			assertThat(command.read()).isEqualTo("QOK");
			command.send("QREPORT");
			assertThat(command.read()).isEqualTo("QLIST");
		}
	}

	@Test
	void authenticatedCommandClientQueuesAnImageABurnerAnnounced() throws Exception {
		String hash = BurnLineProtocolIntegrationTests.hex32();
		try (RawLineClient burner = identified("BURNDVD"); RawLineClient command = identified("COMMAND")) {
			burner.send("AUTH\t" + this.tokens.mint("burner", "slave", null, Duration.ofMinutes(5)));
			assertThat(burner.read()).isEqualTo("CAPAB");
			burner.send("CAP\tBURNDVD\t" + hash);
			assertThat(burner.read()).isEqualTo("WHATIS\t" + hash);
			command.send("AUTH\t" + this.tokens.mint("cli", "control", null, Duration.ofMinutes(5)));
			assertThat(command.read()).isEqualTo("CAPAB");
			command.send("QUEUE\t" + hash + "\t5");
			assertThat(command.read()).isEqualTo("QOK");
			command.send("QCLEAR");
			assertThat(command.read()).isEqualTo("QOK");
		}
	}

	@Test
	void aTokenOfTheWrongRoleAnExpiredOneAndAForgedOneAreRefused() throws Exception {
		try (RawLineClient command = identified("COMMAND"); RawLineClient burner = identified("BURNCDR")) {
			command.send("AUTH\t" + this.tokens.mint("burner", "slave", null, Duration.ofMinutes(5)));
			assertThat(command.read()).isEqualTo("ERROR\tAUTH\tCOMMAND needs a control token, this one is slave");
			command.send("AUTH\t" + this.tokens.mint("cli", "control", null, Duration.ofMinutes(-1)));
			assertThat(command.read()).isEqualTo("ERROR\tAUTH\ttoken invalid or expired");
			String valid = this.tokens.mint("cli", "control", null, Duration.ofMinutes(5));
			command.send("AUTH\t" + valid.substring(0, valid.length() - 2) + "xx");
			assertThat(command.read()).isEqualTo("ERROR\tAUTH\ttoken invalid or expired");
			command.send("QUEUE\t" + BurnLineProtocolIntegrationTests.hex32() + "\t1");
			assertThat(command.read()).startsWith("ERROR\tAUTH\t");

			burner.send("AUTH\t" + this.tokens.mint("cli", "control", null, Duration.ofMinutes(5)));
			assertThat(burner.read()).isEqualTo("ERROR\tAUTH\tBURNCDR needs a slave token, this one is control");
			burner.send("STATUS\tCDR\tAVAIL");
			assertThat(burner.read()).startsWith("ERROR\tAUTH\t");
		}
	}

	@Test
	void displaysMustAuthenticateByDefaultBeforeTheyHearAnything() throws Exception {
		try (RawLineClient display = identified("DISPLAY")) {
			display.send("SREPORT");
			assertThat(display.read()).startsWith("ERROR\tAUTH\t");
			display.send("AUTH\t" + this.tokens.mint("watch", "control", null, Duration.ofMinutes(5)));
			assertThat(display.read()).isEqualTo("CAPAB");
			display.send("SREPORT");
			assertThat(display.readStartingWith("SLIST")).startsWith("SLIST");
		}
	}

	@Test
	void authBeforeIdIsAStateErrorAndCloses() throws Exception {
		try (RawLineClient client = new RawLineClient(this.server.localPort())) {
			assertThat(client.read()).isEqualTo("IDENT\tV1");
			client.send("AUTH\t" + this.tokens.mint("cli", "control", null, Duration.ofMinutes(5)));
			assertThat(client.read()).startsWith("ERROR\tSTATE\t");
			assertThat(client.read()).isNull();
		}
	}

	@Test
	void aClientThatKeepsSendingUnauthenticatedCommandsIsClosedAfterAFewRefusals() throws Exception {
		try (RawLineClient command = identified("COMMAND")) {
			for (int i = 0; i < BurnLineSession.MAX_REFUSALS_BEFORE_ADMISSION; i++) {
				command.send("QREPORT");
				assertThat(command.read()).startsWith("ERROR\tAUTH\t");
			}
			assertThat(command.read()).startsWith("ERROR\tPROTO\t");
			assertThat(command.read()).isNull();
		}
	}

}
