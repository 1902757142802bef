package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"

	"github.com/katzenpost/hpqc/hash"
	"github.com/katzenpost/hpqc/kem"
	kemschemes "github.com/katzenpost/hpqc/kem/schemes"
	nikeschemes "github.com/katzenpost/hpqc/nike/schemes"
	"github.com/katzenpost/hpqc/rand"
	signschemes "github.com/katzenpost/hpqc/sign/schemes"
	cpki "github.com/katzenpost/katzenpost/core/pki"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
	"github.com/katzenpost/katzenpost/core/wire"
	wcmd "github.com/katzenpost/katzenpost/core/wire/commands"
)

// wire-peer runs the reference wire session (core/wire) on loopback so the Java
// side can handshake and exchange commands with it interactively.
//
//	oracle run wire-peer [-role server] [-ufpl 2000] [-hops 5] [-messages 2] [-consensus-size 20000] [-epoch 4242] [-reject]
//	    listens on 127.0.0.1:0 as a gateway would, prints one JSON line describing
//	    itself (address, link and identity keys, the queued messages, the consensus
//	    bytes), then serves one client: RetrieveMessage is answered with the queue
//	    like the reference gateway (same sequence rule), GetConsensus2 with gzip
//	    chunks from core/pki.Chunk, SendPacket is reported. Every received command
//	    is printed as a JSON event line.
//	oracle run wire-peer -role client -connect HOST:PORT -link-key HEX -identity-key HEX [-epoch 4242]
//	    connects as kpclientd would (fresh link key, 32-char hex queue ID), checks
//	    the server's link key and identity hash, fetches the consensus, polls once
//	    and sends one packet, printing JSON event lines.

type wirePeerEvent map[string]any

var wirePeerOutMu sync.Mutex

func wirePeerEmit(e wirePeerEvent) {
	wirePeerOutMu.Lock()
	defer wirePeerOutMu.Unlock()
	b, _ := json.Marshal(e)
	os.Stdout.Write(append(b, '\n'))
}

type wirePeerAuth struct {
	check func(*wire.PeerCredentials) bool
}

func (a *wirePeerAuth) IsPeerValid(c *wire.PeerCredentials) bool { return a.check(c) }

func wirePeerGeometry(ufpl, hops int) *geo.Geometry {
	return geo.GeometryFromUserForwardPayloadLength(nikeschemes.ByName("x25519"), ufpl, true, hops)
}

func wirePeerMain(args []string) error {
	fs := flag.NewFlagSet("wire-peer", flag.ContinueOnError)
	role := fs.String("role", "server", "server (gateway side) or client")
	ufpl := fs.Int("ufpl", 2000, "Sphinx UserForwardPayloadLength of the geometry")
	hops := fs.Int("hops", 5, "Sphinx hops of the geometry")
	nmsg := fs.Int("messages", 2, "server: messages queued for the client (alternating MessageACK, Message)")
	csize := fs.Int("consensus-size", 20000, "server: size of the (random) consensus document served")
	epoch := fs.Uint64("epoch", 4242, "epoch whose consensus exists")
	reject := fs.Bool("reject", false, "server: refuse every client after message 3")
	connect := fs.String("connect", "", "client: address to dial")
	linkHex := fs.String("link-key", "", "client: expected server link key (hex)")
	idHex := fs.String("identity-key", "", "client: expected server identity key (hex)")
	timeout := fs.Duration("timeout", 60*time.Second, "give up after this long")
	kemName := fs.String("kem", "XWING", "wire KEM scheme (hpqc name)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	g := wirePeerGeometry(*ufpl, *hops)
	ks := kemschemes.ByName(*kemName)
	if ks == nil {
		return fmt.Errorf("unknown KEM %q", *kemName)
	}
	go func() {
		time.Sleep(*timeout)
		fmt.Fprintln(os.Stderr, "wire-peer: timeout")
		os.Exit(3)
	}()
	switch *role {
	case "server":
		return wirePeerServer(g, ks, *nmsg, *csize, *epoch, *reject)
	case "client":
		return wirePeerClient(g, ks, *connect, *linkHex, *idHex, *epoch)
	}
	return fmt.Errorf("unknown role %q", *role)
}

type wirePeerQueued struct {
	Kind    string   `json:"kind"`
	SURBID  hexBytes `json:"surbId,omitempty"`
	Payload hexBytes `json:"payload"`
}

func wirePeerServer(g *geo.Geometry, kemScheme kem.Scheme, nmsg, csize int, epoch uint64, reject bool) error {
	rng := detRand("wire/peer server")
	read := func(n int) []byte {
		b := make([]byte, n)
		io.ReadFull(rng, b)
		return b
	}
	linkPub, linkPriv, err := kemScheme.GenerateKeyPair()
	if err != nil {
		return err
	}
	idPub, _, err := signschemes.ByName("Ed25519").GenerateKey()
	if err != nil {
		return err
	}
	idBlob, _ := idPub.MarshalBinary()
	linkBlob, _ := linkPub.MarshalBinary()
	idHash := hash.Sum256(idBlob)

	var queue []wirePeerQueued
	for i := 0; i < nmsg; i++ {
		if i%2 == 0 {
			queue = append(queue, wirePeerQueued{Kind: "MessageACK", SURBID: read(16), Payload: read(g.PayloadTagLength + g.ForwardPayloadLength)})
		} else {
			queue = append(queue, wirePeerQueued{Kind: "Message", Payload: read(g.UserForwardPayloadLength)})
		}
	}
	consensus := read(csize)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	wirePeerEmit(wirePeerEvent{
		"event": "listening", "address": ln.Addr().String(),
		"linkPublicKey": hex.EncodeToString(linkBlob), "kem": kemScheme.Name(), "identityPublicKey": hex.EncodeToString(idBlob),
		"packetLength": g.PacketLength, "userForwardPayloadLength": g.UserForwardPayloadLength,
		"forwardPayloadLength": g.ForwardPayloadLength, "payloadTagLength": g.PayloadTagLength,
		"surbLength": g.SURBLength, "sphinxPlaintextHeaderLength": g.SphinxPlaintextHeaderLength,
		"queue": queue, "epoch": epoch, "consensus": hex.EncodeToString(consensus),
	})

	conn, err := ln.Accept()
	if err != nil {
		return err
	}
	defer conn.Close()
	auth := &wirePeerAuth{check: func(c *wire.PeerCredentials) bool {
		blob, _ := c.PublicKey.MarshalBinary()
		wirePeerEmit(wirePeerEvent{"event": "peer", "additionalData": string(c.AdditionalData), "linkPublicKey": hex.EncodeToString(blob)})
		return !reject && len(c.AdditionalData) == 32
	}}
	s, err := wire.NewSession(&wire.SessionConfig{
		KEMScheme: kemScheme, Authenticator: auth, AdditionalData: idHash[:],
		AuthenticationKey: linkPriv, RandomReader: rand.Reader, Geometry: g,
	}, false)
	if err != nil {
		return err
	}
	if err := s.Initialize(conn); err != nil {
		wirePeerEmit(wirePeerEvent{"event": "handshake-failed", "error": err.Error()})
		return nil
	}
	defer s.Close()
	wirePeerEmit(wirePeerEvent{"event": "established"})
	cmds := s.GetCommands()

	var retrSeq uint32
	head := 0
	for {
		c, err := s.RecvCommand()
		if err != nil {
			wirePeerEmit(wirePeerEvent{"event": "closed", "error": err.Error()})
			return nil
		}
		switch x := c.(type) {
		case *wcmd.NoOp:
			wirePeerEmit(wirePeerEvent{"event": "NoOp"})
		case *wcmd.Disconnect:
			wirePeerEmit(wirePeerEvent{"event": "Disconnect"})
			return nil
		case *wcmd.SendPacket:
			sum := sha256.Sum256(x.SphinxPacket)
			wirePeerEmit(wirePeerEvent{"event": "SendPacket", "length": len(x.SphinxPacket), "sha256": hex.EncodeToString(sum[:])})
		case *wcmd.RetrieveMessage:
			// the reference gateway's rule (server/internal/incoming onRetrieveMessage)
			switch x.Sequence {
			case retrSeq:
			case retrSeq + 1:
				head++
				retrSeq++
			default:
				wirePeerEmit(wirePeerEvent{"event": "bad-sequence", "sequence": x.Sequence})
				return nil
			}
			wirePeerEmit(wirePeerEvent{"event": "RetrieveMessage", "sequence": x.Sequence})
			var resp wcmd.Command
			if head >= len(queue) {
				resp = &wcmd.MessageEmpty{Cmds: cmds, Sequence: x.Sequence}
			} else {
				hint := uint8(0)
				if head+1 < len(queue) {
					hint = 1
				}
				q := queue[head]
				if q.Kind == "MessageACK" {
					a := &wcmd.MessageACK{Cmds: cmds, Geo: g, QueueSizeHint: hint, Sequence: x.Sequence, Payload: q.Payload}
					copy(a.ID[:], q.SURBID)
					resp = a
				} else {
					resp = &wcmd.Message{Cmds: cmds, Geo: g, QueueSizeHint: hint, Sequence: x.Sequence, Payload: q.Payload}
				}
			}
			if err := s.SendCommand(resp); err != nil {
				return err
			}
		case *wcmd.GetConsensus2:
			wirePeerEmit(wirePeerEvent{"event": "GetConsensus2", "epoch": x.Epoch})
			var doc []byte
			if x.Epoch == epoch {
				doc = consensus
			}
			chunks, err := cpki.Chunk(doc, cmds.MaxMessageLenServerToClient)
			if err != nil {
				return err
			}
			for i, ch := range chunks {
				if err := s.SendCommand(&wcmd.Consensus2{Cmds: cmds, ChunkNum: uint32(i), ChunkTotal: uint32(len(chunks)), Payload: ch}); err != nil {
					return err
				}
			}
		default:
			wirePeerEmit(wirePeerEvent{"event": "unexpected", "command": fmt.Sprintf("%T", c)})
			return nil
		}
	}
}

func wirePeerClient(g *geo.Geometry, kemScheme kem.Scheme, addr, linkHex, idHex string, epoch uint64) error {
	wantLink, err := hex.DecodeString(linkHex)
	if err != nil {
		return err
	}
	wantID, err := hex.DecodeString(idHex)
	if err != nil {
		return err
	}
	idHash := hash.Sum256(wantID)
	_, linkPriv, err := kemScheme.GenerateKeyPair()
	if err != nil {
		return err
	}
	var q [16]byte
	io.ReadFull(rand.Reader, q[:])
	queueID := []byte(fmt.Sprintf("%x", q[:]))
	auth := &wirePeerAuth{check: func(c *wire.PeerCredentials) bool {
		blob, _ := c.PublicKey.MarshalBinary()
		ok := bytes.Equal(blob, wantLink) && bytes.Equal(c.AdditionalData, idHash[:])
		wirePeerEmit(wirePeerEvent{"event": "server-authenticated", "ok": ok})
		return ok
	}}
	conn, err := net.DialTimeout("tcp", addr, 60*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	s, err := wire.NewSession(&wire.SessionConfig{
		KEMScheme: kemScheme, Authenticator: auth, AdditionalData: queueID,
		AuthenticationKey: linkPriv, RandomReader: rand.Reader, Geometry: g,
	}, true)
	if err != nil {
		return err
	}
	if err := s.Initialize(conn); err != nil {
		wirePeerEmit(wirePeerEvent{"event": "handshake-failed", "error": err.Error()})
		return err
	}
	defer s.Close()
	wirePeerEmit(wirePeerEvent{"event": "established", "queueId": string(queueID), "clockSkewSeconds": int64(s.ClockSkew().Seconds())})
	cmds := s.GetCommands()

	if err := s.SendCommand(&wcmd.GetConsensus2{Cmds: cmds, Epoch: epoch}); err != nil {
		return err
	}
	d := cpki.NewDechunker()
	for {
		c, err := s.RecvCommand()
		if err != nil {
			return err
		}
		ch, ok := c.(*wcmd.Consensus2)
		if !ok {
			return fmt.Errorf("expected Consensus2, got %T", c)
		}
		if ch.ChunkNum == 0 { // as client2/connection.go primes its Dechunker
			d.ChunkNum, d.ChunkTotal = 0, int(ch.ChunkTotal)
		}
		if err := d.Consume(ch.Payload, int(ch.ChunkNum), int(ch.ChunkTotal)); err != nil {
			return err
		}
		if ch.ChunkNum == ch.ChunkTotal-1 {
			break
		}
	}
	wirePeerEmit(wirePeerEvent{"event": "consensus", "hex": hex.EncodeToString(d.Output)})

	if err := s.SendCommand(&wcmd.RetrieveMessage{Cmds: cmds, Sequence: 0}); err != nil {
		return err
	}
	c, err := s.RecvCommand()
	if err != nil {
		return err
	}
	switch x := c.(type) {
	case *wcmd.MessageACK:
		wirePeerEmit(wirePeerEvent{"event": "MessageACK", "sequence": x.Sequence, "hint": x.QueueSizeHint, "surbId": hex.EncodeToString(x.ID[:]), "payloadSha256": wirePeerSum(x.Payload)})
	case *wcmd.Message:
		wirePeerEmit(wirePeerEvent{"event": "Message", "sequence": x.Sequence, "hint": x.QueueSizeHint, "payloadSha256": wirePeerSum(x.Payload)})
	case *wcmd.MessageEmpty:
		wirePeerEmit(wirePeerEvent{"event": "MessageEmpty", "sequence": x.Sequence})
	default:
		return fmt.Errorf("expected a Message-family reply, got %T", c)
	}
	pkt := make([]byte, g.PacketLength)
	io.ReadFull(detRand("wire/peer client packet"), pkt)
	if err := s.SendCommand(&wcmd.SendPacket{Cmds: cmds, SphinxPacket: pkt}); err != nil {
		return err
	}
	wirePeerEmit(wirePeerEvent{"event": "sent-packet", "sha256": wirePeerSum(pkt)})
	// Let the server see the packet before we go.
	if err := s.SendCommand(&wcmd.NoOp{Cmds: cmds}); err != nil {
		return err
	}
	time.Sleep(200 * time.Millisecond)
	wirePeerEmit(wirePeerEvent{"event": "done"})
	return nil
}

func wirePeerSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func init() {
	registerCommand("wire-peer", wirePeerMain)
}
