/**
 * Per-hop routing commands of the Sphinx header (reference {@code core/sphinx/commands}): one class
 * per command with its encoding, and the block parser.
 */
package org.katzen4j.sphinx.commands;
