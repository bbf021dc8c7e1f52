package io.mediafleet.scheduler.link;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a link upgrade with 503 (and {@code Retry-After}) before any WebSocket session is allocated when
 * {@link LinkHub.Settings#maxUnregistered()} connections have not registered yet; an admitted upgrade's place passes
 * to its connection, a failed upgrade's is given back.
 */
final class UnregisteredLimitInterceptor implements HandshakeInterceptor {

	static final String RETRY_AFTER_SECONDS = "5";

	private final LinkHub hub;

	UnregisteredLimitInterceptor(LinkHub hub) {
		this.hub = hub;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (this.hub.reserveHandshake()) {
			return true;
		}
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
		boolean upgraded = exception == null && response instanceof ServletServerHttpResponse servlet
				&& servlet.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
		if (!upgraded) {
			this.hub.releaseHandshake();
		}
	}

}
