/**
 * kpclientd: the daemon that owns all networking and cryptography, wired from small services in one place, and its command line. The top of the stack: may depend on every other module; nothing depends on it.
 */
package org.katzen4j.daemon;
