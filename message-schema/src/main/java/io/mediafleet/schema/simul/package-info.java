/**
 * Synchronised playback over ZeroMQ ("simulwatch"): the JSON messages of the advise and command
 * buses between the master and its slaves, and their codec.
 */
@NullMarked
package io.mediafleet.schema.simul;

import org.jspecify.annotations.NullMarked;
