package org.katzen4j.wire.commands;

/** IDs of the commands that can appear on a client's link to a gateway. Other IDs are never accepted. */
public enum CommandId {
    NO_OP(0),
    DISCONNECT(1),
    SEND_PACKET(2),
    SEND_RETRIEVE_PACKET(3),
    SEND_RETRIEVE_PACKET_REPLY(4),
    RETRIEVE_MESSAGE(16),
    MESSAGE(17),
    GET_CONSENSUS(18),
    CONSENSUS(19),
    CONSENSUS2(31),
    GET_CONSENSUS2(32);

    private final int code;

    CommandId(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The ID for a code, or null if the code is not a client-link command. */
    public static CommandId fromCode(int code) {
        for (CommandId id : values()) {
            if (id.code == code) {
                return id;
            }
        }
        return null;
    }
}
