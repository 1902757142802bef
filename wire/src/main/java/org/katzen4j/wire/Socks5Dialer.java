package org.katzen4j.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Connects through a SOCKS5 proxy (RFC 1928, CONNECT only; RFC 1929 username/password when set),
 * handing the destination name to the proxy unresolved: the {@code [UpstreamProxy]} types
 * {@code socks5} and {@code tor+socks5} of the reference client (client2/proxy). For Tor, the
 * reference isolates streams by sending a per-process tag as the username and a single NUL byte as
 * the password; {@link #tor} does the same.
 */
public final class Socks5Dialer implements Dialer {
    private final InetSocketAddress proxy;
    private final byte[] user;
    private final byte[] password;

    /** @param user and {@code password} both null (no authentication) or both 1..255 bytes */
    public Socks5Dialer(InetSocketAddress proxy, String user, String password) {
        this.proxy = Objects.requireNonNull(proxy);
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("SOCKS5 user and password must both be set or both be absent");
        }
        this.user = user == null ? null : user.getBytes(StandardCharsets.UTF_8);
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        if (this.user != null && (this.user.length < 1 || this.user.length > 255 || this.password.length < 1
                || this.password.length > 255)) {
            throw new IllegalArgumentException("SOCKS5 user and password must be 1..255 bytes");
        }
    }

    private static final String PROCESS_TAG = processTag();

    /** Tor's SOCKS port with the reference's stream isolation for {@code tag}. */
    public static Socks5Dialer tor(InetSocketAddress proxy, String tag) {
        return new Socks5Dialer(proxy, PROCESS_TAG + HexFormat.of().formatHex(Arrays.copyOf(sha512_256(
                tag.getBytes(StandardCharsets.UTF_8)), 16)), "\0");
    }

    private static String processTag() {
        byte[] r = new byte[8];
        new SecureRandom().nextBytes(r);
        return "katzenpost/client:" + HexFormat.of().formatHex(r) + ":";
    }

    private static byte[] sha512_256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-512/256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean resolvesRemotely() {
        return true;
    }

    @Override
    public Socket dial(String host, int port, Duration timeout) throws IOException {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        if (name.length < 1 || name.length > 255 || port < 1 || port > 65535) {
            throw new IOException("SOCKS5: bad destination " + host + ":" + port);
        }
        Socket s = Dialer.direct().dial(proxy.getHostString(), proxy.getPort(), timeout);
        try {
            s.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            boolean auth = user != null;
            out.write(auth ? new byte[] {5, 1, 2} : new byte[] {5, 1, 0});
            out.flush();
            byte[] choice = read(in, 2);
            if (choice[0] != 5 || choice[1] != (auth ? 2 : 0)) {
                throw new IOException("SOCKS5 proxy refused our authentication method");
            }
            if (auth) {
                byte[] req = new byte[3 + user.length + password.length];
                req[0] = 1;
                req[1] = (byte) user.length;
                System.arraycopy(user, 0, req, 2, user.length);
                req[2 + user.length] = (byte) password.length;
                System.arraycopy(password, 0, req, 3 + user.length, password.length);
                out.write(req);
                out.flush();
                byte[] ok = read(in, 2);
                if (ok[1] != 0) {
                    throw new IOException("SOCKS5 proxy rejected the username/password");
                }
            }
            byte[] connect = new byte[7 + name.length];
            connect[0] = 5;
            connect[1] = 1; // CONNECT
            connect[3] = 3; // domain name
            connect[4] = (byte) name.length;
            System.arraycopy(name, 0, connect, 5, name.length);
            connect[5 + name.length] = (byte) (port >>> 8);
            connect[6 + name.length] = (byte) port;
            out.write(connect);
            out.flush();
            byte[] head = read(in, 4);
            if (head[0] != 5) {
                throw new IOException("SOCKS5: bad reply version");
            }
            if (head[1] != 0) {
                throw new IOException("SOCKS5 CONNECT to " + host + ":" + port + " failed with code " + (head[1] & 0xff));
            }
            int addrLen = switch (head[3]) {
                case 1 -> 4;
                case 4 -> 16;
                case 3 -> read(in, 1)[0] & 0xff;
                default -> throw new IOException("SOCKS5: bad address type in reply");
            };
            read(in, addrLen + 2);
            s.setSoTimeout(0);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static byte[] read(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("SOCKS5 proxy closed the connection");
        }
        return b;
    }

    @Override
    public String toString() {
        return "Socks5Dialer[" + proxy + (user != null ? ", with credentials]" : "]");
    }
}
