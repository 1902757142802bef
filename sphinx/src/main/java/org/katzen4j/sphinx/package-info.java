/**
 * Sphinx geometry, packet creation and unwrap (NIKE and KEM variants), routing commands, SURBs and path selection, as in the reference core/sphinx. Depends on crypto only.
 */
package org.katzen4j.sphinx;
