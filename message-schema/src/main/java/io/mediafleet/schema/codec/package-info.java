/**
 * What every protocol codec of the schema shares: the base exception, wire-code tables, limit checks.
 */
@NullMarked
package io.mediafleet.schema.codec;

import org.jspecify.annotations.NullMarked;
