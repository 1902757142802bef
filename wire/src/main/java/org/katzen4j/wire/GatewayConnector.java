package org.katzen4j.wire;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.katzen4j.crypto.KemPrivateKey;
import org.katzen4j.crypto.KemScheme;
import org.katzen4j.wire.noise.NoiseKem;

/**
 * Dials a gateway the way kpclientd does (client2/connection.go): each connection gets a fresh
 * link key of the wire KEM and a fresh queue ID (lowercase hex of 16 random bytes, 32 ASCII bytes);
 * the gateway's addresses are tried in the given order; the gateway must present exactly the
 * expected link key and the hash of the expected identity key.
 *
 * <p>{@code tcp://host:port} is dialled through the {@link Dialer} (direct, or SOCKS5 as the
 * {@code [UpstreamProxy]} says); {@code onion://host:port} only through a dialer that resolves names
 * remotely (a Tor SOCKS port). {@code quic://} is not implemented; it and schemes the reference's
 * dialer does not know ({@code tcp4://}, {@code tcp6://}, {@code ws://}) are skipped with the reason
 * recorded in the final error.
 */
public final class GatewayConnector {
    /** The gateway to reach: from the PKI document's descriptor or the pinned-gateway config. */
    public record Gateway(String name, byte[] identityKey, byte[] linkKey, List<String> addresses) {
        public Gateway {
            Objects.requireNonNull(name);
            identityKey = identityKey.clone();
            linkKey = linkKey.clone();
            addresses = List.copyOf(addresses);
        }

        @Override
        public byte[] identityKey() {
            return identityKey.clone();
        }

        @Override
        public byte[] linkKey() {
            return linkKey.clone();
        }

        @Override
        public String toString() {
            return "Gateway[" + name + ", " + addresses + "]";
        }
    }

    /** An established session and the queue ID it authenticated with (the SURB recipient of this connection). */
    public record Connection(WireSession session, byte[] queueId, String address) {
        public Connection {
            queueId = queueId.clone();
        }

        @Override
        public byte[] queueId() {
            return queueId.clone();
        }
    }

    private final KemScheme wireKem;
    private final WireSession.Config config;
    private final SecureRandom random;
    private final Dialer dialer;

    public GatewayConnector(KemScheme wireKem, WireSession.Config config, SecureRandom random) {
        this(wireKem, config, random, Dialer.direct());
    }

    public GatewayConnector(KemScheme wireKem, WireSession.Config config, SecureRandom random, Dialer dialer) {
        this.dialer = Objects.requireNonNull(dialer);
        this.wireKem = Objects.requireNonNull(wireKem);
        this.config = Objects.requireNonNull(config);
        this.random = Objects.requireNonNull(random);
        if (!config.kem().name().equals(wireKem.name())) {
            throw new IllegalArgumentException("session KEM " + config.kem().name() + " is not " + wireKem.name());
        }
    }

    /** A fresh queue ID as kpclientd makes it. */
    public static byte[] newQueueId(SecureRandom random) {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Tries each address until a handshake completes. A gateway that fails authentication is not
     * retried on its other addresses (it is the wrong peer, not a bad route).
     */
    public Connection connect(Gateway gateway) throws WireException {
        try {
            return connect(gateway, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(WireException.Kind.CLOSED, "interrupted", e);
        }
    }

    /**
     * As {@link #connect(Gateway)}, but waits {@code backoff.nextDelay()} before each dial attempt,
     * as kpclientd's connect loop does (per address, not per gateway).
     */
    public Connection connect(Gateway gateway, ReconnectBackoff backoff) throws WireException, InterruptedException {
        PeerAuthenticator auth = PeerAuthenticator.gateway(gateway.linkKey(), gateway.identityKey());
        List<String> problems = new ArrayList<>();
        WireException last = null;
        for (String url : gateway.addresses()) {
            Target addr;
            try {
                addr = target(url, dialer.resolvesRemotely());
            } catch (UnsupportedAddressException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (backoff != null) {
                Duration wait = backoff.nextDelay();
                if (!wait.isZero()) {
                    Thread.sleep(wait);
                }
            }
            byte[] queueId = newQueueId(random);
            try (KemPrivateKey linkKey = wireKem.generate(random)) {
                WireSession s = WireSession.connect(dialer, addr.host(), addr.port(), config, NoiseKem.local(linkKey),
                        queueId, auth);
                return new Connection(s, queueId, url);
            } catch (PeerAuthenticationException e) {
                throw e;
            } catch (WireException e) {
                last = e;
                problems.add(url + ": " + e.getMessage());
            }
        }
        String why = gateway + ": no address worked (" + String.join("; ", problems) + ")";
        if (last != null) {
            throw new TransportException(last.kind(), why, last);
        }
        throw new TransportException(WireException.Kind.IO, why);
    }

    /** Thrown for addresses this connector cannot dial. */
    public static final class UnsupportedAddressException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedAddressException(String m) {
            super(m);
        }
    }

    /** Where to dial. */
    public record Target(String host, int port) {}

    /**
     * Parses a gateway address URL: {@code tcp://host:port} always, {@code onion://host:port} when
     * {@code viaProxy} (names resolved by the proxy); anything else is unsupported here.
     */
    public static Target target(String url, boolean viaProxy) throws UnsupportedAddressException {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new UnsupportedAddressException(url + ": not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "tcp", "onion" -> {
                if (scheme.equals("onion") && !viaProxy) {
                    throw new UnsupportedAddressException(url + ": onion addresses need a SOCKS5 (Tor) proxy");
                }
                if (u.getHost() == null || u.getPort() < 1 || u.getPort() > 65535) {
                    throw new UnsupportedAddressException(url + ": needs host and port");
                }
                String host = u.getHost();
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                return new Target(host, u.getPort());
            }
            case "quic" -> throw new UnsupportedAddressException(url + ": quic transport not implemented");
            default -> throw new UnsupportedAddressException(url + ": unsupported scheme (the reference dials tcp, onion, quic)");
        }
    }

    /** {@code tcp://host:port} as a socket address (resolved locally). */
    public static InetSocketAddress tcpAddress(String url) throws UnsupportedAddressException {
        Target t = target(url, false);
        if (!url.regionMatches(true, 0, "tcp:", 0, 4)) {
            throw new UnsupportedAddressException(url + ": not a tcp:// address");
        }
        return new InetSocketAddress(t.host(), t.port());
    }
}
