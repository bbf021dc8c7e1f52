/**
 * The synchronised-playback master: the two ZeroMQ buses, the slave registry and the simul lifecycle.
 */
@NullMarked
package io.mediafleet.scheduler.simul;

import org.jspecify.annotations.NullMarked;
