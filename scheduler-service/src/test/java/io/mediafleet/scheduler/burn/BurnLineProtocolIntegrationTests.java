package io.mediafleet.scheduler.burn;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;

import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Speaks the line protocol of docs/protocols/burn.md over a plain socket and checks every documented reply.
 */
@SpringBootTest(properties = { "mediafleet.scheduler.burn.port=0", "mediafleet.scheduler.burn.bind-address=127.0.0.1" })
@WithRedis
@WithMongoDb(database = "burn-line-protocol-tests")
class BurnLineProtocolIntegrationTests {

	private static final SecureRandom random = new SecureRandom();

	@Autowired
	private BurnLineServer server;

	@Autowired
	private LinkTokens tokens;

	/** The token a client of {@code type} authenticates with: control for front ends, slave for burners. */
	static String tokenFor(LinkTokens tokens, String type) {
		String role = (type.equals("COMMAND") || type.equals("DISPLAY")) ? "control" : "slave";
		return tokens.mint("burn-test", role, null, Duration.ofMinutes(5));
	}

	static String hex32() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private RawLineClient connect(String type, String uid) throws Exception {
		RawLineClient client = new RawLineClient(this.server.localPort());
		assertThat(client.read()).isEqualTo("IDENT\tV1");
		client.send("ID\tV1\t" + type + "\t" + uid);
		client.send("AUTH\t" + tokenFor(this.tokens, type));
		assertThat(client.read()).isEqualTo("CAPAB");
		return client;
	}

	private RawLineClient burnerHolding(String uid, String hash) throws Exception {
		RawLineClient burner = connect("BURNDVD", uid);
		burner.send("CAP\tBURNDVD\t" + hash);
		assertThat(burner.read()).isEqualTo("WHATIS\t" + hash);
		burner.send("INFO\t" + hash + "\tdemo.iso\tA demo image");
		burner.send("STATUS\tDVD\tEMPTY");
		return burner;
	}

	private static void awaitBurnerState(RawLineClient command, String uid, String state) {
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			command.send("SREPORT");
			return command.read().contains(uid + "\t-\t" + state);
		});
	}

	@Test
	void commandClientGetsTheDocumentedRepliesAndBadInputLeavesTheQueueUnchanged() throws Exception {
		String burnerUid = hex32();
		String hash = hex32();
		try (RawLineClient burner = burnerHolding(burnerUid, hash); RawLineClient command = connect("COMMAND", hex32())) {
			command.send("QCLEAR");
			assertThat(command.read()).isEqualTo("QOK");
			command.send("QUEUE\t" + hash + "\t5");
			assertThat(command.read()).isEqualTo("QOK");
			command.send("QREPORT");
			String list = command.read();
			assertThat(list).matches("QLIST\r\n\\d+\t" + hash + "\t5");

			command.send("QUEUE\t" + hex32() + "\t1");
			assertThat(command.read()).isEqualTo("QNO");
			command.send("QUEUE\t" + hash + "\tsoon");
			assertThat(command.read()).startsWith("ERROR\tBADMSG\t");
			command.send("QUEUE\tnot-a-hash\t1");
			assertThat(command.read()).startsWith("ERROR\tBADMSG\t");
			command.send("FROBNICATE\tnow");
			assertThat(command.read()).startsWith("ERROR\tBADMSG\t");
			command.send("BURN\t" + hash);
			assertThat(command.read()).startsWith("ERROR\tSTATE\t");
			command.send("NAME\t" + hex32() + "\tnobody");
			assertThat(command.read()).startsWith("ERROR\tUNKNOWN\t");
			command.send("QREPORT");
			assertThat(command.read()).isEqualTo(list);

			awaitBurnerState(command, burnerUid, "EMPTY");
			command.send("WHATIS\t" + hash);
			assertThat(command.read()).isEqualTo("INFO\t" + hash + "\tdemo.iso\tA demo image");
			command.send("WHAT\t" + hex32().toUpperCase());
			assertThat(command.read()).startsWith("INFO\tENOIDEA");
			command.send("ASKCAPAB");
			assertThat(command.read()).startsWith("CAP\tBURNDVD").contains(hash);
			command.send("NAME\t" + burnerUid + "\tRack 2, top drive");
			assertThat(command.read()).isEqualTo("QOK");
			command.send("QCLEAR");
			assertThat(command.read()).isEqualTo("QOK");
			command.send("QREPORT");
			assertThat(command.read()).isEqualTo("QLIST");
		}
	}

	@Test
	void burnerIsSentBurnWhenAvailAndDisplaySeesEveryStateChange() throws Exception {
		String burnerUid = hex32();
		String hash = hex32();
		try (RawLineClient burner = burnerHolding(burnerUid, hash);
				RawLineClient display = connect("DISPLAY", hex32());
				RawLineClient command = connect("COMMAND", hex32())) {
			display.send("QUEUE\t" + hash + "\t1");
			assertThat(display.readStartingWith("ERROR")).startsWith("ERROR\tDENIED\t");
			command.send("QUEUE\t" + hash + "\t3");
			assertThat(command.read()).isEqualTo("QOK");
			burner.send("STATUS\tDVD\tAVAIL");
			assertThat(burner.read()).isEqualTo("BURN\t" + hash);
			burner.send("STATUS\t" + hash + "\t0");
			burner.send("STATUS\t" + hash + "\t50%");
			burner.send("STATUS\t" + hash + "\t100\tTIME\t2.5");
			burner.send("STATUS\t" + hash + "\tPASS");
			assertThat(burner.read()).isEqualTo("OPEN");
			burner.send("STATUS\tDVD\tOPEN");
			List<String> seen = new ArrayList<>();
			while (!seen.contains("OPEN")) {
				String line = display.readStartingWith("SLIST\r\n" + burnerUid);
				seen.add(line.substring(line.lastIndexOf('\t') + 1));
			}
			assertThat(seen).containsSubsequence("AVAIL", "ASKED", "BURN", "CHECKING", "PASS", "OPEN");
			command.send("QREPORT");
			assertThat(command.read()).doesNotContain(hash);
		}
	}

	@Test
	void anIdleReportThatCrossedTheBurnOnTheWireDoesNotGiveTheJobOutAgain() throws Exception {
		// Fault matrix run 10, cell 16: the agent's periodic idle report left just before BURN arrived; the farm took
		// it for a burner that dropped its job, requeued it and sent BURN again while the first copy was burning:
		// BUSY, the burn's verdict ignored, a third disc for a two-copy job.
		String burnerUid = hex32();
		String hash = hex32();
		try (RawLineClient burner = burnerHolding(burnerUid, hash); RawLineClient command = connect("COMMAND", hex32())) {
			command.send("QUEUE\t" + hash + "\t3");
			assertThat(command.read()).isEqualTo("QOK");
			burner.send("STATUS\tDVD\tAVAIL");
			assertThat(burner.read()).isEqualTo("BURN\t" + hash);
			burner.send("STATUS\tDVD\tAVAIL");
			burner.send("STATUS\t" + hash + "\t0");
			burner.send("STATUS\t" + hash + "\t100\tTIME\t2.5");
			burner.send("STATUS\t" + hash + "\tPASS");
			assertThat(burner.read()).as("the verdict answered, no second BURN").isEqualTo("OPEN");
			command.send("QREPORT");
			assertThat(command.read()).doesNotContain(hash);
		}
	}

	@Test
	void frontEndsAnsweringCapabWithABareCapAreServedLikeTheOriginalClients() throws Exception {
		for (String type : new String[] { "COMMAND", "DISPLAY" }) {
			try (RawLineClient client = connect(type, hex32())) {
				client.send("CAP");
				client.send("QREPORT");
				// Until the answer to QREPORT, nothing is an ERROR about the CAP (a display may get pushes first).
				String message;
				do {
					message = client.read();
					assertThat(message).isNotNull().doesNotStartWith("ERROR");
				}
				while (!message.startsWith("QLIST"));
			}
		}
	}

	@Test
	void anythingBeforeIdGetsStateErrorAndTheConnectionCloses() throws Exception {
		try (RawLineClient client = new RawLineClient(this.server.localPort())) {
			assertThat(client.read()).isEqualTo("IDENT\tV1");
			client.send("QREPORT");
			assertThat(client.read()).startsWith("ERROR\tSTATE\t");
			assertThat(client.read()).isNull();
		}
	}

	@Test
	void oversizedLineGetsProtoErrorAndTheConnectionCloses() throws Exception {
		try (RawLineClient client = connect("COMMAND", hex32())) {
			client.sendRaw("QUEUE\t" + "a".repeat(20_000));
			assertThat(client.read()).startsWith("ERROR\tPROTO\t");
			assertThat(client.read()).isNull();
		}
	}

}
