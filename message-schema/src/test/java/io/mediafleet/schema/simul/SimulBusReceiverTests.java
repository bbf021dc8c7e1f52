package io.mediafleet.schema.simul;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simul receive loop on real JeroMQ sockets over {@code inproc://} (no network port): a PUSH socket feeds the
 * PULL socket the loop reads, which behaves like the buses' SUB for everything the loop does.
 */
class SimulBusReceiverTests {

	private static final Duration AT_MOST = Duration.ofSeconds(10);

	private ZContext context;

	private ZMQ.Socket sender;

	private ZMQ.Socket socket;

	private final List<String> received = new CopyOnWriteArrayList<>();

	@BeforeEach
	void sockets() {
		this.context = new ZContext();
		this.socket = this.context.createSocket(SocketType.PULL);
		this.socket.bind("inproc://simul-bus-receiver");
		this.sender = this.context.createSocket(SocketType.PUSH);
		this.sender.connect("inproc://simul-bus-receiver");
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void framesReachTheHandlerInOrderOnANamedDaemonThread() {
		List<String> threads = new CopyOnWriteArrayList<>();
		try (SimulBusReceiver receiver = SimulBusReceiver.start("advise", this.socket, (frame) -> {
			threads.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " daemon" : ""));
			this.received.add(text(frame));
		})) {
			send("one", "two", "three");
			await().atMost(AT_MOST).until(() -> this.received.size() == 3);
		}
		assertThat(this.received).containsExactly("one", "two", "three");
		assertThat(threads).containsOnly("simul-advise daemon");
	}

	@Test
	void aMultiPartMessageReachesTheHandlerAsOneEmptyFrameAndItsPartsAreDropped() {
		try (SimulBusReceiver receiver = SimulBusReceiver.start("command", this.socket,
				(frame) -> this.received.add(text(frame)))) {
			this.sender.sendMore("part one");
			this.sender.sendMore("part two");
			this.sender.send("part three");
			send("after");
			await().atMost(AT_MOST).until(() -> this.received.size() == 2);
		}
		assertThat(this.received).containsExactly("", "after");
	}

	@Test
	void aHandlerThatThrowsDoesNotStopTheLoop() {
		try (SimulBusReceiver receiver = SimulBusReceiver.start("command", this.socket, (frame) -> {
			this.received.add(text(frame));
			if (text(frame).equals("bad")) {
				throw new IllegalStateException("handler refuses " + text(frame));
			}
		})) {
			send("bad", "good");
			await().atMost(AT_MOST).until(() -> this.received.size() == 2);
			assertThat(receiver.isAlive()).isTrue();
		}
		assertThat(this.received).containsExactly("bad", "good");
	}

	@Test
	void theHookRunsRepeatedlyWhileNothingArrives() {
		AtomicInteger runs = new AtomicInteger();
		try (SimulBusReceiver receiver = SimulBusReceiver.start("advise", this.socket,
				(frame) -> this.received.add(text(frame)), runs::incrementAndGet)) {
			// Nothing is sent: only the receive timeout brings the loop round again.
			await().atMost(AT_MOST).until(() -> runs.get() >= 3);
		}
		assertThat(this.received).isEmpty();
	}

	@Test
	void closeStopsTheThreadAndNoLaterFrameIsHandled() {
		SimulBusReceiver receiver = SimulBusReceiver.start("command", this.socket,
				(frame) -> this.received.add(text(frame)));
		send("before");
		await().atMost(AT_MOST).until(() -> this.received.size() == 1);
		receiver.close();
		assertThat(receiver.isAlive()).isFalse();
		send("after");
		this.socket.setReceiveTimeOut((int) AT_MOST.toMillis());
		assertThat(this.socket.recvStr()).isEqualTo("after");
		assertThat(this.received).containsExactly("before");
	}

	private void send(String... frames) {
		for (String frame : frames) {
			this.sender.send(frame);
		}
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

}
