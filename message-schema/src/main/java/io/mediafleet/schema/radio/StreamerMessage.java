package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message a streamer publishes on the scheduler's channel ({@code yascheduler}); the JSON
 * {@code type} field selects the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
		@JsonSubTypes.Type(value = RegisterStreamer.class, name = RegisterStreamer.TYPE),
		@JsonSubTypes.Type(value = UnregisterStreamer.class, name = UnregisterStreamer.TYPE),
		@JsonSubTypes.Type(value = Pong.class, name = Pong.TYPE),
		@JsonSubTypes.Type(value = UserAuthenticationRequest.class, name = UserAuthenticationRequest.TYPE),
		@JsonSubTypes.Type(value = PlayRadio.class, name = PlayRadio.TYPE),
		@JsonSubTypes.Type(value = StopRadio.class, name = StopRadio.TYPE),
		@JsonSubTypes.Type(value = RegisterListener.class, name = RegisterListener.TYPE),
		@JsonSubTypes.Type(value = UnregisterListener.class, name = UnregisterListener.TYPE),
		@JsonSubTypes.Type(value = StreamerTest.class, name = StreamerTest.TYPE) })
public sealed interface StreamerMessage extends RadioMessage permits RegisterStreamer, UnregisterStreamer, Pong,
		UserAuthenticationRequest, PlayRadio, StopRadio, RegisterListener, UnregisterListener, StreamerTest {

}
