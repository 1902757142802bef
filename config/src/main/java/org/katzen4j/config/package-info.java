/**
 * TOML models of the daemon config (client.toml) and the thin-client config (thinclient.toml), with the reference's key names, defaults and validation. Depends on sphinx and pigeonhole for the geometries.
 */
package org.katzen4j.config;
