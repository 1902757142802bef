/**
 * The thin-client protocol (length-prefixed CBOR frames, every request, reply and event, error codes) shared by daemon and applications, and the Java thin-client library. Depends on pki (documents) and config (thinclient.toml); never on the daemon.
 */
package org.katzen4j.thinclient;
