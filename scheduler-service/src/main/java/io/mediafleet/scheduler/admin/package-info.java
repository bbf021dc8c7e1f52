/**
 * The scheduler's REST admin API under {@code /api/admin}, protected by a bearer token from configuration.
 */
@NullMarked
package io.mediafleet.scheduler.admin;

import org.jspecify.annotations.NullMarked;
