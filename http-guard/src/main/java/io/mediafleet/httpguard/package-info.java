/**
 * Admission on every service's Tomcat port before any request is read: open connections per source address,
 * counted at accept, refused before Tomcat allocates a buffer, wrapper or processor.
 */
@NullMarked
package io.mediafleet.httpguard;

import org.jspecify.annotations.NullMarked;
