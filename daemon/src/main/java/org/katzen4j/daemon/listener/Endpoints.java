package org.katzen4j.daemon.listener;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binding the listening socket for the reference's network names and address formats. */
final class Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);

    private Endpoints() {
    }

    /** A bound server channel and, for UNIX sockets, the path to remove on close. */
    record Bound(ServerSocketChannel channel, Path socketFile) {
    }

    static Bound bind(String network, String address) throws IOException {
        return switch (network) {
            case "tcp", "tcp4", "tcp6" -> new Bound(bindTcp(network, address), null);
            case "unix" -> throw new IllegalStateException("use bindUnix");
            default -> throw new IOException("incorrect network type \"" + network + "\" (want tcp, tcp4, tcp6 or unix)");
        };
    }

    /** {@code host:port}, {@code [v6]:port} or {@code :port}. */
    static InetSocketAddress parseTcp(String network, String address) throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IOException("TCP address \"" + address + "\" has no port");
        }
        String host = address.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("TCP address \"" + address + "\" has a bad port");
        }
        if (port < 0 || port > 65535) {
            throw new IOException("TCP port out of range in \"" + address + "\"");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            // ":port": loopback, not every interface as in the reference
            return new InetSocketAddress(network.equals("tcp6") ? InetAddress.getByName("::1")
                    : InetAddress.getByName("127.0.0.1"), port);
        }
        for (InetAddress a : InetAddress.getAllByName(host)) {
            boolean ok = switch (network) {
                case "tcp4" -> a instanceof Inet4Address;
                case "tcp6" -> a instanceof Inet6Address;
                default -> true;
            };
            if (ok) {
                return new InetSocketAddress(a, port);
            }
        }
        throw new IOException("no " + network + " address for host \"" + host + "\"");
    }

    private static ServerSocketChannel bindTcp(String network, String address) throws IOException {
        InetSocketAddress sa = parseTcp(network, address);
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.bind(sa);
            if (!sa.getAddress().isLoopbackAddress()) {
                LOG.warn("thin-client listener bound to {} {}, which is not a loopback address: any host that can"
                        + " reach it can use this daemon (the thin-client protocol has no authentication)", network,
                        ch.getLocalAddress());
            }
            return ch;
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot listen on " + network + " " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds a UNIX socket at {@code path}. An existing file that is a live socket is an error;
     * a stale socket (nobody accepts) is removed; anything else (regular file, directory,
     * symlink) is refused. With {@code ownerOnly} the socket is bound inside a fresh 0700
     * directory next to the target, set to 0600 and renamed into place, so no other user can
     * ever connect through a briefly wider mode.
     */
    static Bound bindUnix(String address, boolean ownerOnly) throws IOException {
        if (address.startsWith("@")) {
            throw new IOException("abstract UNIX socket \"" + address + "\" is not supported (JDK limitation)");
        }
        Path target = Path.of(address).toAbsolutePath();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                    || Files.isSymbolicLink(target)) {
                throw new IOException("refusing to replace " + target + ": not a socket");
            }
            if (isLive(target)) {
                throw new IOException("address already in use: another process accepts on " + target);
            }
            LOG.info("removing stale thin-client socket {}", target);
            Files.delete(target);
        }
        if (!ownerOnly) {
            ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(target));
            return new Bound(ch, target);
        }
        Path parent = target.getParent();
        Path dir = Files.createTempDirectory(parent, ".k4j-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path tmp = dir.resolve("s");
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(tmp));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Bound(ch, target);
        } catch (IOException e) {
            ch.close();
            Files.deleteIfExists(tmp);
            throw new IOException("cannot listen on unix " + target + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static boolean isLive(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
