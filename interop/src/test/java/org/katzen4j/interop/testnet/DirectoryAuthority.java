package org.katzen4j.interop.testnet;

import java.util.List;

/**
 * One voting directory authority as the reference client configuration lists it.
 *
 * @param identifier          the authority's name, e.g. {@code auth1}
 * @param identityPublicKeyPem its signing key, PEM ({@code ED25519 PUBLIC KEY})
 * @param linkPublicKeyPem     its wire (PQ Noise) key, PEM ({@code XWING PUBLIC KEY})
 * @param addresses            its listening addresses, e.g. {@code tcp://127.0.0.1:30001}
 */
public record DirectoryAuthority(
    String identifier, String identityPublicKeyPem, String linkPublicKeyPem, List<String> addresses) {

  public DirectoryAuthority {
    addresses = List.copyOf(addresses);
  }
}
