/**
 * The scheduler client: speaks the radio control protocol over Redis on behalf of this streamer.
 */
@NullMarked
package io.mediafleet.streamer.radio;

import org.jspecify.annotations.NullMarked;
