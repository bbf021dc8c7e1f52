/**
 * The scheduler service (the suite's master): application entry point and its settings.
 */
@NullMarked
package io.mediafleet.scheduler;

import org.jspecify.annotations.NullMarked;
