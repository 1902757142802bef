package org.katzen4j.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Opens the TCP connection a wire session runs over: directly, or through a SOCKS5 proxy ({@link Socks5Dialer}). */
@FunctionalInterface
public interface Dialer {
    /**
     * Connects to {@code host:port} within {@code timeout}. The host may be a name the dialer cannot
     * resolve itself (an onion address through a Tor proxy).
     */
    Socket dial(String host, int port, Duration timeout) throws IOException;

    /** Whether names are handed to a proxy instead of being resolved locally (needed for onion addresses). */
    default boolean resolvesRemotely() {
        return false;
    }

    /** A plain TCP connection with kpclientd's socket options (3-minute keep-alive, no Nagle). */
    static Dialer direct() {
        return (host, port, timeout) -> {
            Socket s = new Socket();
            try {
                WireSession.configure(s);
                s.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                return s;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        };
    }
}
