package main

import (
	"io"

	nikeschemes "github.com/katzenpost/hpqc/nike/schemes"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
	wcmd "github.com/katzenpost/katzenpost/core/wire/commands"
)

// The reference's own wire command vector file (core/wire/commands/testdata,
// written by its commands_vectors_test.go) regenerated: same JSON field names and
// the same construction — unpadded command set, x25519 geometry with 5 hops whose
// UserForwardPayloadLength is the length of the SendPacket payload, hint 0x17,
// sequence and epoch values as there — with our own payload text and detRand
// instead of crypto/rand for the random payloads.

type wireRefVectors struct {
	NoOp               hexBytes
	Disconnect         hexBytes
	SendPacketPayload  hexBytes
	SendPacket         hexBytes
	RetrieveMessageSeq uint32
	RetrieveMessage    hexBytes
	MessageEmpty       hexBytes
	MessageEmptySeq    uint32
	Message            hexBytes
	MessageHint        uint8
	MessageSeq         uint32
	MessagePayload     hexBytes
	MessageAck         hexBytes
	MessageAckHint     uint8
	MessageAckSeq      uint32
	MessageAckPayload  hexBytes
	GetConsensus       hexBytes
	GetConsensusEpoch  uint64
	Consensus          hexBytes
	ConsensusPayload   hexBytes
	ConsensusErrorCode uint8
}

func wireRefGenerate() (any, error) {
	rng := detRand("wire/reference-vectors")
	read := func(n int) []byte {
		b := make([]byte, n)
		io.ReadFull(rng, b)
		return b
	}
	payload := []byte("katzen4j regenerates the wire command vectors of the reference with the reference packages: " +
		"same shapes, same geometry rule, deterministic random bytes. This sentence is exactly two hundred and sixteen bytes long!!!!")
	const hint = 0x17
	g := geo.GeometryFromUserForwardPayloadLength(nikeschemes.ByName("x25519"), len(payload), true, 5)
	cmds := wcmd.NewMixnetCommands(g)
	cmds.MaxMessageLenClientToServer = 0 // the reference's vectors are unpadded
	cmds.MaxMessageLenServerToClient = 0

	msgPayload := read(g.ForwardPayloadLength)[:g.UserForwardPayloadLength]
	ackPayload := read(g.PayloadTagLength + g.ForwardPayloadLength)
	consensusPayload := []byte("katzen4j: a consensus payload of no particular meaning.")
	v := wireRefVectors{
		NoOp:               (&wcmd.NoOp{Cmds: cmds}).ToBytes(),
		Disconnect:         (&wcmd.Disconnect{Cmds: cmds}).ToBytes(),
		SendPacketPayload:  payload,
		SendPacket:         (&wcmd.SendPacket{Cmds: cmds, SphinxPacket: payload}).ToBytes(),
		RetrieveMessageSeq: 12345,
		MessageEmptySeq:    9876,
		MessageHint:        hint,
		MessageSeq:         9876,
		MessagePayload:     msgPayload,
		MessageAckHint:     hint,
		MessageAckSeq:      9876,
		MessageAckPayload:  ackPayload,
		GetConsensusEpoch:  123,
		ConsensusPayload:   consensusPayload,
		ConsensusErrorCode: wcmd.ConsensusOk,
	}
	v.RetrieveMessage = (&wcmd.RetrieveMessage{Cmds: cmds, Sequence: v.RetrieveMessageSeq}).ToBytes()
	v.MessageEmpty = (&wcmd.MessageEmpty{Cmds: cmds, Sequence: v.MessageEmptySeq}).ToBytes()
	v.Message = (&wcmd.Message{Cmds: cmds, Geo: g, QueueSizeHint: hint, Sequence: v.MessageSeq, Payload: msgPayload}).ToBytes()
	v.MessageAck = (&wcmd.MessageACK{Cmds: cmds, Geo: g, QueueSizeHint: hint, Sequence: v.MessageAckSeq, Payload: ackPayload}).ToBytes()
	v.GetConsensus = (&wcmd.GetConsensus{Cmds: cmds, Epoch: v.GetConsensusEpoch}).ToBytes()
	v.Consensus = (&wcmd.Consensus{ErrorCode: v.ConsensusErrorCode, Payload: consensusPayload}).ToBytes()
	return v, nil
}

func init() {
	registerVectors(VectorSet{
		Name:     "wire/reference-commands",
		Path:     "wire/src/test/resources/vectors/wire_reference_commands.json",
		Generate: wireRefGenerate,
	})
}
