package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message the scheduler publishes on one streamer's channel ({@code yastream.<id>}); the JSON
 * {@code type} field selects the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
		@JsonSubTypes.Type(value = Ping.class, name = Ping.TYPE),
		@JsonSubTypes.Type(value = SchedulerTest.class, name = SchedulerTest.TYPE),
		@JsonSubTypes.Type(value = RadioStarted.class, name = RadioStarted.TYPE),
		@JsonSubTypes.Type(value = RadioExists.class, name = RadioExists.TYPE),
		@JsonSubTypes.Type(value = RadioUnknown.class, name = RadioUnknown.TYPE),
		@JsonSubTypes.Type(value = RadioStopped.class, name = RadioStopped.TYPE),
		@JsonSubTypes.Type(value = Play.class, name = Play.TYPE),
		@JsonSubTypes.Type(value = UserAuthenticationResult.class, name = UserAuthenticationResult.TYPE) })
public sealed interface SchedulerMessage extends RadioMessage permits Ping, SchedulerTest, RadioStarted, RadioExists,
		RadioUnknown, RadioStopped, Play, UserAuthenticationResult {

}
