package org.katzen4j.daemon.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.katzen4j.config.ClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves {@link MetricsRegistry#scrape()} on {@code GET /metrics} (and {@code HEAD}) with the JDK's
 * HTTP server, one worker thread. Binds a loopback address only: any other address is refused
 * unless {@code allowNonLoopback}, and then logged at WARN (the endpoint has no authentication).
 * Other paths answer 404, other methods 405.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    /** The metrics address cannot be used. */
    public static final class MetricsException extends IOException {
        private static final long serialVersionUID = 1L;

        public MetricsException(String message) {
            super(message);
        }
    }

    private final HttpServer server;
    private final ExecutorService exec;

    private MetricsServer(HttpServer server, ExecutorService exec) {
        this.server = server;
        this.exec = exec;
    }

    /**
     * @param address {@code host:port}, {@code [v6]:port} or {@code localhost:port} (port 0: any free port)
     */
    public static MetricsServer start(String address, boolean allowNonLoopback, MetricsRegistry registry)
            throws IOException {
        InetSocketAddress bind = check(address, allowNonLoopback);
        if (!bind.getAddress().isLoopbackAddress()) {
            LOG.warn("metrics endpoint on {}: not a loopback address, anyone who can reach it can read the daemon's "
                    + "metrics (no authentication)", address);
        }
        HttpServer s = HttpServer.create(bind, 8);
        ExecutorService exec = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("metrics-http").factory());
        s.setExecutor(exec);
        s.createContext("/", ex -> handle(ex, registry));
        s.start();
        MetricsServer m = new MetricsServer(s, exec);
        LOG.info("metrics: Prometheus text format on http://{}/metrics", m.addressString());
        return m;
    }

    /**
     * The socket address to bind for {@code address}, or why it cannot be used (not host:port with an
     * IP literal or localhost; not loopback without {@code allowNonLoopback}). Does no name lookup.
     */
    public static InetSocketAddress check(String address, boolean allowNonLoopback) throws MetricsException {
        Optional<String> problem = ClientConfig.Metrics.addressProblem(address);
        if (problem.isPresent()) {
            throw new MetricsException("metrics address '" + address + "' " + problem.get());
        }
        boolean bracketed = address.startsWith("[");
        int colon = address.lastIndexOf(':');
        String host = bracketed ? address.substring(1, address.indexOf(']')) : address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        InetAddress ip;
        try {
            ip = host.equalsIgnoreCase("localhost") ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByName(host); // an IP literal: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new MetricsException("metrics address '" + address + "': " + e.getMessage());
        }
        if (!ip.isLoopbackAddress() && !allowNonLoopback) {
            throw new MetricsException("metrics address '" + address + "' is not a loopback address; refusing to "
                    + "serve metrics there without an explicit override ([Metrics] AllowNonLoopback = true or "
                    + "--metrics-allow-non-loopback)");
        }
        return new InetSocketAddress(ip, port);
    }

    private static void handle(HttpExchange ex, MetricsRegistry registry) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!ex.getRequestURI().getPath().equals("/metrics")) {
                reply(ex, 404, "not found: metrics are on /metrics\n", false);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(ex, 405, "method not allowed\n", false);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", MetricsRegistry.CONTENT_TYPE);
            reply(ex, 200, registry.scrape(), method.equals("HEAD"));
        } catch (RuntimeException e) {
            LOG.warn("metrics request failed: {}", e.toString());
        }
    }

    private static void reply(HttpExchange ex, int status, String body, boolean head) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        ex.sendResponseHeaders(status, head ? -1 : b.length);
        if (!head) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code host:port} as bound ({@code [v6]:port} for IPv6). */
    public String addressString() {
        InetSocketAddress a = server.getAddress();
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        exec.shutdownNow();
    }
}
