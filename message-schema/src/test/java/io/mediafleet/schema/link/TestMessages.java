package io.mediafleet.schema.link;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Service-style messages used by the tests: one event, one request with its result, registered
 * the way a service would register its own.
 */
final class TestMessages {

	static final String BURN_STATUS_EVENT = "burn_status_event";

	static final String QUEUE_ADD_REQUEST = "queue_add_request";

	static final String QUEUE_ADD_RESPONSE = "queue_add_response";

	private TestMessages() {
	}

	static LinkCatalogue catalogue() {
		return LinkCatalogue.builder()
			.withCoreMessages()
			.event(BURN_STATUS_EVENT, BurnStatusEvent.class, Direction.SLAVE_TO_MASTER)
			.request(QUEUE_ADD_REQUEST, QueueAdd.class, QueueAddResult.class, Direction.CONTROL_TO_MASTER,
					Direction.MASTER_TO_SLAVE)
			.build();
	}

	/** A burner's progress report. */
	record BurnStatusEvent(@JsonProperty("hash") String hash, @JsonProperty("status") String status,
			@JsonProperty("percent") int percent) implements LinkEventData {

		BurnStatusEvent {
			io.mediafleet.schema.json.Fields.requiredText(hash, "hash");
			io.mediafleet.schema.json.Fields.requiredText(status, "status");
		}

	}

	/** Asks for an image to be queued. */
	record QueueAdd(@JsonProperty("hash") String hash, @JsonProperty(value = "priority", required = true) int priority)
			implements LinkRequestData {

		QueueAdd {
			io.mediafleet.schema.json.Fields.requiredText(hash, "hash");
		}

	}

	/** The queued job. */
	record QueueAddResult(@JsonProperty(value = "job_id", required = true) long jobId) implements LinkResponseData {

	}

}
