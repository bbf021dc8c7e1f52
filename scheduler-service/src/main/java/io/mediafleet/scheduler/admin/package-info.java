/**
 * The scheduler's REST admin API (burn queue, burners and link tokens here), protected by the admin token.
 */
@NullMarked
package io.mediafleet.scheduler.admin;

import org.jspecify.annotations.NullMarked;
