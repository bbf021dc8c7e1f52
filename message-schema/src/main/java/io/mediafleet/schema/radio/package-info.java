/**
 * Radio control over Redis pub/sub: the JSON messages between streamers and the scheduler, their
 * codec and the channel names they travel on.
 */
@NullMarked
package io.mediafleet.schema.radio;

import org.jspecify.annotations.NullMarked;
