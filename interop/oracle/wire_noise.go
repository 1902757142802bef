package main

import (
	"crypto/ecdh"
	cryptorand "crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"testing"

	"filippo.io/mlkem768"
	"github.com/katzenpost/hpqc/hash"
	"github.com/katzenpost/hpqc/kem"
	"github.com/katzenpost/hpqc/kem/xwing"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
	wcmd "github.com/katzenpost/katzenpost/core/wire/commands"
	"github.com/katzenpost/nyquist"
	"github.com/katzenpost/nyquist/cipher"
	nyhash "github.com/katzenpost/nyquist/hash"
	"github.com/katzenpost/nyquist/pattern"
	"github.com/katzenpost/nyquist/seec"
	"golang.org/x/crypto/sha3"

	nikeschemes "github.com/katzenpost/hpqc/nike/schemes"
)

// A complete wire-protocol transcript with every random choice fixed: the
// reference Noise library (nyquist, pqXX, XWING, ChaChaPoly, BLAKE2b) runs both
// roles with the same configuration core/wire/session.go uses (prologue 0x03,
// SEEC PRP-AES key generation, the 260-byte authentication payloads), followed by
// transport frames built like session.go's SendCommand (encrypted length header,
// encrypted command, rekey). nyquist's KEM encapsulation draws from crypto/rand,
// so the KEM handed to nyquist is the reference XWING with encapsulation made
// deterministic; every encapsulation is decapsulated by the reference XWING code,
// so a wrong composition would break the handshake here.

type wireNoiseEncap struct {
	Token      string   `json:"token"` // "ekem" (msg 1) or "skem" (msg 2 / msg 3)
	By         string   `json:"by"`    // encapsulating role
	Recipient  hexBytes `json:"recipientPublicKey"`
	Ciphertext hexBytes `json:"ciphertext"`
	Shared     hexBytes `json:"sharedSecret"`
}

type wireNoiseFrame struct {
	From    string   `json:"from"` // "initiator" or "responder"
	Command hexBytes `json:"command"`
	Frame   hexBytes `json:"frame"`
}

type wireNoiseTranscript struct {
	ProtocolName        string           `json:"protocolName"`
	Prologue            hexBytes         `json:"prologue"`
	Geometry            wireCmdGeometry  `json:"geometry"`
	InitiatorStaticPub  hexBytes         `json:"initiatorStaticPublicKey"`
	InitiatorStaticPriv hexBytes         `json:"initiatorStaticPrivateKey"` // hpqc encoding
	ResponderStaticPub  hexBytes         `json:"responderStaticPublicKey"`
	ResponderStaticPriv hexBytes         `json:"responderStaticPrivateKey"`
	InitiatorEphPub     hexBytes         `json:"initiatorEphemeralPublicKey"`
	InitiatorEphPriv    hexBytes         `json:"initiatorEphemeralPrivateKey"`
	ResponderIdentity   hexBytes         `json:"responderIdentityKey"` // an Ed25519 public key; AD = BLAKE2b-256 of it
	InitiatorAuth       hexBytes         `json:"initiatorAuthPayload"`
	ResponderAuth       hexBytes         `json:"responderAuthPayload"`
	Encapsulations      []wireNoiseEncap `json:"encapsulations"`
	Messages            []hexBytes       `json:"messages"` // as on the wire; messages[0] starts with the prologue byte
	HandshakeHash       hexBytes         `json:"handshakeHash"`
	Frames              []wireNoiseFrame `json:"frames"`
}

// wireDetXwing is the reference XWING scheme whose Encapsulate takes its randomness from a fixed stream.
type wireDetXwing struct {
	kem.Scheme
	rng     io.Reader
	log     *[]wireNoiseEncap
	tok     func() (string, string)
	derived []kem.PrivateKey
}

type wireDetXwingPub struct {
	kem.PublicKey
	s *wireDetXwing
}

type wireDetXwingPriv struct {
	kem.PrivateKey
	s *wireDetXwing
}

func (p *wireDetXwingPub) Scheme() kem.Scheme  { return p.s }
func (p *wireDetXwingPriv) Scheme() kem.Scheme { return p.s }
func (p *wireDetXwingPriv) Public() kem.PublicKey {
	return &wireDetXwingPub{p.PrivateKey.Public(), p.s}
}
func (p *wireDetXwingPub) Equal(o kem.PublicKey) bool {
	if w, ok := o.(*wireDetXwingPub); ok {
		o = w.PublicKey
	}
	return p.PublicKey.Equal(o)
}
func (p *wireDetXwingPriv) Equal(o kem.PrivateKey) bool {
	if w, ok := o.(*wireDetXwingPriv); ok {
		o = w.PrivateKey
	}
	return p.PrivateKey.Equal(o)
}

func (s *wireDetXwing) UnmarshalBinaryPublicKey(b []byte) (kem.PublicKey, error) {
	pk, err := s.Scheme.UnmarshalBinaryPublicKey(b)
	if err != nil {
		return nil, err
	}
	return &wireDetXwingPub{pk, s}, nil
}

func (s *wireDetXwing) DeriveKeyPair(seed []byte) (kem.PublicKey, kem.PrivateKey) {
	pk, sk := s.Scheme.DeriveKeyPair(seed)
	s.derived = append(s.derived, sk)
	return &wireDetXwingPub{pk, s}, &wireDetXwingPriv{sk, s}
}

func (s *wireDetXwing) Decapsulate(sk kem.PrivateKey, ct []byte) ([]byte, error) {
	if w, ok := sk.(*wireDetXwingPriv); ok {
		sk = w.PrivateKey
	}
	return s.Scheme.Decapsulate(sk, ct)
}

func (s *wireDetXwing) Encapsulate(pk kem.PublicKey) ([]byte, []byte, error) {
	if w, ok := pk.(*wireDetXwingPub); ok {
		pk = w.PublicKey
	}
	raw, err := pk.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	if len(raw) != xwing.PublicKeySize {
		return nil, nil, errors.New("bad XWING public key")
	}
	pkM, pkX := raw[:mlkem768.EncapsulationKeySize], raw[mlkem768.EncapsulationKeySize:]
	eskX := make([]byte, 32)
	if _, err := io.ReadFull(s.rng, eskX); err != nil {
		return nil, nil, err
	}
	ephemeral, err := ecdh.X25519().NewPrivateKey(eskX)
	if err != nil {
		return nil, nil, err
	}
	peer, err := ecdh.X25519().NewPublicKey(pkX)
	if err != nil {
		return nil, nil, err
	}
	ssX, err := ephemeral.ECDH(peer)
	if err != nil {
		return nil, nil, err
	}
	ctX := ephemeral.PublicKey().Bytes()
	// mlkem768.Encapsulate reads its 32-byte message from crypto/rand; point it at our stream.
	saved := cryptorand.Reader
	cryptorand.Reader = s.rng
	ctM, ssM, err := mlkem768.Encapsulate(pkM)
	cryptorand.Reader = saved
	if err != nil {
		return nil, nil, err
	}
	h := sha3.New256()
	h.Write([]byte(`\./` + `/^\`))
	h.Write(ssM)
	h.Write(ssX)
	h.Write(ctX)
	h.Write(pkX)
	ss := h.Sum(nil)
	ct := append(append([]byte{}, ctM...), ctX...)
	// Self-check against the reference decapsulation is implicit: the peer runs it.
	token, by := s.tok()
	*s.log = append(*s.log, wireNoiseEncap{Token: token, By: by, Recipient: raw, Ciphertext: ct, Shared: ss})
	return ct, ss, nil
}

func wireAuthPayload(ad []byte, unixTime uint32) []byte {
	// core/wire/session.go authenticateMessage: len(ad) | ad zero-padded to 255 | BE32 unix time
	out := make([]byte, 1+255+4)
	out[0] = byte(len(ad))
	copy(out[1:], ad)
	binary.BigEndian.PutUint32(out[256:], unixTime)
	return out
}

func wireNoiseGenerate() (any, error) {
	rng := detRand("wire/noise transcript")
	read := func(n int) []byte {
		b := make([]byte, n)
		if _, err := io.ReadFull(rng, b); err != nil {
			panic(err)
		}
		return b
	}
	var encLog []wireNoiseEncap
	step := "ekem"
	by := "responder"
	dx := &wireDetXwing{Scheme: xwing.Scheme(), rng: rng, log: &encLog, tok: func() (string, string) { return step, by }}

	out := wireNoiseTranscript{Prologue: []byte{0x03}}
	g := geo.GeometryFromUserForwardPayloadLength(nikeschemes.ByName("x25519"), 2000, true, 5)
	out.Geometry = wireCmdGeo("x25519 5 hops ufpl 2000 (genconfig default)", g)

	iPub, iPriv := dx.DeriveKeyPair(read(dx.SeedSize()))
	rPub, rPriv := dx.DeriveKeyPair(read(dx.SeedSize()))
	out.InitiatorStaticPub, _ = iPub.MarshalBinary()
	out.InitiatorStaticPriv, _ = iPriv.(*wireDetXwingPriv).PrivateKey.MarshalBinary()
	out.ResponderStaticPub, _ = rPub.MarshalBinary()
	out.ResponderStaticPriv, _ = rPriv.(*wireDetXwingPriv).PrivateKey.MarshalBinary()

	proto := &nyquist.Protocol{Pattern: pattern.PqXX, KEM: dx, Cipher: cipher.ChaChaPoly, Hash: nyhash.BLAKE2b}
	out.ProtocolName = proto.String()
	mk := func(initiator bool, static kem.PrivateKey, label string) (*nyquist.HandshakeState, error) {
		return nyquist.NewHandshake(&nyquist.HandshakeConfig{
			Protocol:       proto,
			Rng:            detRand("wire/noise " + label),
			Prologue:       []byte{0x03},
			MaxMessageSize: 500000000,
			KEM:            &nyquist.KEMConfig{LocalStatic: static, GenKey: seec.GenKeyPRPAES},
			IsInitiator:    initiator,
		})
	}
	ini, err := mk(true, iPriv, "initiator")
	if err != nil {
		return nil, err
	}
	res, err := mk(false, rPriv, "responder")
	if err != nil {
		return nil, err
	}

	out.ResponderIdentity = read(32)
	idHash := hash.Sum256(out.ResponderIdentity)
	out.ResponderAuth = wireAuthPayload(idHash[:], 1763900000)
	out.InitiatorAuth = wireAuthPayload([]byte(fmt.Sprintf("%x", read(16))), 0)

	// msg 1: (prologue), e
	m1, err := ini.WriteMessage([]byte{0x03}, nil)
	if err != nil {
		return nil, err
	}
	out.InitiatorEphPub, _ = ini.GetStatus().KEM.LocalEphemeral.MarshalBinary()
	if _, err := res.ReadMessage(nil, m1[1:]); err != nil {
		return nil, err
	}
	// msg 2: ekem, s, auth
	step, by = "ekem", "responder"
	m2, err := res.WriteMessage(nil, out.ResponderAuth)
	if err != nil {
		return nil, err
	}
	p2, err := ini.ReadMessage(nil, m2)
	if err != nil {
		return nil, fmt.Errorf("msg2: %w", err)
	}
	if string(p2) != string(out.ResponderAuth) {
		return nil, errors.New("msg2 payload mismatch")
	}
	// msg 3: skem, s, auth
	step, by = "skem", "initiator"
	m3, err := ini.WriteMessage(nil, out.InitiatorAuth)
	if err != nil {
		return nil, err
	}
	if _, err := res.ReadMessage(nil, m3); err != nil {
		return nil, fmt.Errorf("msg3: %w", err)
	}
	// msg 4: skem
	step, by = "skem", "responder"
	m4, err := res.WriteMessage(nil, nil)
	if err != nyquist.ErrDone {
		return nil, fmt.Errorf("msg4 write: %v", err)
	}
	if _, err := ini.ReadMessage(nil, m4); err != nyquist.ErrDone {
		return nil, fmt.Errorf("msg4 read: %v", err)
	}
	out.Messages = []hexBytes{m1, m2, m3, m4}
	out.Encapsulations = encLog
	is, rs := ini.GetStatus(), res.GetStatus()
	if string(is.HandshakeHash) != string(rs.HandshakeHash) {
		return nil, errors.New("handshake hashes differ")
	}
	out.HandshakeHash = is.HandshakeHash

	// The initiator's ephemeral private key (the third key derived), for checks that decapsulate for real.
	if len(dx.derived) != 3 {
		return nil, fmt.Errorf("expected 3 derived key pairs, got %d", len(dx.derived))
	}
	out.InitiatorEphPriv, _ = dx.derived[2].MarshalBinary()
	if pub, _ := dx.derived[2].Public().MarshalBinary(); string(pub) != string(out.InitiatorEphPub) {
		return nil, errors.New("ephemeral key bookkeeping is off")
	}

	itx, irx := is.CipherStates[0], is.CipherStates[1]
	rrx, rtx := rs.CipherStates[0], rs.CipherStates[1]

	cmds := wcmd.NewMixnetCommands(g)
	send := func(from string, tx, rx *nyquist.CipherState, c wcmd.Command) error {
		pt := c.ToBytes()
		var hdr [4]byte
		binary.BigEndian.PutUint32(hdr[:], uint32(len(pt)+16))
		frame, err := tx.EncryptWithAd(nil, nil, hdr[:])
		if err != nil {
			return err
		}
		frame, err = tx.EncryptWithAd(frame, nil, pt)
		if err != nil {
			return err
		}
		if err := tx.Rekey(); err != nil {
			return err
		}
		// the other side reads it back like recvCommandImpl
		h, err := rx.DecryptWithAd(nil, nil, frame[:20])
		if err != nil {
			return err
		}
		n := binary.BigEndian.Uint32(h)
		body, err := rx.DecryptWithAd(nil, nil, frame[20:20+n])
		if err != nil {
			return err
		}
		if err := rx.Rekey(); err != nil {
			return err
		}
		if _, err := cmds.FromBytes(body); err != nil {
			return err
		}
		out.Frames = append(out.Frames, wireNoiseFrame{From: from, Command: pt, Frame: frame})
		return nil
	}
	ackPayload := read(g.PayloadTagLength + g.ForwardPayloadLength)
	ack := &wcmd.MessageACK{Cmds: cmds, Geo: g, QueueSizeHint: 0, Sequence: 0, Payload: ackPayload}
	copy(ack.ID[:], read(16))
	script := []struct {
		from string
		c    wcmd.Command
	}{
		{"responder", &wcmd.NoOp{Cmds: cmds}},
		{"initiator", &wcmd.GetConsensus2{Cmds: cmds, Epoch: 123456}},
		{"initiator", &wcmd.RetrieveMessage{Cmds: cmds, Sequence: 0}},
		{"responder", &wcmd.Consensus2{Cmds: cmds, ErrorCode: 0, ChunkNum: 0, ChunkTotal: 1, Payload: read(100)}},
		{"responder", ack},
		{"initiator", &wcmd.RetrieveMessage{Cmds: cmds, Sequence: 1}},
		{"responder", &wcmd.MessageEmpty{Cmds: cmds, Sequence: 1}},
		{"initiator", &wcmd.SendPacket{Cmds: cmds, SphinxPacket: read(g.PacketLength)}},
	}
	for _, s := range script {
		var err error
		if s.from == "initiator" {
			err = send(s.from, itx, rrx, s.c)
		} else {
			err = send(s.from, rtx, irx, s.c)
		}
		if err != nil {
			return nil, fmt.Errorf("frame %d: %w", len(out.Frames), err)
		}
	}
	return out, nil
}

func init() {
	registerVectors(VectorSet{
		Name:     "wire/noise",
		Path:     "wire/src/test/resources/vectors/wire_noise.json",
		Generate: wireNoiseGenerate,
	})
}

// wireHandshakeBench times one complete pqXX handshake (both roles, in memory) with
// the reference XWING and nyquist, as core/wire/session.go configures it.
func wireHandshakeBench(b *testing.B) {
	s := xwing.Scheme()
	_, iPriv, _ := s.GenerateKeyPair()
	_, rPriv, _ := s.GenerateKeyPair()
	proto := &nyquist.Protocol{Pattern: pattern.PqXX, KEM: s, Cipher: cipher.ChaChaPoly, Hash: nyhash.BLAKE2b}
	auth := wireAuthPayload(make([]byte, 32), 0)
	for i := 0; i < b.N; i++ {
		mk := func(ini bool, k kem.PrivateKey) *nyquist.HandshakeState {
			hs, err := nyquist.NewHandshake(&nyquist.HandshakeConfig{Protocol: proto, Prologue: []byte{3},
				MaxMessageSize: 500000000, KEM: &nyquist.KEMConfig{LocalStatic: k, GenKey: seec.GenKeyPRPAES}, IsInitiator: ini})
			if err != nil {
				b.Fatal(err)
			}
			return hs
		}
		ini, res := mk(true, iPriv), mk(false, rPriv)
		m1, _ := ini.WriteMessage(nil, nil)
		res.ReadMessage(nil, m1)
		m2, _ := res.WriteMessage(nil, auth)
		ini.ReadMessage(nil, m2)
		m3, _ := ini.WriteMessage(nil, auth)
		res.ReadMessage(nil, m3)
		m4, _ := res.WriteMessage(nil, nil)
		if _, err := ini.ReadMessage(nil, m4); err != nyquist.ErrDone {
			b.Fatal(err)
		}
	}
}

func init() { registerBench("wire/handshake", wireHandshakeBench) }
