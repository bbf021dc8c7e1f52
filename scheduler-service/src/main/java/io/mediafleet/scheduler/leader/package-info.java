/**
 * Leader election between schedulers: a lease in MongoDB decides which instance starts its application, the others
 * wait as hot standbys.
 */
@NullMarked
package io.mediafleet.scheduler.leader;

import org.jspecify.annotations.NullMarked;
