package io.mediafleet.schema.link;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;

/**
 * {@code close}: sent by the party that ends the connection deliberately, just before it closes
 * the WebSocket.
 *
 * @param reason why, for example one of the {@code CLOSE_*} reasons of {@link LinkProtocol}
 */
public record Close(@JsonProperty("reason") String reason) implements LinkCoreData {

	/** Wire name. */
	public static final String TYPE = "close";

	public Close {
		Fields.required(reason, "reason");
	}

	public static Close of(String reason) {
		return new Close(reason);
	}

}
