package org.katzen4j.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the handshake proved about the peer: its static (link) public key and the additional data and
 * time it sent, authenticated by possession of that key's private half.
 */
public record PeerCredentials(byte[] linkPublicKey, byte[] additionalData, long unixTime) {
    public PeerCredentials {
        linkPublicKey = linkPublicKey.clone();
        additionalData = additionalData.clone();
    }

    @Override
    public byte[] linkPublicKey() {
        return linkPublicKey.clone();
    }

    @Override
    public byte[] additionalData() {
        return additionalData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerCredentials p && unixTime == p.unixTime && Arrays.equals(linkPublicKey, p.linkPublicKey)
                && Arrays.equals(additionalData, p.additionalData);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(linkPublicKey) * 31 + Arrays.hashCode(additionalData);
    }

    @Override
    public String toString() {
        String ad = additionalData.length <= 32 ? HexFormat.of().formatHex(additionalData) : additionalData.length + " bytes";
        return "PeerCredentials[linkKey=" + linkPublicKey.length + " bytes, ad=" + ad + ", unixTime=" + unixTime + "]";
    }
}
