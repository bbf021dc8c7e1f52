package io.mediafleet.schema.radio;

/**
 * Any radio control message; the direction decides which of the two sealed families it belongs to,
 * because both directions use some of the same type names ({@code test},
 * {@code user_authentication}) with different fields.
 */
public sealed interface RadioMessage permits StreamerMessage, SchedulerMessage {

}
