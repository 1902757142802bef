/**
 * The Java thin client: {@link org.katzen4j.thinclient.ThinClient} connects an application to
 * a Katzenpost client daemon (the Go {@code kpclientd} of v0.0.71 or katzen4j's) over TCP or a
 * UNIX socket, as configured by {@code thinclient.toml} (loaded by the config module).
 *
 * <pre>{@code
 * try (ThinClient c = ThinClient.dial(Path.of("thinclient.toml"))) {
 *     Destination echo = c.getService(ThinClient.ECHO);
 *     byte[] reply = c.blockingSendMessage(payload, echo, Duration.ofMinutes(2));
 *     CreateWriteChannelReply ch = ThinClient.await(c.createWriteChannel(), Duration.ofMinutes(1));
 *     try (Subscription events = c.subscribe(e -> System.out.println(e))) { ... }
 * }
 * }</pre>
 *
 * Depends on pki (documents) and config (thinclient.toml); never on the daemon. The wire format
 * lives in {@link org.katzen4j.thinclient.protocol}.
 */
package org.katzen4j.thinclient;
