package io.mediafleet.schema.link;

import io.mediafleet.schema.json.Fields;

/**
 * One typed message of the link: the envelope {@code {seq, type, data}} with its data decoded to
 * the record registered for {@code type}.
 *
 * @param seq the sender's message number, at least 1
 * @param type the registered wire name, for example {@code register_slave}
 * @param data the typed data; for a {@code *_response} a {@link Response} or {@link ErrorResponse}
 */
public record LinkMessage(long seq, String type, LinkData data) {

	public LinkMessage {
		SeqCounter.requireSeq("seq", seq);
		Fields.requiredText(type, "type");
		Fields.required(data, "data");
	}

	public static LinkMessage of(long seq, String type, LinkData data) {
		return new LinkMessage(seq, type, data);
	}

}
