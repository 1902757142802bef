/**
 * The wire commands of a client's link to its gateway (reference {@code core/wire/commands}):
 * NoOp, Disconnect, SendPacket, SendRetrievePacket(Reply), RetrieveMessage, the Message family
 * (Message, MessageACK, MessageEmpty), GetConsensus/Consensus and GetConsensus2/Consensus2.
 * Directory-authority and replica commands are never accepted on this link.
 */
package org.katzen4j.wire.commands;
