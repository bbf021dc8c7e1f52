package io.mediafleet.httpguard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link AddressLimitedNioProtocol} in a bare embedded Tomcat on the real wire: connections from one loopback address
 * beyond its limit are closed at accept and counted, another address still gets its answer.
 */
class AddressLimitedNioProtocolIntegrationTests {

	@TempDir
	java.nio.file.Path baseDir;

	private Tomcat tomcat;

	private int port;

	private final AtomicInteger refused = new AtomicInteger();

	@BeforeEach
	void start() throws Exception {
		this.tomcat = new Tomcat();
		this.tomcat.setBaseDir(this.baseDir.toString());
		Connector connector = new Connector(AddressLimitedNioProtocol.class.getName());
		connector.setPort(0);
		connector.setProperty("address", "127.0.0.1");
		AddressLimitedNioProtocol protocol = (AddressLimitedNioProtocol) connector.getProtocolHandler();
		protocol.setMaxConnectionsPerAddress(5);
		protocol.onRefused(this.refused::incrementAndGet);
		this.tomcat.setConnector(connector);
		org.apache.catalina.Context context = this.tomcat.addContext("", this.baseDir.toString());
		Tomcat.addServlet(context, "ok", new jakarta.servlet.http.HttpServlet() {
			@Override
			protected void doGet(jakarta.servlet.http.HttpServletRequest request,
					jakarta.servlet.http.HttpServletResponse response) throws IOException {
				response.getWriter().write("ok");
			}
		});
		context.addServletMappingDecoded("/", "ok");
		this.tomcat.start();
		this.port = connector.getLocalPort();
	}

	@AfterEach
	void stop() throws Exception {
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	private Socket connect(String source) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(source, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
		return socket;
	}

	private static boolean closedSoon(Socket socket) throws IOException {
		socket.setSoTimeout(2000);
		try {
			return socket.getInputStream().read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Test
	void connectionsBeyondAnAddressesLimitAreClosedAtAcceptWhileAnotherAddressIsServed() throws Exception {
		List<Socket> held = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				held.add(connect("127.0.0.2"));
			}
			for (int i = 0; i < 3; i++) {
				try (Socket over = connect("127.0.0.2")) {
					assertThat(closedSoon(over)).isTrue();
				}
			}
			assertThat(this.refused).hasValue(3);
			try (Socket other = connect("127.0.0.1")) {
				other.getOutputStream()
					.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				other.setSoTimeout(5000);
				assertThat(new String(other.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
					.startsWith("HTTP/1.1 200").endsWith("ok");
			}
			held.remove(0).close();
			// The server frees the place once its poller has seen the close.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				try (Socket again = connect("127.0.0.2")) {
					assertThat(closedSoon(again)).as("a freed place is given to the address again").isFalse();
				}
			});
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

}
