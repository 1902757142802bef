package org.katzen4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;

import org.katzen4j.thinclient.Destination;
import org.katzen4j.thinclient.ThinClient;
import org.katzen4j.thinclient.ThinClientException;
import org.katzen4j.thinclient.protocol.MessageBoxIndex;
import org.katzen4j.thinclient.protocol.ThinResponse.CreateWriteChannelReply;
import org.katzen4j.thinclient.protocol.ThinResponse.ReadChannelReply;
import org.katzen4j.thinclient.protocol.ThinResponse.WriteChannelReply;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Pigeonhole channels with capabilities in files ({@link CapFile}). Each run opens the channel
 * from the file (the daemon's resume calls), does one write or read through a courier, and saves
 * the new position. A query is saved as pending before it is sent, so an interrupted run can be
 * finished with {@code resume} (the courier deduplicates identical envelopes).
 */
@Command(name = "channel", mixinStandardHelpOptions = true,
        description = "Pigeonhole channels: capabilities saved to and loaded from files.",
        subcommands = {ChannelCommand.New.class, ChannelCommand.Write.class, ChannelCommand.Read.class,
                ChannelCommand.Resume.class})
final class ChannelCommand implements Runnable {
    @ParentCommand
    Katzen root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (new, write, read, resume)");
    }

    static String box(MessageBoxIndex i) {
        return i == null ? "first box" : "box " + HexFormat.of().formatHex(i.toByteArray(), 0, 8);
    }

    // ------------------------------------------------------------------ new

    @Command(name = "new", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create a channel; save its write capability (private) and read capability (to share).")
    static final class New implements Callable<Integer> {
        @ParentCommand
        ChannelCommand parent;

        @Parameters(index = "0", paramLabel = "WRITE_CAP_FILE", description = "where to save the write capability")
        Path writeFile;

        @Parameters(index = "1", paramLabel = "READ_CAP_FILE", description = "where to save the read capability")
        Path readFile;

        @Option(names = "--force", description = "overwrite existing files")
        boolean force;

        @Override
        public Integer call() throws Exception {
            Katzen root = parent.root;
            if (!force && (Files.exists(writeFile) || Files.exists(readFile))) {
                throw new CliException((Files.exists(writeFile) ? writeFile : readFile) + " exists (use --force to overwrite)");
            }
            try (ThinClient c = root.connect(false)) {
                CreateWriteChannelReply r = ThinClient.await(c.createWriteChannel(), root.timeout);
                c.closeChannel(r.channelId());
                CapFile.ofWrite(r.writeCap()).save(writeFile, false);
                CapFile.ofRead(r.readCap()).save(readFile, false);
                PrintWriter out = root.out();
                out.println("write capability: " + writeFile + " (keep it private)");
                out.println("read capability:  " + readFile + " (give it to the reader)");
                out.flush();
                return 0;
            }
        }
    }

    // ------------------------------------------------------------------ write

    @Command(name = "write", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write one message into the next box of the channel and advance the write capability file.")
    static final class Write implements Callable<Integer> {
        @ParentCommand
        ChannelCommand parent;

        @Parameters(index = "0", paramLabel = "WRITE_CAP_FILE")
        Path capFile;

        @Parameters(index = "1", arity = "0..1", paramLabel = "MESSAGE", description = "message text (or use --file)")
        String text;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "read the message from FILE ('-' for stdin)")
        Path file;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--copies", defaultValue = "2",
                description = "times the query is sent; the courier ACKs the first and returns the replicas' answer "
                        + "to later ones (default: ${DEFAULT-VALUE})")
        int copies;

        @Override
        public Integer call() throws Exception {
            Katzen root = parent.root;
            if ((text == null) == (file == null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "give the message either as MESSAGE or with --file, not " + (text == null ? "neither" : "both"));
            }
            CapFile cap = CapFile.load(capFile);
            if (cap.kind != CapFile.Kind.WRITE) {
                throw new CliException(capFile + " holds a read capability; writing needs the write capability");
            }
            if (cap.pending != null) {
                throw new CliException(capFile + " has a pending write; finish it first: katzen channel resume " + capFile);
            }
            byte[] message = text != null ? text.getBytes(StandardCharsets.UTF_8) : SendCommand.readInput(file);
            try (ThinClient c = root.connect(true)) {
                int ch = ThinClient.await(c.resumeWriteChannel(cap.writeCap(), cap.nextIndex), root.timeout);
                try {
                    WriteChannelReply w = ThinClient.await(c.writeChannel(ch, message), root.timeout);
                    cap.pending = new CapFile.Pending(w.sendMessagePayload().toByteArray(),
                            MessageBoxIndex.of(w.currentMessageIndex().toByteArray()),
                            MessageBoxIndex.of(w.nextMessageIndex().toByteArray()), w.envelopeHash(),
                            w.envelopeDescriptor() == null ? null : w.envelopeDescriptor().toByteArray(), null);
                    cap.save(capFile, false);
                    MessageBoxIndex current = cap.pending.currentIndex();
                    sendWrite(c, root, ch, cap, capFile, copies);
                    root.out().printf("wrote %d bytes to %s of %s%n", message.length, box(current), capFile);
                    root.out().flush();
                    return 0;
                } finally {
                    closeQuietly(c, ch);
                }
            }
        }
    }

    /** Longest wait for one answer; a query unanswered by then is taken as lost and sent again. */
    static final Duration ATTEMPT = Duration.ofSeconds(45);

    /** One send of {@code payload}; null when no answer came within the attempt timeout (lost packet). */
    static byte[] sendOnce(ThinClient c, Katzen root, int ch, byte[] payload, Destination courier) throws Exception {
        Duration wait = root.timeout.compareTo(ATTEMPT) < 0 ? root.timeout : ATTEMPT;
        try {
            return c.sendChannelQueryAwaitReply(ch, payload, courier, c.newMessageId(), wait);
        } catch (ThinClientException e) {
            if (e.kind() == ThinClientException.Kind.TIMEOUT) {
                root.err().printf("no answer within %s; sending the same query again%n", Katzen.human(wait));
                root.err().flush();
                return null;
            }
            throw e;
        }
    }

    /**
     * Sends the pending write query until the courier answered {@code copies} times (identical
     * bytes, so re-sending a lost copy never stores a second message), then advances the file past it.
     */
    static void sendWrite(ThinClient c, Katzen root, int ch, CapFile cap, Path capFile, int copies) throws Exception {
        Destination courier = c.getCourierDestination();
        int want = Math.max(1, copies);
        int answers = 0;
        for (int i = 0; i < want + 4 && answers < want; i++) {
            if (sendOnce(c, root, ch, cap.pending.payload(), courier) != null) {
                answers++;
            }
        }
        if (answers < want) {
            throw new CliException("the courier answered " + answers + " of " + want + " copies of the write; it is "
                    + "still pending in " + capFile + ": katzen channel resume " + capFile);
        }
        cap.nextIndex = cap.pending.nextIndex();
        cap.pending = null;
        cap.save(capFile, false);
    }

    // ------------------------------------------------------------------ read

    @Command(name = "read", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Read the next message of the channel (waiting for it to be written) and advance the read capability file.")
    static final class Read implements Callable<Integer> {
        @ParentCommand
        ChannelCommand parent;

        @Parameters(index = "0", paramLabel = "READ_CAP_FILE")
        Path capFile;

        @Option(names = "--tries", defaultValue = "12", description = "read queries before giving up on an empty box (default: ${DEFAULT-VALUE})")
        int tries;

        @Option(names = "--interval", defaultValue = "2s", converter = Durations.Converter.class,
                description = "pause between queries of an empty box (default: ${DEFAULT-VALUE})")
        Duration interval;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the message bytes to FILE instead of printing")
        Path output;

        @Option(names = "--hex", description = "print the message as hex")
        boolean hex;

        @Override
        public Integer call() throws Exception {
            Katzen root = parent.root;
            CapFile cap = CapFile.load(capFile);
            if (cap.kind != CapFile.Kind.READ) {
                throw new CliException(capFile + " holds a write capability; reading needs the read capability");
            }
            if (cap.pending != null) {
                throw new CliException(capFile + " has a pending read; finish it first: katzen channel resume " + capFile);
            }
            try (ThinClient c = root.connect(true)) {
                int ch = ThinClient.await(c.resumeReadChannel(cap.readCap(), cap.nextIndex, null), root.timeout);
                try {
                    ReadChannelReply r = ThinClient.await(c.readChannel(ch, null, null), root.timeout);
                    cap.pending = new CapFile.Pending(r.sendMessagePayload().toByteArray(),
                            MessageBoxIndex.of(r.currentMessageIndex().toByteArray()),
                            MessageBoxIndex.of(r.nextMessageIndex().toByteArray()), r.envelopeHash(),
                            r.envelopeDescriptor() == null ? null : r.envelopeDescriptor().toByteArray(), r.replyIndex());
                    cap.save(capFile, false);
                    return finishRead(c, root, ch, cap, capFile, tries, interval, output, hex);
                } finally {
                    closeQuietly(c, ch);
                }
            }
        }
    }

    /** Answers one read envelope gets before a fresh one is prepared (the courier keeps its first answer). */
    static final int ANSWERS_PER_ENVELOPE = 2;

    /**
     * Sends the pending read query until a non-empty answer, prints it and advances; 1 if the box
     * stayed empty. The courier answers the first copy of an envelope with an ACK and every later
     * copy with the first reply it cached for it, for ever, so polling a box that is not written
     * yet needs a fresh read query (new envelope, same box) every {@link #ANSWERS_PER_ENVELOPE}
     * answers; each one is saved as pending before it is sent.
     */
    static int finishRead(ThinClient c, Katzen root, int ch, CapFile cap, Path capFile, int tries, Duration interval,
            Path output, boolean hex) throws Exception {
        Destination courier = c.getCourierDestination();
        byte[] got = new byte[0];
        int n = 0;
        int answersForEnvelope = 0;
        while (got.length == 0 && n < Math.max(1, tries)) {
            if (answersForEnvelope >= ANSWERS_PER_ENVELOPE) {
                ReadChannelReply r = ThinClient.await(c.readChannel(ch, cap.pending.currentIndex(),
                        cap.pending.replyIndex()), root.timeout);
                cap.pending = new CapFile.Pending(r.sendMessagePayload().toByteArray(),
                        MessageBoxIndex.of(r.currentMessageIndex().toByteArray()),
                        MessageBoxIndex.of(r.nextMessageIndex().toByteArray()), r.envelopeHash(),
                        r.envelopeDescriptor() == null ? null : r.envelopeDescriptor().toByteArray(), r.replyIndex());
                cap.save(capFile, false);
                answersForEnvelope = 0;
            }
            if (n > 0) {
                Thread.sleep(interval.toMillis());
            }
            byte[] r = sendOnce(c, root, ch, cap.pending.payload(), courier);
            n++;
            if (r != null) {
                got = r;
                answersForEnvelope++;
            }
        }
        MessageBoxIndex current = cap.pending.currentIndex();
        if (got.length == 0) {
            // nothing consumed: forget the prepared query, keep the position
            cap.pending = null;
            cap.save(capFile, false);
            root.err().printf("%s is still empty after %d queries%n", box(current), n);
            root.err().flush();
            return 1;
        }
        cap.nextIndex = cap.pending.nextIndex();
        cap.pending = null;
        cap.save(capFile, false);
        if (output != null) {
            Files.write(output, got);
            root.err().printf("read %d bytes from %s into %s%n", got.length, box(current), output);
        } else {
            root.out().println(hex ? HexFormat.of().formatHex(got) : Text.show(got));
            root.err().printf("read %d bytes from %s%n", got.length, box(current));
        }
        root.out().flush();
        root.err().flush();
        return 0;
    }

    // ------------------------------------------------------------------ resume

    @Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Re-open a channel from its capability file. If a write or read was interrupted after it "
                    + "was prepared, re-send exactly that query (idempotent at the courier) and finish it; "
                    + "otherwise report the channel's position."})
    static final class Resume implements Callable<Integer> {
        @ParentCommand
        ChannelCommand parent;

        @Parameters(index = "0", paramLabel = "CAP_FILE")
        Path capFile;

        @Option(names = "--copies", defaultValue = "2", description = "times a pending write is sent (default: ${DEFAULT-VALUE})")
        int copies;

        @Option(names = "--tries", defaultValue = "12", description = "queries for a pending read (default: ${DEFAULT-VALUE})")
        int tries;

        @Option(names = "--interval", defaultValue = "2s", converter = Durations.Converter.class,
                description = "pause between read queries (default: ${DEFAULT-VALUE})")
        Duration interval;

        @Override
        public Integer call() throws Exception {
            Katzen root = parent.root;
            CapFile cap = CapFile.load(capFile);
            try (ThinClient c = root.connect(cap.pending != null)) {
                CapFile.Pending p = cap.pending;
                int ch;
                if (p == null) {
                    ch = cap.kind == CapFile.Kind.WRITE
                            ? ThinClient.await(c.resumeWriteChannel(cap.writeCap(), cap.nextIndex), root.timeout)
                            : ThinClient.await(c.resumeReadChannel(cap.readCap(), cap.nextIndex, null), root.timeout);
                    closeQuietly(c, ch);
                    root.out().printf("%s channel resumed at %s; nothing pending%n",
                            cap.kind == CapFile.Kind.WRITE ? "write" : "read", box(cap.nextIndex));
                    root.out().flush();
                    return 0;
                }
                if (p.envelopeDescriptor() == null || p.envelopeHash() == null || p.currentIndex() == null) {
                    throw new CliException(capFile + ": the pending query lacks its envelope descriptor/hash/index");
                }
                try {
                    if (cap.kind == CapFile.Kind.WRITE) {
                        ch = ThinClient.await(c.resumeWriteChannelQuery(cap.writeCap(), p.currentIndex(),
                                p.envelopeDescriptor(), p.envelopeHash()), root.timeout);
                    } else {
                        ch = ThinClient.await(c.resumeReadChannelQuery(cap.readCap(), p.currentIndex(), p.replyIndex(),
                                p.envelopeDescriptor(), p.envelopeHash()), root.timeout);
                    }
                } catch (ThinClientException e) {
                    throw new CliException("the daemon refused to resume the pending query: " + e.getMessage(), e);
                }
                try {
                    if (cap.kind == CapFile.Kind.WRITE) {
                        MessageBoxIndex current = p.currentIndex();
                        sendWrite(c, root, ch, cap, capFile, copies);
                        root.out().printf("pending write to %s finished%n", box(current));
                        root.out().flush();
                        return 0;
                    }
                    return finishRead(c, root, ch, cap, capFile, tries, interval, null, false);
                } finally {
                    closeQuietly(c, ch);
                }
            }
        }
    }

    static void closeQuietly(ThinClient c, int ch) {
        try {
            c.closeChannel(ch);
        } catch (ThinClientException e) {
            // the connection is going away anyway
        }
    }
}
