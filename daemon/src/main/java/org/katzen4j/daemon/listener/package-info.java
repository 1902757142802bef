/**
 * The daemon's thin-client listener: accepts apps over TCP or a UNIX socket, gives each
 * connection an {@link org.katzen4j.daemon.listener.AppId}, reads length-prefixed CBOR requests
 * and hands them to an {@link org.katzen4j.daemon.listener.Engine}, and writes the engine's
 * replies and events back to the right app (one writer per connection). Owns framing limits,
 * connection lifecycle and the on-connect status/PKI frames; owns no mixnet logic.
 */
package org.katzen4j.daemon.listener;
