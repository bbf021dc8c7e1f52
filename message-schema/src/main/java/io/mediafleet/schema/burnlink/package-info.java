/**
 * The burn farm's operations as typed link messages, shared by the scheduler's link hub and the burner agent.
 */
@NullMarked
package io.mediafleet.schema.burnlink;

import org.jspecify.annotations.NullMarked;
