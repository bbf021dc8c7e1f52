/**
 * The scheduler's REST admin API (radio, burn farm, link tokens, simul), protected by the admin token.
 */
@NullMarked
package io.mediafleet.scheduler.admin;

import org.jspecify.annotations.NullMarked;
