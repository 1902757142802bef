package org.katzen4j.cli;

import java.util.HexFormat;

import org.katzen4j.thinclient.protocol.FixedBytes;
import org.katzen4j.thinclient.protocol.ThinResponse;
import org.katzen4j.thinclient.protocol.ThinResponse.ChannelQueryReplyEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.ChannelQuerySentEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.ChannelReply;
import org.katzen4j.thinclient.protocol.ThinResponse.ConnectionStatusEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.MessageIdGarbageCollected;
import org.katzen4j.thinclient.protocol.ThinResponse.MessageReplyEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.MessageSentEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.NewPkiDocumentEvent;
import org.katzen4j.thinclient.protocol.ThinResponse.ShutdownEvent;

/** One line per daemon event, as {@code katzen listen} prints them. */
final class EventFormat {
    private EventFormat() {
    }

    static String describe(ThinResponse r) {
        return switch (r) {
            case ConnectionStatusEvent s -> "connection: " + (s.isConnected() ? "connected" : "disconnected");
            case NewPkiDocumentEvent d -> "pki: new document, " + (d.payload() == null ? 0 : d.payload().length())
                    + " bytes";
            case MessageSentEvent e -> "sent: " + ids(e.messageId(), e.surbId())
                    + (e.replyEta() != null ? ", reply expected in " + e.replyEta().toMillis() + " ms" : "")
                    + (e.err() == null || e.err().isEmpty() ? "" : ", error: " + e.err());
            case MessageReplyEvent e -> "reply: " + ids(e.messageId(), e.surbId())
                    + (e.errorCode() != 0 ? ", error code " + e.errorCode()
                            : ", " + (e.payload() == null ? 0 : e.payload().length()) + " bytes: "
                                    + Text.show(e.payload() == null ? new byte[0] : e.payload().toByteArray()));
            case MessageIdGarbageCollected g -> "gc: message " + hex(g.messageId()) + " forgotten by the daemon";
            case ChannelQuerySentEvent e -> "channel query sent: message " + hex(e.messageId())
                    + (e.errorCode() != 0 ? ", error code " + e.errorCode() : "");
            case ChannelQueryReplyEvent e -> "channel query reply: message " + hex(e.messageId())
                    + (e.errorCode() != 0 ? ", error code " + e.errorCode()
                            : ", " + (e.payload() == null ? 0 : e.payload().length()) + " bytes");
            case ShutdownEvent s -> "shutdown: the daemon is stopping";
            case ChannelReply c -> c.key() + ": channel " + c.channelId()
                    + (c.errorCode() != 0 ? ", error code " + c.errorCode() : "");
        };
    }

    private static String ids(FixedBytes messageId, FixedBytes surbId) {
        StringBuilder b = new StringBuilder();
        if (messageId != null) {
            b.append("message ").append(hex(messageId));
        }
        if (surbId != null) {
            b.append(b.isEmpty() ? "" : " ").append("surb ").append(hex(surbId));
        }
        return b.isEmpty() ? "(no id)" : b.toString();
    }

    private static String hex(FixedBytes id) {
        return id == null ? "-" : HexFormat.of().formatHex(id.toByteArray());
    }
}
