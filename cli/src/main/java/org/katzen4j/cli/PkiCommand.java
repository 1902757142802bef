package org.katzen4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.katzen4j.thinclient.PkiDocument;
import org.katzen4j.thinclient.ThinClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Prints the daemon's current PKI document. */
@Command(name = "pki", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the current PKI document: epoch, nodes by layer, services, replicas.")
final class PkiCommand implements Callable<Integer> {
    @ParentCommand
    Katzen root;

    @Option(names = {"-a", "--addresses"}, description = "also print every node's addresses")
    boolean addresses;

    @Option(names = "--services", description = "print only the services, one 'capability@node endpoint E' per line")
    boolean servicesOnly;

    @Option(names = "--save", paramLabel = "FILE", description = "also write the document's CBOR bytes, exactly as received, to FILE")
    Path save;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = root.out();
        try (ThinClient c = root.connect(false)) {
            long deadline = System.nanoTime() + root.dialTimeout.toNanos();
            while (c.pkiDocument().isEmpty() && System.nanoTime() < deadline && !c.isClosed()) {
                Thread.sleep(50);
            }
            PkiDocument doc = c.pkiDocument().orElseThrow(() -> new CliException(
                    "the daemon sent no PKI document within " + Katzen.human(root.dialTimeout)));
            if (servicesOnly) {
                PkiFormat.services(doc.body()).forEach(out::println);
            } else {
                out.println("daemon " + (c.isConnected() ? "connected" : "NOT connected") + " to the mixnet");
                PkiFormat.lines(doc.body(), addresses).forEach(out::println);
            }
            if (save != null) {
                Files.write(save, doc.bytes());
                root.err().println("wrote " + doc.bytes().length + " bytes to " + save);
                root.err().flush();
            }
            out.flush();
            return 0;
        }
    }
}
