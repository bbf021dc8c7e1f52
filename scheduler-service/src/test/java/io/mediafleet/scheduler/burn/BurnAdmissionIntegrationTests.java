package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections that have not identified are cheap and short-lived (issue 19), on the raw wire: they are closed after
 * the identification timeout, they have a budget of their own in which the oldest is shed for a newcomer, and admitted
 * clients are not counted against it. The admitted budget ({@code max-connections}) is smaller than the flood, so
 * before this change the flood alone closed every newcomer.
 */
@SpringBootTest(properties = { "mediafleet.scheduler.burn.port=0", "mediafleet.scheduler.burn.bind-address=127.0.0.1",
		"mediafleet.scheduler.burn.identification-timeout=2s", "mediafleet.scheduler.burn.max-connections=50",
		"mediafleet.scheduler.burn.max-anonymous-connections=100",
		"mediafleet.scheduler.burn.max-anonymous-connections-per-address=40" })
@WithRedis
@WithMongoDb(database = "burn-admission-tests")
class BurnAdmissionIntegrationTests {

	/** The identification timeout above plus generous slack for a loaded machine. */
	private static final Duration CLOSED_WITHIN = Duration.ofSeconds(2 + 8);

	@Autowired
	private BurnLineServer server;

	@Autowired
	private LinkTokens tokens;

	@Autowired
	private MeterRegistry registry;

	private final List<Socket> silent = new ArrayList<>();

	@AfterEach
	void closeSilentSockets() throws IOException {
		for (Socket socket : this.silent) {
			socket.close();
		}
	}

	private RawLineClient authenticated(String type) throws Exception {
		RawLineClient client = new RawLineClient(this.server.localPort());
		assertThat(client.read()).isEqualTo("IDENT\tV1");
		client.send("ID\tV1\t" + type + "\t" + BurnLineProtocolIntegrationTests.hex32());
		client.send("AUTH\t" + BurnLineProtocolIntegrationTests.tokenFor(this.tokens, type));
		assertThat(client.read()).isEqualTo("CAPAB");
		return client;
	}

	/** Reads what the server sends until it closes; fails the await if it is still open. */
	private static String readUntilClosed(Socket socket) throws IOException {
		socket.setSoTimeout((int) CLOSED_WITHIN.toMillis());
		InputStream in = socket.getInputStream();
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	@Test
	void aSilentSocketIsClosedAfterTheIdentificationTimeout() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.server.localPort())) {
			long started = System.nanoTime();
			String received = readUntilClosed(socket);
			Duration open = Duration.ofNanos(System.nanoTime() - started);
			assertThat(received).isEqualTo("IDENT\tV1\r\n\r\nERROR\tTIMEOUT\tno ID in time; closing\r\n\r\n");
			assertThat(open).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(CLOSED_WITHIN);
		}
	}

	@Test
	void anIdentifiedClientThatNeverAuthenticatesAndOneDribblingBytesAreClosedAtTheSameDeadline() throws Exception {
		try (Socket identified = new Socket("127.0.0.1", this.server.localPort());
				Socket dribbling = new Socket("127.0.0.1", this.server.localPort())) {
			identified.getOutputStream().write(("ID\tV1\tCOMMAND\t" + BurnLineProtocolIntegrationTests.hex32() + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			Thread dribbler = Thread.ofVirtual().start(() -> {
				try {
					for (byte b : "ID\tV1\tCOMMAND\t".getBytes(StandardCharsets.UTF_8)) {
						dribbling.getOutputStream().write(b);
						Thread.sleep(300);
					}
				}
				catch (IOException | InterruptedException ex) {
					// closed by the server, as expected
				}
			});
			assertThat(readUntilClosed(identified)).endsWith("ERROR\tTIMEOUT\tno AUTH in time; closing\r\n\r\n");
			assertThat(readUntilClosed(dribbling)).endsWith("ERROR\tTIMEOUT\tno ID in time; closing\r\n\r\n");
			dribbler.interrupt();
		}
	}

	@Test
	void aBurnerAndACommandClientGetInWhileHundredsOfSilentSocketsAreOpenAndAdmittedClientsStay() throws Exception {
		String hash = BurnLineProtocolIntegrationTests.hex32();
		try (RawLineClient display = authenticated("DISPLAY")) {
			for (int i = 0; i < 300; i++) {
				this.silent.add(new Socket("127.0.0.1", this.server.localPort()));
			}
			// The flood is held within its budgets: the oldest were shed, the admitted display was not.
			Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> this.server.anonymousConnections() <= 40 && this.server.admittedConnections() >= 1);

			try (RawLineClient burner = authenticated("BURNDVD"); RawLineClient command = authenticated("COMMAND")) {
				burner.send("CAP\tBURNDVD\t" + hash);
				assertThat(burner.read()).isEqualTo("WHATIS\t" + hash);
				command.send("QUEUE\t" + hash + "\t4");
				assertThat(command.read()).isEqualTo("QOK");
				command.send("QREPORT");
				assertThat(command.read()).contains(hash + "\t4");
				command.send("QCLEAR");
				assertThat(command.read()).isEqualTo("QOK");
			}
			display.send("QREPORT");
			assertThat(display.readStartingWith("QLIST")).startsWith("QLIST");
		}
		for (Socket socket : this.silent) {
			// Each one is closed (a socket still open fails the read with SocketTimeoutException): shed for a
			// newcomer, without a word beyond IDENT if it got that far, or at its deadline with ERROR TIMEOUT.
			assertThat(readUntilClosed(socket)).matches("(?s)(IDENT\tV1\r\n\r\n(ERROR\tTIMEOUT\t.*)?)?");
		}
		double shed = this.registry.get("mediafleet.burn.tcp.connections").tag("event", "shed").counter().count();
		double timedOut = this.registry.get("mediafleet.burn.tcp.connections").tag("event", "timeout").counter().count();
		assertThat(shed).as("silent sockets shed for newcomers").isPositive();
		assertThat(shed + timedOut).as("silent sockets shed or timed out").isGreaterThanOrEqualTo(300);
	}

}
