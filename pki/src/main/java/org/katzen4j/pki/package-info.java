/**
 * The PKI consensus: document and node descriptors (CBOR), certificates and threshold verification against the directory authorities, epoch time, topology and services. Unverified documents become Document only by verify(). Depends on crypto and sphinx (the geometry in the document).
 */
package org.katzen4j.pki;
