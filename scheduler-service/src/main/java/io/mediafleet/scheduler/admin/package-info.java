/**
 * The scheduler's REST admin API.
 */
@NullMarked
package io.mediafleet.scheduler.admin;

import org.jspecify.annotations.NullMarked;
