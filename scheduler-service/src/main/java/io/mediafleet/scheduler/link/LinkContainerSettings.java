package io.mediafleet.scheduler.link;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.apache.tomcat.websocket.WsWebSocketContainer;

import org.springframework.web.context.ServletContextAware;

/**
 * Tunes Tomcat's WebSocket container for the link: its background check (idle sessions, unanswered close frames)
 * runs every second instead of every ten, so a peer that never answers the hub's close loses its TCP connection
 * within about a second of the hub's close grace; and the per-session read buffers are small, since the hub takes
 * messages in parts and assembles them itself up to the codec's limit.
 */
final class LinkContainerSettings implements ServletContextAware {

	/** Seconds between two runs of the container's background check. */
	static final int PROCESS_PERIOD_SECONDS = 1;

	/** Read buffer per session, text and binary alike: a larger message arrives in parts of this size. */
	static final int MESSAGE_BUFFER_SIZE = 2048;

	@Override
	public void setServletContext(ServletContext servletContext) {
		if (servletContext.getAttribute(ServerContainer.class.getName()) instanceof WsWebSocketContainer container) {
			container.setProcessPeriod(PROCESS_PERIOD_SECONDS);
			container.setDefaultMaxTextMessageBufferSize(MESSAGE_BUFFER_SIZE);
			container.setDefaultMaxBinaryMessageBufferSize(MESSAGE_BUFFER_SIZE);
		}
	}

}
