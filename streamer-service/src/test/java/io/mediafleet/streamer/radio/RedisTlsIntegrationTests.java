package io.mediafleet.streamer.radio;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An external Redis that speaks only TLS: the streamer's URL is {@code rediss://} and its SSL bundle trusts the
 * server's certificate. Both of the streamer's Redis clients (Spring's and the scheduler client of the radio
 * protocol) must speak TLS, or the scheduler's ping gets no pong. The Redis here is a real one behind a TLS
 * terminator with a certificate made by the JDK's keytool for 127.0.0.1.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + RedisTlsIntegrationTests.STREAMER,
				"spring.data.redis.ssl.bundle=redis-test", "mediafleet.streamer.reannounce-after=1h" })
class RedisTlsIntegrationTests {

	static final String STREAMER = "tls-it";

	static final String PASSWORD = "changeit";

	static int redisPort;

	static RedisServer redis;

	static TcpProxy tls;

	@DynamicPropertySource
	static void tlsRedis(DynamicPropertyRegistry properties) throws Exception {
		redisPort = freePort();
		redis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(redisPort)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		redis.start();
		Path directory = Files.createTempDirectory("redis-tls");
		Path keyStore = directory.resolve("server.p12");
		Path certificate = directory.resolve("server.pem");
		keytool("-genkeypair", "-alias", "redis", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
				"-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
		// The certificate as PEM, written here rather than by a second keytool run (a JVM start, seconds under load).
		Files.writeString(certificate, pem(keyStore));
		tls = new TcpProxy(redisPort, serverContext(keyStore).getServerSocketFactory());
		properties.add("spring.data.redis.url", () -> "rediss://127.0.0.1:" + tls.port());
		properties.add("spring.ssl.bundle.pem.redis-test.truststore.certificate", () -> "file:" + certificate);
		properties.add("mediafleet.streamer.library-directory", () -> directory.toString());
	}

	@AfterAll
	static void stopRedis() throws IOException {
		tls.close();
		redis.stop();
	}

	@Test
	void schedulerClientReachesARedisThatSpeaksOnlyTls() {
		try (SchedulerDouble scheduler = new SchedulerDouble("redis://127.0.0.1:" + redisPort, STREAMER)) {
			// The ping travels plain to Redis, then over TLS to the streamer; its pong comes back the same way.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				scheduler.send("{\"type\":\"ping\"}");
				assertThat(scheduler.received("pong")).isNotEmpty();
			});
		}
	}

	private static SSLContext serverContext(Path keyStore) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	private static String pem(Path keyStore) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
		return "-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(store.getCertificate("redis").getEncoded())
				+ "\n-----END CERTIFICATE-----\n";
	}

	private static void keytool(String... arguments) throws Exception {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		// A short-lived JVM: the client compiler alone and the serial collector start it in about half the time.
		List<String> command = new ArrayList<>(
				List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
		assertThat(process.exitValue()).as("keytool: %s", output).isZero();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
