package io.mediafleet.burner.link;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.BurnReporter;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.link.client.LinkAgentClient;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.schema.burn.DriveState;
import io.mediafleet.schema.burn.Media;
import io.mediafleet.schema.burn.Verdict;
import io.mediafleet.schema.burnlink.BurnLink;
import io.mediafleet.schema.link.LinkCodec;
import io.mediafleet.schema.link.LinkMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A burner as a link slave: registers with its JWT, announces its images in {@code burner_capabilities_event},
 * reports idle status every interval, burns on {@code burn_request}, ejects on {@code eject_event}. The session itself
 * (handshake, heartbeats, reconnect with backoff, resume with replay, so a burn in progress survives a short drop) is
 * the shared {@link LinkAgentClient}'s; this class is only what a burner says and does on it.
 *
 * <h2>Parameters to control memory consumption</h2> See {@link LinkAgentClient}: at most
 * {@value LinkAgentClient#MAX_BUFFERED} unacknowledged messages are kept.
 */
public final class LinkBurnerClient implements AutoCloseable, LinkAgentClient.Agent {

	private static final Log log = LogFactory.getLog(LinkBurnerClient.class);

	private static final String AGENT = "Mediafleet Burner Agent";

	/**
	 * Who the agent is on the link.
	 *
	 * @param masterUrl the master's {@code ws://.../api/socket}
	 * @param token JWT from the master's admin API
	 * @param slaveId the slave id (unique among connected slaves)
	 * @param name the slave's name
	 * @param uid the burner's persistent UID
	 * @param type CD or DVD burner
	 */
	public record Identity(URI masterUrl, String token, long slaveId, String name, String uid, BurnerType type) {
	}

	private final Identity identity;

	private final IsoLibrary library;

	private final BurnEngine engine;

	private final Duration statusInterval;

	private final LinkAgentClient link;

	// Only touched on the link's timer thread.
	private long lastStatusNanos = System.nanoTime();

	public LinkBurnerClient(Identity identity, IsoLibrary library, BurnEngine engine, Duration statusInterval,
			Duration reconnectDelay) {
		this.identity = identity;
		this.library = library;
		this.engine = engine;
		this.statusInterval = statusInterval;
		this.link = new LinkAgentClient(
				new LinkAgentClient.Identity(identity.masterUrl(), identity.token(), identity.slaveId(),
						identity.name(), AGENT),
				new LinkCodec(BurnLink.catalogue()), this, reconnectDelay, "burner-link");
	}

	public void start() {
		this.link.start();
	}

	/**
	 * Drops the connection without a close message, as a network failure would; the client reconnects and resumes its
	 * session.
	 */
	public void dropConnection() {
		this.link.dropConnection();
	}

	/** Whether a session is established right now. */
	public boolean isInSession() {
		return this.link.isInSession();
	}

	@Override
	public void sessionStarted(LinkAgentClient link) {
		List<BurnLink.Image> images = new ArrayList<>();
		for (IsoLibrary.Image image : this.library.scan()) {
			images.add(new BurnLink.Image(image.hash(), image.fileName(), "", image.sizeBytes()));
		}
		link.send(new BurnLink.BurnerCapabilities(this.identity.uid(), this.identity.type(), images));
		if (this.engine.burning() == null) {
			link.send(idle(this.engine.driveState()));
		}
	}

	@Override
	public void received(LinkAgentClient link, LinkMessage message) {
		switch (message.data()) {
			case BurnLink.BurnOrder order -> {
				String error = this.engine.burn(order.hash(), () -> this.reporter);
				if (error == null) {
					link.respond(message, BurnLink.Accepted.yes());
				}
				else {
					link.respondError(message, error + ": " + this.engine.describe(error, order.hash()));
				}
			}
			case BurnLink.Eject eject -> this.engine.eject(this.reporter);
			default -> log.debug("Ignoring " + message.type() + " from the master");
		}
	}

	@Override
	public void tick(LinkAgentClient link) {
		long now = System.nanoTime();
		if (now - this.lastStatusNanos < this.statusInterval.toNanos()) {
			return;
		}
		this.lastStatusNanos = now;
		if (this.engine.mayReportIdle()) {
			link.send(idle(this.engine.driveState()));
		}
	}

	private BurnLink.BurnerIdle idle(String driveState) {
		Media media = (this.identity.type() == BurnerType.BURNCDR) ? Media.CDR : Media.DVD;
		return new BurnLink.BurnerIdle(media, DriveState.ofWire(driveState));
	}

	private final BurnReporter reporter = new BurnReporter() {

		@Override
		public void progress(String hash, int percent) {
			LinkBurnerClient.this.link.send(new BurnLink.BurnProgress(hash, percent));
		}

		@Override
		public void completed(String hash, Duration burnTime) {
			LinkBurnerClient.this.link.send(new BurnLink.BurnCompleted(hash, burnTime.toMillis() / 1000.0));
		}

		@Override
		public void verified(String hash, boolean passed) {
			LinkBurnerClient.this.link.send(new BurnLink.BurnVerified(hash, passed ? Verdict.PASS : Verdict.FAIL));
		}

		@Override
		public void error(String code, String text) {
			LinkBurnerClient.this.link.send(new BurnLink.BurnError(code, text));
		}

		@Override
		public void idle(String driveState) {
			LinkBurnerClient.this.link.send(LinkBurnerClient.this.idle(driveState));
		}

	};

	@Override
	public void close() {
		this.link.close();
	}

}
