/**
 * Keeping a playing simul in step with the group: the drift controller (pure) and the loop that feeds it mpv's
 * position and applies its speed and seek decisions, plus group pause, resume and seek at an agreed instant.
 */
@NullMarked
package io.mediafleet.player.sync;

import org.jspecify.annotations.NullMarked;
