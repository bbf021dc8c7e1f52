/**
 * The burner's side of the master/agent link: what a burner says and does on a session run by the shared
 * {@code link-client} (reconnect, session resume and replay).
 */
@NullMarked
package io.mediafleet.burner.link;

import org.jspecify.annotations.NullMarked;
