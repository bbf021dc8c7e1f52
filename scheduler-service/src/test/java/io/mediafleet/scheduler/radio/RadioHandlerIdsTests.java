package io.mediafleet.scheduler.radio;

import io.mediafleet.schema.radio.RegisterListener;
import io.mediafleet.schema.radio.UnregisterListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which id of a listener message the scheduler refuses to store, as the loop reports it back to the streamer.
 */
class RadioHandlerIdsTests {

	@Test
	void aRegisterWithSaneIdsPasses() {
		assertThat(RadioHandler.insaneId(new RegisterListener("demo", "s-1", "user-7", "streamer-a"))).isNull();
		assertThat(RadioHandler.insaneId(new RegisterListener("demo", "s-1", null, "streamer-a"))).isNull();
	}

	@Test
	void aRegisterNamesItsFirstInsaneFieldInWireOrder() {
		assertThat(RadioHandler.insaneId(new RegisterListener("../x", "a b", "u/1", null)))
			.isEqualTo("field 'radio_uuid' is not a sane identifier");
		assertThat(RadioHandler.insaneId(new RegisterListener("demo", "a b", "u/1", null)))
			.isEqualTo("field 'session_id' is not a sane identifier");
		assertThat(RadioHandler.insaneId(new RegisterListener("demo", "s-1", "u/1", null)))
			.isEqualTo("field 'user_id' is not a sane identifier");
	}

	@Test
	void anUnregisterIsCheckedByItsSessionId() {
		assertThat(RadioHandler.insaneId(new UnregisterListener("s-1"))).isNull();
		assertThat(RadioHandler.insaneId(new UnregisterListener(".s")))
			.isEqualTo("field 'session_id' is not a sane identifier");
	}

}
