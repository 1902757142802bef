/**
 * {@code katzen}: the command-line tool a person uses against a running client daemon
 * ({@code kpclientd}, katzen4j's or the Go reference), built on the Java thin client.
 *
 * <p>{@link org.katzen4j.cli.Katzen} is the picocli root command; its subcommands are
 * {@code ping} (echo round trips with statistics), {@code pki} (the current document),
 * {@code send}/{@code listen} (legacy SURB messages and the daemon's events) and
 * {@code channel new|write|read|resume} (Pigeonhole channels whose capabilities live in files,
 * see {@link org.katzen4j.cli.CapFile}).
 */
package org.katzen4j.cli;
