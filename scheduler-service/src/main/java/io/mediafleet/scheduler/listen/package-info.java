/**
 * The one listen URL per radio: {@code /listen/{radio}} redirects each new listener to the live streamer with the
 * most headroom, from the load the streamers report (see docs/listening.md).
 */
@NullMarked
package io.mediafleet.scheduler.listen;

import org.jspecify.annotations.NullMarked;
