/**
 * The radio scheduler ("Yascheduler"): Redis loop with streamers, liveness, programming, listeners, authentication
 * and their MongoDB bookkeeping.
 */
@NullMarked
package io.mediafleet.scheduler.radio;

import org.jspecify.annotations.NullMarked;
