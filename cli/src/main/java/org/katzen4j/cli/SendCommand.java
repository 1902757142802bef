package org.katzen4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Sends one legacy (SURB) message to a service and prints the reply. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send one legacy message to a service (e.g. echo) and print its reply.",
                "The reply is printed as text when it is UTF-8 (trailing zero padding removed), else as hex."})
final class SendCommand implements Callable<Integer> {
    @ParentCommand
    Katzen root;

    @Option(names = {"-s", "--service"}, defaultValue = "echo", description = "service capability (default: ${DEFAULT-VALUE})")
    String service;

    @Option(names = "--node", paramLabel = "NAME", description = "service node to use (default: a random one offering the service)")
    String node;

    @Option(names = "--arq", description = "send with the daemon's ARQ (retransmitted until a reply arrives)")
    boolean arq;

    @Option(names = "--no-reply", description = "do not wait for a reply")
    boolean noReply;

    @Option(names = "--hex", description = "print the reply as hex")
    boolean hex;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Payload payload;

    static final class Payload {
        @Parameters(paramLabel = "MESSAGE", description = "message text")
        String text;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "read the message from FILE ('-' for stdin)")
        Path file;
    }

    @Override
    public Integer call() throws Exception {
        byte[] message = payload.text != null ? payload.text.getBytes(StandardCharsets.UTF_8) : readInput(payload.file);
        PrintWriter out = root.out();
        try (ThinClient c = root.connect(true)) {
            Destination dest = pick(c, service, node);
            if (noReply) {
                c.sendMessageWithoutReply(message, dest);
                out.printf("sent %d bytes to %s@%s%n", message.length, dest.capability(), dest.nodeName());
                out.flush();
                return 0;
            }
            long t0 = System.nanoTime();
            byte[] reply = arq ? c.blockingSendReliableMessage(c.newMessageId(), message, dest, root.timeout)
                    : c.blockingSendMessage(message, dest, root.timeout);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            root.err().printf("reply from %s@%s after %d ms (%d bytes)%n", dest.capability(), dest.nodeName(), ms,
                    reply.length);
            root.err().flush();
            out.println(hex ? java.util.HexFormat.of().formatHex(reply) : Text.show(reply));
            out.flush();
            return 0;
        }
    }

    static byte[] readInput(Path file) throws IOException {
        if (file.toString().equals("-")) {
            return System.in.readAllBytes();
        }
        return Files.readAllBytes(file);
    }

    /** The service on {@code node}, or a random node offering it. */
    static Destination pick(ThinClient c, String service, String node) throws ThinClientException, CliException {
        if (node == null) {
            return c.getService(service);
        }
        List<Destination> all = c.getServices(service);
        for (Destination d : all) {
            if (d.nodeName().equals(node)) {
                return d;
            }
        }
        throw new CliException("no service node named \"" + node + "\" offers \"" + service + "\" (offered by "
                + all.stream().map(Destination::nodeName).toList() + ")");
    }
}
