/**
 * The radio scheduler ("Yascheduler"): Redis loop with streamers, liveness, programming, listeners, authentication
 * and their MongoDB bookkeeping. A state machine without I/O ({@link io.mediafleet.scheduler.radio.RadioHandler},
 * {@link io.mediafleet.scheduler.radio.RadioProgramme}, {@link io.mediafleet.scheduler.radio.StreamerLiveness}) talks
 * through two ports, {@link io.mediafleet.scheduler.radio.RadioPersistence} (adapter
 * {@link io.mediafleet.scheduler.radio.RadioStore}, MongoDB) and {@link io.mediafleet.scheduler.radio.RadioOutbound}
 * (adapter {@link io.mediafleet.scheduler.radio.RadioOutbox}, Redis); {@link io.mediafleet.scheduler.radio.RadioLoop}
 * drives it. See {@code docs/protocols/radio.md}.
 */
@NullMarked
package io.mediafleet.scheduler.radio;

import org.jspecify.annotations.NullMarked;
