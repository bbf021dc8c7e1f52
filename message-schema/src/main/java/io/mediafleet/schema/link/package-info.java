/**
 * The master/agent link over WebSocket (Clusterio's protocol): envelope, typed messages, the
 * catalogue of message types with their directions, and the JSON codec.
 */
@NullMarked
package io.mediafleet.schema.link;

import org.jspecify.annotations.NullMarked;
