/**
 * How nodes of the fleet name themselves on the wire when no name is configured.
 */
@NullMarked
package io.mediafleet.schema.node;

import org.jspecify.annotations.NullMarked;
