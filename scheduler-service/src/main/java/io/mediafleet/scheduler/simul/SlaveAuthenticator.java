package io.mediafleet.scheduler.simul;

import java.util.function.Predicate;

import io.mediafleet.schema.simul.CurveKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;

/**
 * The master's ZAP handler (ZeroMQ RFC 27): a REP socket on {@code inproc://zeromq.zap.01} of the buses' context,
 * asked by ZeroMQ during every CURVE handshake on either bus, that answers {@code 200} when the slave's long-term
 * public key is authorized and {@code 400} otherwise (ZeroMQ then closes that connection: nothing the slave sends
 * reaches the master and it receives no command).
 *
 * <p>A request, one frame each: {@code "1.0"}, request id, domain, peer address, routing id, {@code "CURVE"}, the
 * client's 32-byte public key. The reply: {@code "1.0"}, the same request id, status code, status text, user id
 * (the key in Z85 when accepted), and an empty metadata frame.
 *
 * <p>Bind it before the buses bind: a CURVE server without a ZAP handler accepts every key.
 */
final class SlaveAuthenticator implements AutoCloseable {

	/** The one endpoint ZeroMQ asks, per context. */
	static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";

	private static final Log log = LogFactory.getLog(SlaveAuthenticator.class);

	private static final int RECEIVE_TIMEOUT_MS = 100;

	/** Refusals are logged at most once per this period (a refused slave reconnects again and again). */
	private static final long LOG_PERIOD_NANOS = 10_000_000_000L;

	/**
	 * Told of each refused handshake, on the handler's thread, with the peer's address and a short reason:
	 * {@code unknown-key}, {@code malformed-key} or {@code mechanism}.
	 */
	interface RefusalListener {

		void refused(String address, String reason);

	}

	private final ZMQ.Socket handler;

	private final Predicate<CurveKey> authorized;

	private final RefusalListener listener;

	private final Thread thread;

	private volatile boolean running = true;

	private long lastLogNanos = System.nanoTime() - LOG_PERIOD_NANOS;

	private long refusedSinceLog;

	SlaveAuthenticator(ZContext context, Predicate<CurveKey> authorized, RefusalListener listener) {
		this.authorized = authorized;
		this.listener = listener;
		this.handler = context.createSocket(SocketType.REP);
		this.handler.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
		this.handler.setLinger(0);
		this.handler.bind(ZAP_ENDPOINT);
		this.thread = Thread.ofPlatform().name("simul-zap").daemon().unstarted(this::serve);
		this.thread.start();
	}

	private void serve() {
		while (this.running) {
			ZMsg request;
			try {
				request = ZMsg.recvMsg(this.handler);
			}
			catch (ZMQException ex) {
				if (this.running) {
					log.warn("ZAP handler receive failed: " + ex.getMessage());
				}
				return;
			}
			if (request == null) {
				continue;
			}
			try {
				answer(request).send(this.handler);
			}
			catch (ZMQException ex) {
				if (this.running) {
					log.warn("ZAP handler reply failed: " + ex.getMessage());
				}
			}
			finally {
				request.destroy();
			}
		}
	}

	private ZMsg answer(ZMsg request) {
		if (request.size() < 6) {
			// Not a ZAP request we can even answer by id; REP still needs a reply.
			return reply(new byte[0], "400", "Malformed ZAP request", "");
		}
		String version = request.popString();
		byte[] requestId = request.pop().getData();
		request.popString(); // domain
		String address = request.popString();
		request.popString(); // routing id
		String mechanism = request.popString();
		if (!"1.0".equals(version)) {
			return reply(requestId, "400", "Unsupported ZAP version", "");
		}
		if (!"CURVE".equals(mechanism)) {
			return refuse(requestId, address, "mechanism", "mechanism " + mechanism);
		}
		ZFrame credentials = request.pop();
		if (credentials == null || credentials.size() != CurveKey.BYTES) {
			return refuse(requestId, address, "malformed-key", "malformed public key");
		}
		CurveKey key = CurveKey.of(credentials.getData());
		if (!this.authorized.test(key)) {
			return refuse(requestId, address, "unknown-key", "unknown public key " + key.z85());
		}
		return reply(requestId, "200", "OK", key.z85());
	}

	private ZMsg refuse(byte[] requestId, String address, String reason, String detail) {
		this.refusedSinceLog++;
		long now = System.nanoTime();
		if (now - this.lastLogNanos >= LOG_PERIOD_NANOS) {
			log.warn("Refused " + this.refusedSinceLog + " simul slave handshake(s) in the last "
					+ (LOG_PERIOD_NANOS / 1_000_000_000L) + " s at most; latest from " + address + ": " + detail);
			this.lastLogNanos = now;
			this.refusedSinceLog = 0;
		}
		try {
			this.listener.refused(address, reason);
		}
		catch (RuntimeException ex) {
			log.error("Refusal listener failed", ex);
		}
		return reply(requestId, "400", "Slave not authorized", "");
	}

	private static ZMsg reply(byte[] requestId, String status, String text, String userId) {
		ZMsg reply = new ZMsg();
		reply.add("1.0");
		reply.add(requestId);
		reply.add(status);
		reply.add(text);
		reply.add(userId);
		reply.add(new byte[0]);
		return reply;
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(RECEIVE_TIMEOUT_MS * 20L);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
