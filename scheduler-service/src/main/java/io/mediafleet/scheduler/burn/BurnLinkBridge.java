package io.mediafleet.scheduler.burn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.mediafleet.scheduler.link.LinkHandler;
import io.mediafleet.scheduler.link.LinkHub;
import io.mediafleet.scheduler.link.LinkSession;
import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.schema.burnlink.BurnLink;
import io.mediafleet.schema.link.Endpoint;
import io.mediafleet.schema.link.ErrorResponse;
import io.mediafleet.schema.link.LinkEventData;
import io.mediafleet.schema.link.LinkRequestData;
import io.mediafleet.schema.link.LinkResponseData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The burn farm over the link: slaves are burners (their events drive the {@link BurnFarm}, the farm's orders go out
 * as {@code burn_request} and {@code eject_event}); controls queue and list through requests and, like TCP displays,
 * receive {@code burner_changed_event} and {@code queue_changed_event}.
 */
final class BurnLinkBridge implements LinkHandler {

	private static final Log log = LogFactory.getLog(BurnLinkBridge.class);

	private static final String CHANNEL = "burn.channel";

	private static final String WATCHER = "burn.watcher";

	private final BurnFarm farm;

	private final BurnMetrics metrics;

	private final Duration requestTimeout;

	BurnLinkBridge(BurnFarm farm, BurnMetrics metrics, LinkHub hub, Duration requestTimeout) {
		this.farm = farm;
		this.metrics = metrics;
		this.requestTimeout = requestTimeout;
		hub.addHandler(this);
	}

	@Override
	public void sessionStarted(LinkSession session) {
		if (session.role() == Endpoint.CONTROL) {
			FarmWatcher watcher = new FarmWatcher() {

				@Override
				public void burnerChanged(BurnLink.BurnerInfo burner) {
					session.send(burner);
				}

				@Override
				public void queueChanged(List<BurnLink.Job> jobs) {
					session.send(new BurnLink.QueueChanged(jobs));
				}

			};
			session.attribute(WATCHER, watcher);
			this.farm.watch(watcher);
		}
	}

	@Override
	public void sessionEnded(LinkSession session) {
		if (session.attribute(WATCHER) instanceof FarmWatcher watcher) {
			this.farm.unwatch(watcher);
		}
		if (session.attribute(CHANNEL) instanceof Channel channel) {
			this.farm.burnerDisconnected(channel.uid, channel);
		}
	}

	@Override
	public boolean event(LinkSession session, LinkEventData event) {
		if (event instanceof BurnLink.BurnerCapabilities capabilities) {
			Channel channel = new Channel(session, capabilities.uid());
			session.attribute(CHANNEL, channel);
			this.farm.burnerConnected(capabilities.uid(), capabilities.burnerType().wire(), channel);
			List<String> hashes = new ArrayList<>();
			for (BurnLink.Image image : capabilities.images()) {
				this.farm.imageInfo(image.hash(), image.fileName(), image.description(), image.sizeBytes());
				hashes.add(image.hash());
			}
			this.farm.capabilities(capabilities.uid(), hashes);
			return true;
		}
		if (!(session.attribute(CHANNEL) instanceof Channel channel)) {
			return switch (event) {
				case BurnLink.BurnerIdle idle -> noIdentity(session);
				case BurnLink.BurnProgress progress -> noIdentity(session);
				case BurnLink.BurnCompleted completed -> noIdentity(session);
				case BurnLink.BurnVerified verified -> noIdentity(session);
				case BurnLink.BurnError error -> noIdentity(session);
				default -> false;
			};
		}
		String uid = channel.uid;
		switch (event) {
			case BurnLink.BurnerIdle idle -> this.farm.idleStatus(uid, idle.driveState());
			case BurnLink.BurnProgress progress -> this.farm.progress(uid, progress.hash(), progress.percent());
			case BurnLink.BurnCompleted completed -> this.farm.completed(uid, completed.hash(),
					Duration.ofMillis(Math.round(completed.seconds() * 1000)));
			case BurnLink.BurnVerified verified -> this.farm.verified(uid, verified.hash(), verified.verdict());
			case BurnLink.BurnError error -> this.farm.burnerError(uid, error.code(), error.text());
			default -> {
				return false;
			}
		}
		return true;
	}

	private boolean noIdentity(LinkSession session) {
		// A burner that reports before saying who it is gets its report ignored, not the link closed.
		this.metrics.badInput(BurnerTransport.LINK);
		log.debug("Burn report from slave " + session.name() + " before burner_capabilities_event; ignored");
		return true;
	}

	@Override
	public @Nullable LinkResponseData request(LinkSession session, LinkRequestData request) {
		return switch (request) {
			case BurnLink.QueueAdd add -> {
				int copies = (add.copies() != null) ? add.copies() : 1;
				OptionalLong job = this.farm.queue(add.hash(), add.priority(), copies);
				if (job.isEmpty()) {
					this.metrics.badInput(BurnerTransport.LINK);
					throw new LinkRequestException("Unknown image " + add.hash() + " or queue full");
				}
				yield new BurnLink.QueueAdded(job.getAsLong());
			}
			case BurnLink.QueueListQuery query -> new BurnLink.QueueListing(this.farm.queueList());
			case BurnLink.QueueClearOrder clear -> {
				this.farm.clearQueue();
				yield BurnLink.Accepted.yes();
			}
			case BurnLink.BurnerListQuery query -> new BurnLink.BurnerListing(this.farm.burnerList());
			case BurnLink.BurnerName name -> {
				if (!this.farm.name(name.uid(), name.name())) {
					this.metrics.badInput(BurnerTransport.LINK);
					throw new LinkRequestException("Unknown burner " + name.uid());
				}
				yield BurnLink.Accepted.yes();
			}
			default -> null;
		};
	}

	/** A link burner as the farm sees it. */
	private final class Channel implements BurnerChannel {

		private final LinkSession session;

		private final String uid;

		Channel(LinkSession session, String uid) {
			this.session = session;
			this.uid = uid;
		}

		@Override
		public BurnerTransport transport() {
			return BurnerTransport.LINK;
		}

		@Override
		public void burn(String hash) {
			this.session.request(new BurnLink.BurnOrder(hash), BurnLinkBridge.this.requestTimeout)
				.whenComplete((response, failure) -> {
					if (failure != null) {
						BurnLinkBridge.this.farm.burnerError(this.uid, "TIMEOUT", String.valueOf(failure.getMessage()));
					}
					else if (response instanceof ErrorResponse error) {
						String text = error.error();
						int colon = text.indexOf(':');
						String code = (colon > 0) ? text.substring(0, colon) : "ERROR";
						BurnLinkBridge.this.farm.burnerError(this.uid, code, text);
					}
				});
		}

		@Override
		public void eject() {
			this.session.send(new BurnLink.Eject());
		}

	}

}
