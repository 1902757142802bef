/**
 * The two TOML files of the reference client, with its key names, defaults and validation
 * (katzenpost v0.0.71): {@link org.katzen4j.config.ClientConfig} for the daemon's
 * {@code client.toml} and {@link org.katzen4j.config.ThinClientConfig} for {@code thinclient.toml}.
 * Files written by the reference {@code genconfig} load unchanged.
 *
 * <p>Loading never stops at the first problem: {@code check(...)} returns a
 * {@link org.katzen4j.config.ConfigReport} with every error and warning, each a
 * {@link org.katzen4j.config.ConfigProblem} naming file, line, column and dotted key path (the basis
 * of {@code kpclientd --check-config}); {@code load(...)} throws a
 * {@link org.katzen4j.config.ConfigException} carrying the same list. Unknown keys are ignored as
 * the reference does (warnings), or rejected with {@link org.katzen4j.config.LoadOptions#STRICT}.
 *
 * <p>Owns: TOML parsing (Jackson), the key-position index, binding with Go decoding rules, and the
 * reference's load-time checks (scheme names and public-key PEM type/length against the
 * oracle-generated {@link org.katzen4j.config.HpqcSchemes} table). Leaves to others: building key
 * objects from the PEM text (crypto), interpreting {@code CachedDocument} (pki), the Sphinx geometry
 * type itself (sphinx), and what the daemon does with the values.
 */
package org.katzen4j.config;
