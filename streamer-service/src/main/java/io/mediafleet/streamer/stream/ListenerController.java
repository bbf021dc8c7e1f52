package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mediafleet.streamer.stream.SchedulerLink.ListenerCredentials;
import io.mediafleet.streamer.stream.SchedulerLink.ListenerIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Serves {@code GET /radios/{uuid}} (also with {@code .mp3}): {@code audio/mpeg}, with ICY metadata when asked.
 * Each listener is served by its request's (virtual) thread, which writes frames from the listener's bounded queue.
 * Responses: 404 for a radio the scheduler does not know, 503 above the listener limit or when the scheduler does
 * not answer.
 */
@Controller
final class ListenerController {

	private static final Log log = LogFactory.getLog(ListenerController.class);

	/** Radio ids are scheduler-made ids; anything else cannot be a radio and is not worth asking about. */
	private final RadioHub hub;

	private final SchedulerLink link;

	private final StreamSettings settings;

	private final StreamMetrics metrics;

	ListenerController(RadioHub hub, SchedulerLink link, StreamSettings settings, StreamMetrics metrics) {
		this.hub = hub;
		this.link = link;
		this.settings = settings;
		this.metrics = metrics;
	}

	@GetMapping("/radios/{name}")
	void listen(@PathVariable String name, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String radioUuid = ListenerRequests.radioOf(name);
		if (radioUuid == null) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such radio");
			return;
		}
		InetAddress source = sourceOf(request);
		if (!this.hub.tryAdmit(source)) {
			response.setHeader("Retry-After", "10");
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Listener limit reached");
			return;
		}
		try {
			ListenerIdentity identity = identify(request);
			RadioBroadcaster radio;
			try {
				radio = this.hub.join(radioUuid).get(this.settings.schedulerTimeout().toMillis() + 1000,
						TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				this.hub.leave(radioUuid);
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				log.info("Listener for radio " + radioUuid + " refused: " + cause.getMessage());
				response.setHeader("Retry-After", "10");
				response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Radio not available now");
				return;
			}
			if (radio == null) {
				this.hub.leave(radioUuid);
				response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such radio");
				return;
			}
			try {
				stream(radio, identity, request, response);
			}
			finally {
				this.hub.leave(radioUuid);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.hub.release(source);
		}
	}

	private static @Nullable InetAddress sourceOf(HttpServletRequest request) {
		try {
			// getRemoteAddr() is an IP literal, which getByName parses without a name lookup.
			return InetAddress.getByName(request.getRemoteAddr());
		}
		catch (java.net.UnknownHostException | RuntimeException ex) {
			return null;
		}
	}

	private void stream(RadioBroadcaster radio, ListenerIdentity identity, HttpServletRequest request,
			HttpServletResponse response) throws IOException, InterruptedException {
		boolean metadata = "1".equals(request.getHeader("Icy-MetaData"));
		int metaint = metadata ? this.settings.icyMetaint() : 0;
		ListenerSession session = new ListenerSession(UUID.randomUUID().toString(), identity.userId(), identity.hd(),
				this.settings.listenerQueueBytes());
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("audio/mpeg");
		response.setHeader("Cache-Control", "no-cache, no-store");
		response.setHeader("icy-name", this.settings.serverName() + " " + radio.radioUuid());
		if (radio.bitrateKbps() > 0) {
			response.setHeader("icy-br", Integer.toString(radio.bitrateKbps()));
		}
		if (metadata) {
			response.setHeader("icy-metaint", Integer.toString(metaint));
		}
		response.setHeader(ListenerRequests.HD_HEADER, Boolean.toString(identity.hd()));
		boolean relay = request.getHeader(ListenerRequests.RELAY_HEADER) != null;
		if (!relay) {
			this.link.registerListener(radio.radioUuid(), session.sessionId(), identity.userId());
		}
		radio.attach(session);
		try {
			response.flushBuffer();
			OutputStream out = response.getOutputStream();
			IcyWriter writer = new IcyWriter(out, metaint);
			List<Frame> batch = new ArrayList<>();
			long pauseMillis = this.settings.writeInterval().toMillis();
			while (session.queue().drainTo(batch, 5, TimeUnit.SECONDS)) {
				long before = writer.bytesWritten();
				for (Frame frame : batch) {
					writer.write(frame);
				}
				batch.clear();
				writer.flush();
				this.metrics.bytesSent.increment(writer.bytesWritten() - before);
				// Waking once per frame (38 times a second) for every listener costs more CPU than the bytes:
				// let frames gather and write them together. The burst keeps the player's buffer ahead.
				if (pauseMillis > 0) {
					Thread.sleep(pauseMillis);
				}
			}
		}
		catch (IOException ex) {
			// The listener went away: the normal end of a stream.
		}
		finally {
			radio.detach(session);
			session.queue().close();
			if (!relay) {
				this.link.unregisterListener(radio.radioUuid(), session.sessionId(), identity.userId());
			}
		}
	}

	private ListenerIdentity identify(HttpServletRequest request) throws InterruptedException {
		ListenerCredentials credentials = ListenerRequests.credentials(request::getParameter, request::getHeader);
		ListenerIdentity identity = ListenerIdentity.ANONYMOUS;
		if (credentials != null) {
			try {
				identity = this.link.authenticate(credentials)
					.get(this.settings.schedulerTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				log.info("Listener authentication got no answer (" + ex + "); listening anonymously");
			}
		}
		this.metrics.identified(credentials != null, identity);
		return identity;
	}

}
