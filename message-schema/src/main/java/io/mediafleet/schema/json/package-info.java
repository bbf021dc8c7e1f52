/**
 * Jackson 3 support shared by the JSON protocols (radio, link, simul): bounded parsing and
 * translation of Jackson's errors into a protocol's codec exception.
 */
@NullMarked
package io.mediafleet.schema.json;

import org.jspecify.annotations.NullMarked;
