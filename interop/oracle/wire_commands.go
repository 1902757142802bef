package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	kemschemes "github.com/katzenpost/hpqc/kem/schemes"
	nikeschemes "github.com/katzenpost/hpqc/nike/schemes"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
	wcmd "github.com/katzenpost/katzenpost/core/wire/commands"
)

// Wire command vectors: every command a client sends to or receives from a
// gateway, encoded by the reference commands package for several Sphinx
// geometries, both as sent on a mixnet link (padded with NewMixnetCommands)
// and without padding. The Java side decodes the padded form and re-encodes
// it byte for byte; the verifier below decodes what Java encoded.

type wireCmdGeometry struct {
	Name                        string `json:"name"`
	PacketLength                int    `json:"packetLength"`
	UserForwardPayloadLength    int    `json:"userForwardPayloadLength"`
	ForwardPayloadLength        int    `json:"forwardPayloadLength"`
	PayloadTagLength            int    `json:"payloadTagLength"`
	SURBLength                  int    `json:"surbLength"`
	SphinxPlaintextHeaderLength int    `json:"sphinxPlaintextHeaderLength"`
	MaxClientToServer           int    `json:"maxClientToServer"`
	MaxServerToClient           int    `json:"maxServerToClient"`
}

type wireCmdVector struct {
	Geometry   int      `json:"geometry"` // index into geometries
	Command    string   `json:"command"`
	Sequence   uint32   `json:"sequence"`
	Hint       uint8    `json:"hint"`
	Epoch      uint64   `json:"epoch"`
	ErrorCode  uint8    `json:"errorCode"`
	ChunkNum   uint32   `json:"chunkNum"`
	ChunkTotal uint32   `json:"chunkTotal"`
	SURBID     hexBytes `json:"surbId"`
	Payload    hexBytes `json:"payload"`
	// Padded is the command as sent on a mixnet link; without padding it is
	// the prefix of 6 + cmdLen bytes (cmdLen = big-endian bytes 2..5).
	Padded hexBytes `json:"padded"`
}

type wireCmdFile struct {
	Geometries []wireCmdGeometry `json:"geometries"`
	Vectors    []wireCmdVector   `json:"vectors"`
}

func wireCmdGeo(name string, g *geo.Geometry) wireCmdGeometry {
	c := wcmd.NewMixnetCommands(g)
	return wireCmdGeometry{
		Name: name, PacketLength: g.PacketLength, UserForwardPayloadLength: g.UserForwardPayloadLength,
		ForwardPayloadLength: g.ForwardPayloadLength, PayloadTagLength: g.PayloadTagLength,
		SURBLength: g.SURBLength, SphinxPlaintextHeaderLength: g.SphinxPlaintextHeaderLength,
		MaxClientToServer: c.MaxMessageLenClientToServer, MaxServerToClient: c.MaxMessageLenServerToClient,
	}
}

// wireCmdGeoFrom rebuilds a geometry holding just the fields the command set reads.
func wireCmdGeoFrom(w wireCmdGeometry) *geo.Geometry {
	return &geo.Geometry{
		PacketLength: w.PacketLength, UserForwardPayloadLength: w.UserForwardPayloadLength,
		ForwardPayloadLength: w.ForwardPayloadLength, PayloadTagLength: w.PayloadTagLength,
		SURBLength: w.SURBLength, SphinxPlaintextHeaderLength: w.SphinxPlaintextHeaderLength,
	}
}

// wireCmdBuild makes the reference command for a vector, with cmds as its command set.
func wireCmdBuild(v *wireCmdVector, g *geo.Geometry, cmds *wcmd.Commands) (wcmd.Command, error) {
	switch v.Command {
	case "NoOp":
		return &wcmd.NoOp{Cmds: cmds}, nil
	case "Disconnect":
		return &wcmd.Disconnect{Cmds: cmds}, nil
	case "SendPacket":
		return &wcmd.SendPacket{Cmds: cmds, SphinxPacket: v.Payload}, nil
	case "SendRetrievePacket":
		return &wcmd.SendRetrievePacket{Cmds: cmds, Geo: g, SphinxPacket: v.Payload}, nil
	case "SendRetrievePacketReply":
		c := &wcmd.SendRetrievePacketReply{Cmds: cmds, Geo: g, Payload: v.Payload}
		copy(c.SURBID[:], v.SURBID)
		return c, nil
	case "RetrieveMessage":
		return &wcmd.RetrieveMessage{Cmds: cmds, Sequence: v.Sequence}, nil
	case "Message":
		return &wcmd.Message{Cmds: cmds, Geo: g, QueueSizeHint: v.Hint, Sequence: v.Sequence, Payload: v.Payload}, nil
	case "MessageACK":
		c := &wcmd.MessageACK{Cmds: cmds, Geo: g, QueueSizeHint: v.Hint, Sequence: v.Sequence, Payload: v.Payload}
		copy(c.ID[:], v.SURBID)
		return c, nil
	case "MessageEmpty":
		return &wcmd.MessageEmpty{Cmds: cmds, Sequence: v.Sequence}, nil
	case "GetConsensus":
		return &wcmd.GetConsensus{Cmds: cmds, Epoch: v.Epoch}, nil
	case "Consensus":
		return &wcmd.Consensus{ErrorCode: v.ErrorCode, Payload: v.Payload}, nil
	case "GetConsensus2":
		return &wcmd.GetConsensus2{Cmds: cmds, Epoch: v.Epoch}, nil
	case "Consensus2":
		return &wcmd.Consensus2{Cmds: cmds, ErrorCode: v.ErrorCode, ChunkNum: v.ChunkNum, ChunkTotal: v.ChunkTotal, Payload: v.Payload}, nil
	}
	return nil, fmt.Errorf("unknown command %q", v.Command)
}

// wireCmdCheckDecoded compares what the reference parser made of a command with the vector's fields.
func wireCmdCheckDecoded(v *wireCmdVector, c wcmd.Command) error {
	bad := func(what string) error { return fmt.Errorf("%s: decoded %s differs", v.Command, what) }
	eqb := func(a, b []byte) bool { return bytes.Equal(a, b) || (len(a) == 0 && len(b) == 0) }
	switch x := c.(type) {
	case *wcmd.NoOp:
		if v.Command != "NoOp" {
			return bad("type (NoOp)")
		}
	case *wcmd.Disconnect:
		if v.Command != "Disconnect" {
			return bad("type (Disconnect)")
		}
	case *wcmd.SendPacket:
		if v.Command != "SendPacket" || !eqb(x.SphinxPacket, v.Payload) {
			return bad("SendPacket")
		}
	case *wcmd.SendRetrievePacket:
		if v.Command != "SendRetrievePacket" || !eqb(x.SphinxPacket, v.Payload) {
			return bad("SendRetrievePacket")
		}
	case *wcmd.SendRetrievePacketReply:
		if v.Command != "SendRetrievePacketReply" || !eqb(x.SURBID[:], v.SURBID) || !eqb(x.Payload, v.Payload) {
			return bad("SendRetrievePacketReply")
		}
	case *wcmd.RetrieveMessage:
		if v.Command != "RetrieveMessage" || x.Sequence != v.Sequence {
			return bad("RetrieveMessage")
		}
	case *wcmd.Message:
		if v.Command != "Message" || x.Sequence != v.Sequence || x.QueueSizeHint != v.Hint || !eqb(x.Payload, v.Payload) {
			return bad("Message")
		}
	case *wcmd.MessageACK:
		if v.Command != "MessageACK" || x.Sequence != v.Sequence || x.QueueSizeHint != v.Hint ||
			!eqb(x.ID[:], v.SURBID) || !eqb(x.Payload, v.Payload) {
			return bad("MessageACK")
		}
	case *wcmd.MessageEmpty:
		if v.Command != "MessageEmpty" || x.Sequence != v.Sequence {
			return bad("MessageEmpty")
		}
	case *wcmd.GetConsensus:
		if v.Command != "GetConsensus" || x.Epoch != v.Epoch {
			return bad("GetConsensus")
		}
	case *wcmd.Consensus:
		if v.Command != "Consensus" || x.ErrorCode != v.ErrorCode || !eqb(x.Payload, v.Payload) {
			return bad("Consensus")
		}
	case *wcmd.GetConsensus2:
		if v.Command != "GetConsensus2" || x.Epoch != v.Epoch {
			return bad("GetConsensus2")
		}
	case *wcmd.Consensus2:
		if v.Command != "Consensus2" || x.ErrorCode != v.ErrorCode || x.ChunkNum != v.ChunkNum ||
			x.ChunkTotal != v.ChunkTotal || !eqb(x.Payload, v.Payload) {
			return bad("Consensus2")
		}
	default:
		return fmt.Errorf("%s: decoded to unexpected type %T", v.Command, c)
	}
	return nil
}

func wireCmdUnpaddedLen(b []byte) int {
	if len(b) < 6 {
		return len(b)
	}
	n := 6 + int(uint32(b[2])<<24|uint32(b[3])<<16|uint32(b[4])<<8|uint32(b[5]))
	if n > len(b) {
		return len(b)
	}
	return n
}

func wireCmdGenerate() (any, error) {
	rnd := detRand("wire/commands")
	read := func(n int) []byte {
		b := make([]byte, n)
		if _, err := io.ReadFull(rnd, b); err != nil {
			panic(err)
		}
		return b
	}
	x25519 := nikeschemes.ByName("x25519")
	kemX := kemschemes.ByName("x25519")
	geos := []struct {
		name string
		g    *geo.Geometry
	}{
		{"x25519 5 hops ufpl 216 (reference vector geometry)", geo.GeometryFromUserForwardPayloadLength(x25519, 216, true, 5)},
		{"x25519 5 hops ufpl 2000 (genconfig default)", geo.GeometryFromUserForwardPayloadLength(x25519, 2000, true, 5)},
		{"x25519 KEM 3 hops ufpl 300", geo.KEMGeometryFromUserForwardPayloadLength(kemX, 300, true, 3)},
		{"x25519 2 hops ufpl 50 without SURB", geo.GeometryFromUserForwardPayloadLength(x25519, 50, false, 2)},
	}
	out := wireCmdFile{}
	for gi, gg := range geos {
		g := gg.g
		out.Geometries = append(out.Geometries, wireCmdGeo(gg.name, g))
		d := wcmd.NewMixnetCommands(g).MaxMessageLenServerToClient
		vs := []wireCmdVector{
			{Command: "NoOp"},
			{Command: "Disconnect"},
			{Command: "SendPacket", Payload: read(g.PacketLength)},
			{Command: "SendRetrievePacket", Payload: read(g.PacketLength)},
			{Command: "SendRetrievePacketReply", SURBID: read(16), Payload: read(g.UserForwardPayloadLength)},
			{Command: "RetrieveMessage", Sequence: 0},
			{Command: "RetrieveMessage", Sequence: 12345},
			{Command: "RetrieveMessage", Sequence: 0xffffffff},
			{Command: "Message", Hint: 0, Sequence: 7, Payload: read(g.UserForwardPayloadLength)},
			{Command: "Message", Hint: 1, Sequence: 0xfffffffe, Payload: read(g.UserForwardPayloadLength)},
			{Command: "MessageACK", Hint: 1, Sequence: 9876, SURBID: read(16), Payload: read(g.PayloadTagLength + g.ForwardPayloadLength)},
			{Command: "MessageACK", Hint: 0, Sequence: 0, SURBID: make([]byte, 16), Payload: read(g.PayloadTagLength + g.ForwardPayloadLength)},
			{Command: "MessageEmpty", Sequence: 0},
			{Command: "MessageEmpty", Sequence: 9876},
			{Command: "GetConsensus", Epoch: 123},
			{Command: "GetConsensus", Epoch: 0xffffffffffffffff},
			{Command: "Consensus", ErrorCode: wcmd.ConsensusOk, Payload: read(54)},
			{Command: "Consensus", ErrorCode: wcmd.ConsensusNotFound},
			{Command: "GetConsensus2", Epoch: 0},
			{Command: "GetConsensus2", Epoch: 1234567},
			{Command: "Consensus2", ErrorCode: 0, ChunkNum: 0, ChunkTotal: 1, Payload: read(23)},
			{Command: "Consensus2", ErrorCode: 0, ChunkNum: 0, ChunkTotal: 3, Payload: read(d)},
			{Command: "Consensus2", ErrorCode: 0, ChunkNum: 2, ChunkTotal: 3, Payload: read(d - 15)},
			{Command: "Consensus2", ErrorCode: 0, ChunkNum: 1, ChunkTotal: 3, Payload: read(d - 14)},
			{Command: "Consensus2", ErrorCode: 2, ChunkNum: 0, ChunkTotal: 1},
		}
		padded := wcmd.NewMixnetCommands(g)
		unpadded := wcmd.NewMixnetCommands(g)
		unpadded.MaxMessageLenClientToServer = 0
		unpadded.MaxMessageLenServerToClient = 0
		for i := range vs {
			v := &vs[i]
			v.Geometry = gi
			if v.SURBID == nil {
				v.SURBID = hexBytes{}
			}
			if v.Payload == nil {
				v.Payload = hexBytes{}
			}
			pc, err := wireCmdBuild(v, g, padded)
			if err != nil {
				return nil, err
			}
			uc, err := wireCmdBuild(v, g, unpadded)
			if err != nil {
				return nil, err
			}
			v.Padded = pc.ToBytes()
			if u := uc.ToBytes(); !bytes.Equal(u, v.Padded[:len(u)]) || len(u) != wireCmdUnpaddedLen(v.Padded) {
				return nil, fmt.Errorf("%s: unpadded encoding is not the cmdLen prefix", v.Command)
			}
			// The reference parser must give back what went in.
			back, err := padded.FromBytes(v.Padded)
			if err != nil {
				return nil, fmt.Errorf("%s: reference cannot parse its own output: %w", v.Command, err)
			}
			if err := wireCmdCheckDecoded(v, back); err != nil {
				return nil, err
			}
		}
		out.Vectors = append(out.Vectors, vs...)
	}
	return out, nil
}

// wireCmdVerify checks a file in the vector format written by Java: the padded
// bytes must parse with the reference parser to the listed fields, and the
// reference must encode those fields to the same padded and unpadded bytes.
func wireCmdVerify(data []byte) error {
	var f wireCmdFile
	if err := json.Unmarshal(data, &f); err != nil {
		return err
	}
	if len(f.Vectors) == 0 {
		return fmt.Errorf("no vectors")
	}
	for i := range f.Vectors {
		v := &f.Vectors[i]
		if v.Geometry < 0 || v.Geometry >= len(f.Geometries) {
			return fmt.Errorf("vector %d: bad geometry index", i)
		}
		wg := f.Geometries[v.Geometry]
		g := wireCmdGeoFrom(wg)
		padded := wcmd.NewMixnetCommands(g)
		if padded.MaxMessageLenClientToServer != wg.MaxClientToServer || padded.MaxMessageLenServerToClient != wg.MaxServerToClient {
			return fmt.Errorf("vector %d: padding sizes %d/%d, reference says %d/%d", i,
				wg.MaxClientToServer, wg.MaxServerToClient, padded.MaxMessageLenClientToServer, padded.MaxMessageLenServerToClient)
		}
		unpadded := wcmd.NewMixnetCommands(g)
		unpadded.MaxMessageLenClientToServer = 0
		unpadded.MaxMessageLenServerToClient = 0
		c, err := padded.FromBytes(v.Padded)
		if err != nil {
			return fmt.Errorf("vector %d (%s): reference parser rejects Java's bytes: %w", i, v.Command, err)
		}
		if err := wireCmdCheckDecoded(v, c); err != nil {
			return fmt.Errorf("vector %d: %w", i, err)
		}
		pc, err := wireCmdBuild(v, g, padded)
		if err != nil {
			return err
		}
		if !bytes.Equal(pc.ToBytes(), v.Padded) {
			return fmt.Errorf("vector %d (%s): padded encoding differs from the reference", i, v.Command)
		}
		uc, _ := wireCmdBuild(v, g, unpadded)
		if !bytes.Equal(uc.ToBytes(), v.Padded[:wireCmdUnpaddedLen(v.Padded)]) {
			return fmt.Errorf("vector %d (%s): unpadded encoding differs from the reference", i, v.Command)
		}
	}
	fmt.Printf("wire/commands: %d Java-encoded commands decoded by the reference\n", len(f.Vectors))
	return nil
}

func init() {
	registerVectors(VectorSet{
		Name:     "wire/commands",
		Path:     "wire/src/test/resources/vectors/wire_commands.json",
		Generate: wireCmdGenerate,
	})
	registerVerifier("wire/commands", wireCmdVerify)
}
