package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.schema.simul.CurveKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simul buses under a bounded flood (issue 19), on the real wire: hundreds of connections from one address
 * (127.0.0.2) that send the first 10 bytes of a ZMTP greeting and stall. The handshake timeout is set to 30 s here,
 * so only the guard's admission limits can close them within the test's patience; meanwhile a slave with a listed
 * CURVE key, on 127.0.0.1, joins and hears the master's commands.
 */
class SimulBusGuardIntegrationTests {

	private static final int FLOOD = 300;

	private static final BusAdmission.Limits LIMITS = new BusAdmission.Limits(8, 64, 256, Duration.ofSeconds(30));

	/** ZMTP 3's signature: what a half-sent greeting consists of. */
	private static final byte[] SIGNATURE = { (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f };

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final Duration SLAVE_PATIENCE = Duration.ofSeconds(60);

	private final List<SocketChannel> flood = new ArrayList<>();

	private final List<SocketChannel> closedByServer = new ArrayList<>();

	private SimulBuses buses;

	private ZContext slaveContext;

	@AfterEach
	void closeEverything() throws IOException {
		for (SocketChannel channel : this.flood) {
			channel.close();
		}
		if (this.slaveContext != null) {
			this.slaveContext.close();
		}
		if (this.buses != null) {
			this.buses.close();
		}
	}

	@Test
	void halfSentGreetingsFromOneAddressAreClosedBeyondItsLimitWhileAListedSlaveHearsCommands() throws Exception {
		SimulBuses.Curve curve = new SimulBuses.Curve(CurveKey.fromZ85(SimulTestKeys.MASTER_SECRET),
				new AuthorizedSlaveKeys(List.of(SimulTestKeys.SLAVE_PUBLIC), null, 10)::contains,
				(address, reason) -> {
				});
		this.buses = new SimulBuses("127.0.0.1", 0, 0, SimulConfiguration.MAX_SOCKET_FRAME_BYTES,
				SimulConfiguration.HIGH_WATER_MARK, LIMITS, curve, (frame) -> {
				});

		for (int i = 0; i < FLOOD; i++) {
			this.flood.add(halfGreeting(this.buses.commandPort()));
		}
		await().atMost(PATIENCE).until(() -> closedByServer() >= FLOOD - LIMITS.maxPendingPerAddress());

		ZMQ.Socket slave = listedSlave(this.buses.commandPort());
		byte[] command = "{\"type\":\"simul-stop\"}".getBytes(StandardCharsets.UTF_8);
		// JeroMQ's CURVE handshake is pure Java: on a loaded machine (one CI run at load ~10) it and the SUB's
		// subscription took longer than 20 s once. A refused slave never hears, however long the wait.
		await().atMost(SLAVE_PATIENCE).until(() -> {
			this.buses.publish(command);
			byte[] heard = slave.recv(0);
			return heard != null && new String(heard, StandardCharsets.UTF_8).equals(new String(command,
					StandardCharsets.UTF_8));
		});
		assertThat(FLOOD - closedByServer()).isLessThanOrEqualTo(LIMITS.maxPendingPerAddress());
	}

	@Test
	void aFloodOnOneBusLeavesTheOtherBusOpenToTheSameAddress() throws Exception {
		this.buses = new SimulBuses("127.0.0.1", 0, 0, SimulConfiguration.MAX_SOCKET_FRAME_BYTES,
				SimulConfiguration.HIGH_WATER_MARK, LIMITS, null, (frame) -> {
				});
		for (int i = 0; i < LIMITS.maxPendingPerAddress() + 4; i++) {
			this.flood.add(halfGreeting(this.buses.advisePort()));
		}
		await().atMost(PATIENCE).until(() -> closedByServer() >= 4);

		SocketChannel other = halfGreeting(this.buses.commandPort());
		this.flood.add(other);
		ByteBuffer answer = ByteBuffer.allocate(SIGNATURE.length);
		other.configureBlocking(true);
		other.socket().setSoTimeout((int) PATIENCE.toMillis());
		while (answer.hasRemaining() && other.read(answer) >= 0) {
			// The bus answers a greeting's signature with its own.
		}
		assertThat(answer.array()[0]).isEqualTo((byte) 0xff);
	}

	/** Connects from 127.0.0.2 and sends the 10-byte signature; a connection refused at accept may fail here. */
	private SocketChannel halfGreeting(int port) throws IOException {
		SocketChannel channel = SocketChannel.open();
		channel.bind(new InetSocketAddress("127.0.0.2", 0));
		channel.connect(new InetSocketAddress("127.0.0.1", port));
		try {
			channel.write(ByteBuffer.wrap(SIGNATURE));
		}
		catch (IOException ex) {
			// Reset already: counted as closed by the server below.
		}
		channel.configureBlocking(false);
		return channel;
	}

	/** Connections the server has closed (end of stream or reset); reads and drops whatever else arrived. */
	private int closedByServer() {
		ByteBuffer sink = ByteBuffer.allocate(256);
		for (SocketChannel channel : this.flood) {
			if (this.closedByServer.contains(channel)) {
				continue;
			}
			try {
				sink.clear();
				if (channel.read(sink) < 0) {
					this.closedByServer.add(channel);
				}
			}
			catch (IOException ex) {
				this.closedByServer.add(channel);
			}
		}
		return this.closedByServer.size();
	}

	private ZMQ.Socket listedSlave(int commandPort) {
		this.slaveContext = new ZContext();
		ZMQ.Socket socket = this.slaveContext.createSocket(SocketType.SUB);
		socket.setCurveServerKey(CurveKey.fromZ85(SimulTestKeys.MASTER_PUBLIC).bytes());
		CurveKey secret = CurveKey.fromZ85(SimulTestKeys.SLAVE_SECRET);
		socket.setCurveSecretKey(secret.bytes());
		socket.setCurvePublicKey(secret.publicKey().bytes());
		socket.setReceiveTimeOut(200);
		socket.subscribe(ZMQ.SUBSCRIPTION_ALL);
		socket.connect("tcp://127.0.0.1:" + commandPort);
		return socket;
	}

}
