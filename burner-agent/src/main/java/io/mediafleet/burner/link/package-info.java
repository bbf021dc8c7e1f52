/**
 * The burner's side of the master/agent link: a slave with reconnect, session resume and replay.
 */
@NullMarked
package io.mediafleet.burner.link;

import org.jspecify.annotations.NullMarked;
