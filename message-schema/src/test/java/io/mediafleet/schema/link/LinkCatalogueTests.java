package io.mediafleet.schema.link;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.link.TestMessages.BurnStatusEvent;
import io.mediafleet.schema.link.TestMessages.QueueAdd;
import io.mediafleet.schema.link.TestMessages.QueueAddResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The catalogue agrees with the sealed hierarchy, refuses bad registrations at build time and
 * pairs requests with responses.
 */
class LinkCatalogueTests {

	private static final String HASH = "d41d8cd98f00b204e9800998ecf8427e";

	private final LinkCatalogue catalogue = TestMessages.catalogue();

	// --- agreement with the sealed hierarchy ---

	@Test
	void everyPermittedCoreRecordIsRegisteredExactlyOnce() {
		List<Class<?>> permitted = Arrays.asList(LinkCoreData.class.getPermittedSubclasses());
		List<Class<?>> registered = LinkCatalogue.core().types().stream()
			.map(LinkMessageType::dataClass)
			.collect(Collectors.toList());
		assertThat(registered).doesNotHaveDuplicates();
		assertThat(registered).containsExactlyInAnyOrderElementsOf(permitted);
	}

	@Test
	void everyCoreRegistrationUsesTheExplicitWireNameOfItsRecord() throws ReflectiveOperationException {
		for (LinkMessageType type : LinkCatalogue.CORE) {
			assertThat(type.dataClass().getField("TYPE").get(null)).as(type.dataClass().getSimpleName())
				.isEqualTo(type.name());
			assertThat(type.dataClass().getSuperclass()).isEqualTo(Record.class);
		}
		assertThat(LinkCatalogue.CORE).extracting(LinkMessageType::name)
			.containsExactly("hello", "register_slave", "register_control", "ready", "resume", "continue", "invalidate",
					"heartbeat", "close");
	}

	@Test
	void rootPermitsOnlyTheCoreBranchTheExtensionPointsAndTheResponseForms() {
		assertThat(LinkData.class.getPermittedSubclasses()).containsExactlyInAnyOrder(LinkCoreData.class,
				LinkEventData.class, LinkRequestData.class, LinkResponse.class);
		assertThat(LinkResponse.class.getPermittedSubclasses()).containsExactlyInAnyOrder(Response.class,
				ErrorResponse.class);
		assertThat(LinkEventData.class.isSealed()).isFalse();
		assertThat(LinkRequestData.class.isSealed()).isFalse();
	}

	@Test
	void coreDirectionsFollowTheHandshake() {
		LinkCatalogue core = LinkCatalogue.core();
		assertThat(core.get("hello").directions()).isEqualTo(Direction.fromMaster());
		assertThat(core.get("register_slave").directions()).containsExactly(Direction.SLAVE_TO_MASTER);
		assertThat(core.get("register_control").directions()).containsExactly(Direction.CONTROL_TO_MASTER);
		assertThat(core.get("ready").directions()).isEqualTo(Direction.fromMaster());
		assertThat(core.get("resume").directions()).isEqualTo(Direction.toMaster());
		assertThat(core.get("continue").directions()).isEqualTo(Direction.fromMaster());
		assertThat(core.get("invalidate").directions()).isEqualTo(Direction.fromMaster());
		assertThat(core.get("heartbeat").directions()).isEqualTo(Direction.all());
		assertThat(core.get("close").directions()).isEqualTo(Direction.all());
		assertThat(core.types()).filteredOn((type) -> type.kind() == LinkMessageKind.HANDSHAKE)
			.extracting(LinkMessageType::name)
			.containsExactly("hello", "register_slave", "register_control", "ready", "resume", "continue", "invalidate");
	}

	// --- registration rules ---

	@Test
	void registeringANameTwiceFails() {
		LinkCatalogue.Builder builder = LinkCatalogue.builder()
			.withCoreMessages()
			.event("burn_status_event", BurnStatusEvent.class, Direction.SLAVE_TO_MASTER);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.event("burn_status_event", OtherEvent.class, Direction.MASTER_TO_SLAVE))
			.withMessage("Message type 'burn_status_event' is already registered");
	}

	@Test
	void registeringTheCoreMessagesTwiceFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinkCatalogue.builder().withCoreMessages().withCoreMessages())
			.withMessage("Message type 'hello' is already registered");
	}

	@Test
	void registeringARequestWhoseResponseNameIsTakenFails() {
		LinkCatalogue.Builder builder = LinkCatalogue.builder()
			.request("queue_add_request", QueueAdd.class, QueueAddResult.class, Direction.CONTROL_TO_MASTER);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.request("queue_add_request", OtherRequest.class, QueueAddResult.class,
					Direction.SLAVE_TO_MASTER))
			.withMessage("Message type 'queue_add_response' is already registered");
	}

	@Test
	void eventNameMustEndInEvent() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinkCatalogue.builder()
				.event("burn_status", BurnStatusEvent.class, Direction.SLAVE_TO_MASTER))
			.withMessage("An event name must end in '_event' but was 'burn_status'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinkCatalogue.builder().event("burn_request", BurnStatusEvent.class,
					Direction.SLAVE_TO_MASTER))
			.withMessage("An event name must end in '_event' but was 'burn_request'");
	}

	@Test
	void requestNameMustEndInRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinkCatalogue.builder()
				.request("queue_add_event", QueueAdd.class, QueueAddResult.class, Direction.CONTROL_TO_MASTER))
			.withMessage("A request name must end in '_request' but was 'queue_add_event'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinkCatalogue.builder()
				.request("queue_add_response", QueueAdd.class, QueueAddResult.class, Direction.CONTROL_TO_MASTER))
			.withMessage("A request name must end in '_request' but was 'queue_add_response'");
	}

	@Test
	void nameMustBeLowerCaseWordsJoinedByUnderscores() {
		for (String name : List.of("BurnStatus_event", "burn status_event", "_event", "burn__status_event",
				"burn-status_event", "")) {
			assertThatIllegalArgumentException().as(name)
				.isThrownBy(() -> LinkCatalogue.builder().event(name, BurnStatusEvent.class, Direction.SLAVE_TO_MASTER));
		}
	}

	@Test
	void eventOrRequestNeedsAtLeastOneDirection() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinkCatalogue.builder()
				.event("burn_status_event", BurnStatusEvent.class, EnumSet.noneOf(Direction.class)))
			.withMessage("Message type 'burn_status_event' needs at least one direction");
	}

	@Test
	void dataClassMayServeOnlyOneEventOrRequest() {
		LinkCatalogue.Builder builder = LinkCatalogue.builder()
			.event("burn_status_event", BurnStatusEvent.class, Direction.SLAVE_TO_MASTER);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.event("burn_progress_event", BurnStatusEvent.class, Direction.SLAVE_TO_MASTER))
			.withMessageContaining("is already registered as 'burn_status_event'");
	}

	@Test
	void resultClassMayBeSharedByRequests() {
		LinkCatalogue shared = LinkCatalogue.builder()
			.request("queue_add_request", QueueAdd.class, QueueAddResult.class, Direction.CONTROL_TO_MASTER)
			.request("queue_other_request", OtherRequest.class, QueueAddResult.class, Direction.CONTROL_TO_MASTER)
			.build();
		assertThat(shared.get("queue_add_response").dataClass()).isEqualTo(QueueAddResult.class);
		assertThat(shared.get("queue_other_response").dataClass()).isEqualTo(QueueAddResult.class);
	}

	@Test
	void abstractDataClassIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinkCatalogue.builder().event("any_event", LinkEventData.class, Direction.SLAVE_TO_MASTER))
			.withMessageContaining("must be concrete");
	}

	@Test
	void resultWithAPropertyNamedSeqOrErrorIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinkCatalogue.builder()
				.request("queue_add_request", QueueAdd.class, ResultWithSeq.class, Direction.CONTROL_TO_MASTER))
			.withMessage("Result of 'queue_add_request' must not have a property named 'seq': the response form uses it");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinkCatalogue.builder()
				.request("queue_add_request", QueueAdd.class, ResultWithError.class, Direction.CONTROL_TO_MASTER))
			.withMessage(
					"Result of 'queue_add_request' must not have a property named 'error': the response form uses it");
	}

	// --- lookups and helpers ---

	@Test
	void requestRegistersItsResponseInTheReverseDirections() {
		LinkMessageType request = this.catalogue.get("queue_add_request");
		LinkMessageType response = this.catalogue.get("queue_add_response");
		assertThat(request.kind()).isEqualTo(LinkMessageKind.REQUEST);
		assertThat(request.directions()).containsExactlyInAnyOrder(Direction.CONTROL_TO_MASTER,
				Direction.MASTER_TO_SLAVE);
		assertThat(response.kind()).isEqualTo(LinkMessageKind.RESPONSE);
		assertThat(response.directions()).containsExactlyInAnyOrder(Direction.MASTER_TO_CONTROL,
				Direction.SLAVE_TO_MASTER);
		assertThat(response.dataClass()).isEqualTo(QueueAddResult.class);
	}

	@Test
	void typesListCoreFirstThenRegistrationOrderWithResponsesAfterTheirRequests() {
		assertThat(this.catalogue.types()).extracting(LinkMessageType::name)
			.containsExactly("hello", "register_slave", "register_control", "ready", "resume", "continue", "invalidate",
					"heartbeat", "close", "burn_status_event", "queue_add_request", "queue_add_response");
	}

	@Test
	void findReturnsNullForUnknownNamesAndGetFails() {
		assertThat(this.catalogue.find("nope_event")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> this.catalogue.get("nope_event"))
			.withMessage("Message type 'nope_event' is not registered");
	}

	@Test
	void messageTakesTheRegisteredNameOfItsData() {
		assertThat(this.catalogue.message(4, new BurnStatusEvent(HASH, "BURN", 25)))
			.isEqualTo(new LinkMessage(4, "burn_status_event", new BurnStatusEvent(HASH, "BURN", 25)));
		assertThat(this.catalogue.message(1, Hello.current()).type()).isEqualTo("hello");
		assertThat(this.catalogue.typeOf(new Invalidate())).isEqualTo("invalidate");
		assertThatIllegalArgumentException().isThrownBy(() -> this.catalogue.typeOf(new OtherEvent()))
			.withMessageEndingWith("is not registered in this catalogue");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.catalogue.typeOf(ErrorResponse.of(1, "x")))
			.withMessageContaining("use response(...)");
	}

	@Test
	void responseHelpersAnswerARequestWithItsSeq() {
		LinkMessage request = this.catalogue.message(3, new QueueAdd(HASH, 10));
		assertThat(this.catalogue.response(9, request, new QueueAddResult(77)))
			.isEqualTo(new LinkMessage(9, "queue_add_response", Response.of(3, new QueueAddResult(77))));
		assertThat(this.catalogue.errorResponse(10, request, "Queue full"))
			.isEqualTo(new LinkMessage(10, "queue_add_response", ErrorResponse.of(3, "Queue full")));
	}

	@Test
	void responseHelpersRefuseNonRequestsAndForeignResults() {
		LinkMessage event = this.catalogue.message(3, new BurnStatusEvent(HASH, "BURN", 0));
		LinkMessage request = this.catalogue.message(4, new QueueAdd(HASH, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> this.catalogue.errorResponse(5, event, "x"))
			.withMessage("'burn_status_event' is not a request");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.catalogue.response(5, request, new ResultWithError("x")))
			.withMessageStartingWith("The result of queue_add_response must be a");
	}

	@Test
	void responseTypeOfReplacesTheSuffix() {
		assertThat(LinkCatalogue.responseTypeOf("queue_add_request")).isEqualTo("queue_add_response");
		assertThatIllegalArgumentException().isThrownBy(() -> LinkCatalogue.responseTypeOf("queue_add_event"));
	}

	// --- directions ---

	@Test
	void directionsJoinTheMasterWithSlavesAndControlsOnly() {
		for (Direction direction : Direction.values()) {
			assertThat(Direction.of(direction.from(), direction.to())).isEqualTo(direction);
			assertThat(direction.reverse().reverse()).isEqualTo(direction);
			assertThat(direction.from() == Endpoint.MASTER || direction.to() == Endpoint.MASTER).isTrue();
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Direction.of(Endpoint.SLAVE, Endpoint.CONTROL));
		assertThatIllegalArgumentException().isThrownBy(() -> Direction.of(Endpoint.MASTER, Endpoint.MASTER));
		Set<Direction> all = Arrays.stream(Direction.values()).collect(Collectors.toSet());
		assertThat(Direction.all()).isEqualTo(all);
		assertThat(Direction.SLAVE_TO_MASTER).hasToString("slave to master");
	}

	record OtherEvent() implements LinkEventData {
	}

	record OtherRequest(@JsonProperty("name") String name) implements LinkRequestData {
	}

	record ResultWithSeq(@JsonProperty("seq") long seq) implements LinkResponseData {
	}

	record ResultWithError(String error) implements LinkResponseData {
	}

}
