package org.katzen4j.config;

import java.util.Locale;
import java.util.Optional;

import org.katzen4j.config.ConfigProblem.Kind;

/**
 * The katzen4j-only sections of client.toml, {@code [Metrics]} and {@code [Listener]}. The reference
 * decodes client.toml with BurntSushi's {@code toml.Unmarshal}, which ignores tables its struct has
 * no field for, so a file with these sections still loads in the Go kpclientd (and they have no
 * effect there). Section and key names match case-insensitively, as the reference's own sections.
 */
final class Extensions {

    private Extensions() {
    }

    static final String ENABLE = "Enable";
    static final String ADDRESS = "Address";
    static final String ALLOW_NON_LOOPBACK = "AllowNonLoopback";

    static final String MAX_FRAME_SIZE = "MaxFrameSize";
    static final String MAX_APPS = "MaxApps";
    static final String MAX_PENDING = "MaxPendingRequestsPerApp";
    static final String MAX_CHANNELS = "MaxChannelsPerApp";
    static final String MAX_QUEUED_FRAMES = "MaxQueuedFramesPerApp";
    static final String UNIX_SOCKET_OWNER_ONLY = "UnixSocketOwnerOnly";

    /** Smallest accepted {@code MaxFrameSize}: below this no request with a payload fits. */
    static final int MIN_FRAME_SIZE = 1024;
    /** Channel ids are 16-bit: no app can hold more. */
    static final int MAX_CHANNEL_IDS = 0xffff;

    static ClientConfig.Metrics metrics(TomlTable root, String section) {
        if (!root.has(section)) {
            return ClientConfig.Metrics.DISABLED;
        }
        Optional<TomlTable> ot = root.table(section, true);
        if (ot.isEmpty()) {
            return ClientConfig.Metrics.DISABLED;
        }
        TomlTable t = ot.get();
        boolean enable = t.bool(ENABLE).orElse(false);
        Optional<String> address = t.string(ADDRESS);
        boolean allow = t.bool(ALLOW_NON_LOOPBACK).orElse(false);
        t.finish("[" + section + "]");
        String a = address.orElse(ClientConfig.Metrics.DEFAULT_ADDRESS);
        if (address.isPresent()) {
            Optional<String> problem = addressProblem(a);
            if (problem.isPresent()) {
                t.source().error(t.fieldPath(ADDRESS), Kind.INVALID, "'" + a + "' " + problem.get());
                return ClientConfig.Metrics.DISABLED;
            }
            if (!isLoopbackHost(hostOf(a))) {
                if (allow) {
                    t.source().warning(t.fieldPath(ADDRESS), Kind.INVALID, "'" + a + "' is not a loopback address:"
                            + " anyone who can reach it can read the daemon's metrics (AllowNonLoopback = true)");
                } else {
                    t.source().error(t.fieldPath(ADDRESS), Kind.INVALID, "'" + a + "' is not a loopback address; "
                            + "metrics are served on loopback only (127.0.0.1, ::1, localhost) unless "
                            + ALLOW_NON_LOOPBACK + " = true");
                    return ClientConfig.Metrics.DISABLED;
                }
            }
        }
        return new ClientConfig.Metrics(enable, a, allow);
    }

    static ClientConfig.ListenerLimits listenerLimits(TomlTable root, String section, int userForwardPayloadLength) {
        if (!root.has(section)) {
            return ClientConfig.ListenerLimits.DEFAULTS;
        }
        Optional<TomlTable> ot = root.table(section, true);
        if (ot.isEmpty()) {
            return ClientConfig.ListenerLimits.DEFAULTS;
        }
        TomlTable t = ot.get();
        Optional<Integer> frame = atLeast(t, MAX_FRAME_SIZE, MIN_FRAME_SIZE);
        Optional<Integer> apps = atLeast(t, MAX_APPS, 1);
        Optional<Integer> pending = atLeast(t, MAX_PENDING, 1);
        Optional<Integer> channels = atLeast(t, MAX_CHANNELS, 1);
        if (channels.isPresent() && channels.get() > MAX_CHANNEL_IDS) {
            t.source().error(t.fieldPath(MAX_CHANNELS), Kind.INVALID, "must be at most " + MAX_CHANNEL_IDS
                    + " (channel ids are 16-bit)");
            channels = Optional.empty();
        }
        Optional<Integer> queued = atLeast(t, MAX_QUEUED_FRAMES, 1);
        Optional<Boolean> ownerOnly = t.bool(UNIX_SOCKET_OWNER_ONLY);
        t.finish("[" + section + "]");
        int roomy = userForwardPayloadLength + 4096;
        if (frame.isPresent() && userForwardPayloadLength > 0 && frame.get() < roomy) {
            t.source().warning(t.fieldPath(MAX_FRAME_SIZE), Kind.INVALID, frame.get() + " bytes: a request carrying a"
                    + " full payload (UserForwardPayloadLength " + userForwardPayloadLength + ") may not fit; its app"
                    + " would be disconnected (suggested at least " + roomy + ")");
        }
        if (ownerOnly.isPresent() && !ownerOnly.get()) {
            t.source().warning(t.fieldPath(UNIX_SOCKET_OWNER_ONLY), Kind.INVALID,
                    "false: a UNIX socket is created with the process umask; other local users may be able to use "
                            + "the daemon");
        }
        return new ClientConfig.ListenerLimits(frame, apps, pending, channels, queued, ownerOnly);
    }

    private static Optional<Integer> atLeast(TomlTable t, String key, int min) {
        Optional<Integer> v = t.integer(key);
        if (v.isPresent() && v.get() < min) {
            t.source().error(t.fieldPath(key), Kind.INVALID, "must be at least " + min + ", got " + v.get());
            return Optional.empty();
        }
        return v;
    }

    /** Null-free reason why {@code a} is not {@code host:port} with a literal IP or localhost host. */
    static Optional<String> addressProblem(String a) {
        String host;
        String port;
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0 || close + 1 >= a.length() || a.charAt(close + 1) != ':') {
                return Optional.of("is not host:port ([IPv6]:port)");
            }
            host = a.substring(1, close);
            port = a.substring(close + 2);
            if (!isIpLiteral(host) || !host.contains(":")) {
                return Optional.of("has no IPv6 address in brackets");
            }
        } else {
            int colon = a.lastIndexOf(':');
            if (colon <= 0) {
                return Optional.of("is not host:port (an IP address or localhost, then the port)");
            }
            host = a.substring(0, colon);
            port = a.substring(colon + 1);
            if (host.contains(":")) {
                return Optional.of("needs brackets around an IPv6 address ([::1]:port)");
            }
            if (!host.equalsIgnoreCase("localhost") && !isIpLiteral(host)) {
                return Optional.of("host must be an IP address or localhost (no name lookups)");
            }
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)
                || Integer.parseInt(port) > 65535) {
            return Optional.of("port must be 0 to 65535");
        }
        return Optional.empty();
    }

    /** The host part of a valid address (without brackets). */
    static String hostOf(String a) {
        if (a.startsWith("[")) {
            return a.substring(1, a.indexOf(']'));
        }
        return a.substring(0, a.lastIndexOf(':'));
    }

    static boolean isLoopbackHost(String host) {
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        try {
            return isIpLiteral(host) && java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String h) {
        if (h.isEmpty()) {
            return false;
        }
        if (h.contains(":")) {
            return h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
