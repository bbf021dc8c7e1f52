/**
 * The agent side of a link session, shared by every kind of link agent: connect, register, heartbeats, reconnect
 * with backoff, resume with replay; the agent supplies its catalogue and what to do with its messages.
 */
@NullMarked
package io.mediafleet.link.client;

import org.jspecify.annotations.NullMarked;
