package io.mediafleet.schema.link;

import io.mediafleet.schema.json.Fields;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message whose envelope is valid but whose type and data have not been checked against a
 * catalogue yet, as {@link LinkCodec#decodeEnvelope} returns it.
 *
 * @param seq the sender's message number, at least 1
 * @param type the wire name as sent, not yet known to be registered
 * @param data the raw data object, owned by the caller
 */
public record LinkEnvelope(long seq, String type, ObjectNode data) {

	public LinkEnvelope {
		SeqCounter.requireSeq("seq", seq);
		Fields.requiredText(type, "type");
		Fields.required(data, "data");
	}

}
