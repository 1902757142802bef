package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/katzenpost/hpqc/nike/schemes"
	sphinxgeo "github.com/katzenpost/katzenpost/core/sphinx/geo"
	"github.com/katzenpost/katzenpost/pigeonhole"
	phgeo "github.com/katzenpost/katzenpost/pigeonhole/geo"
	replicacommon "github.com/katzenpost/katzenpost/replica/common"
)

// Pigeonhole message vectors: random instances of every courier/replica trunnel
// message as the reference marshals them, malformed and padded inputs with the
// reference parser's verdict, plus the Pigeonhole geometry, box padding, replica
// sharding and epoch conversion.

type phMsg struct {
	Type         string   `json:"type"`
	Kind         int      `json:"kind"` // union discriminator (0/1); 0 for Box and bare CourierEnvelope
	Encoding     hexBytes `json:"encoding"`
	Replicas     []int    `json:"replicas,omitempty"`
	Dek1         hexBytes `json:"dek1,omitempty"`
	Dek2         hexBytes `json:"dek2,omitempty"`
	ReplyIndex   int      `json:"replyIndex"`
	Epoch        string   `json:"epoch,omitempty"`
	SenderPubkey hexBytes `json:"senderPubkey,omitempty"`
	Ciphertext   hexBytes `json:"ciphertext,omitempty"`
	EnvelopeHash hexBytes `json:"envelopeHash,omitempty"`
	ReplyType    int      `json:"replyType"`
	ErrorCode    int      `json:"errorCode"`
	BoxID        hexBytes `json:"boxId,omitempty"`
	Signature    hexBytes `json:"signature,omitempty"`
	Payload      hexBytes `json:"payload,omitempty"`
	WriteCap     hexBytes `json:"writeCap,omitempty"`
}

type phParseCase struct {
	Type      string   `json:"type"`
	Input     hexBytes `json:"input"`
	GoAccepts bool     `json:"goAccepts"`
	Reencoded hexBytes `json:"reencoded,omitempty"` // what the accepted message marshals to
}

type phGeometry struct {
	NIKE                         string `json:"nike"`
	PublicKeySize                int    `json:"publicKeySize"`
	UserForwardPayloadLength     int    `json:"userForwardPayloadLength"`
	Error                        bool   `json:"error"`
	MaxPlaintextPayloadLength    int    `json:"maxPlaintextPayloadLength"`
	CourierQueryReadLength       int    `json:"courierQueryReadLength"`
	CourierQueryWriteLength      int    `json:"courierQueryWriteLength"`
	CourierQueryReplyReadLength  int    `json:"courierQueryReplyReadLength"`
	CourierQueryReplyWriteLength int    `json:"courierQueryReplyWriteLength"`
	BoxCiphertextLength          int    `json:"boxCiphertextLength"`
	EnvelopeCiphertextRead       int    `json:"envelopeCiphertextSizeRead"`
	EnvelopeCiphertextWrite      int    `json:"envelopeCiphertextSizeWrite"`
	EnvelopeReplySizeRead        int    `json:"envelopeReplySizeRead"`
	EnvelopeReplySizeWrite       int    `json:"envelopeReplySizeWrite"`
	PaddedPayloadLength          int    `json:"paddedPayloadLength"`
}

type phPadding struct {
	Message   hexBytes `json:"message"`
	Target    int      `json:"target"`
	Padded    hexBytes `json:"padded,omitempty"`
	CreateErr bool     `json:"createError"`
}

type phExtract struct {
	Input   hexBytes `json:"input"`
	Message hexBytes `json:"message,omitempty"`
	Err     bool     `json:"error"`
}

type phShard struct {
	BoxID   hexBytes   `json:"boxId"`
	Keys    []hexBytes `json:"keys"`
	Shard2  []int      `json:"shard2"` // indexes of the returned keys (first equal key), -1 for none
	ShardEq bool       `json:"sortedShardAgrees"`
}

type phEpoch struct {
	PkiEpoch     string `json:"pkiEpoch"`
	ReplicaEpoch string `json:"replicaEpoch"`
}

type phVectors struct {
	Messages []phMsg       `json:"messages"`
	Parse    []phParseCase `json:"parse"`
}

type phMiscVectors struct {
	Geometry []phGeometry `json:"geometry"`
	Padding  []phPadding  `json:"padding"`
	Extract  []phExtract  `json:"extract"`
	Shards   []phShard    `json:"shards"`
	Epochs   []phEpoch    `json:"epochs"`
}

func phRB(r io.Reader, n int) []byte { return phReadN(r, n) }

func phU8(r io.Reader) int { return int(phRB(r, 1)[0]) }

func phU64(r io.Reader) uint64 { return binary.BigEndian.Uint64(phRB(r, 8)) }

func phEnvelopeFrom(r io.Reader, pkLen, ctLen int) *pigeonhole.CourierEnvelope {
	e := &pigeonhole.CourierEnvelope{}
	e.IntermediateReplicas = [2]uint8{uint8(phU8(r)), uint8(phU8(r))}
	copy(e.Dek1[:], phRB(r, 60))
	copy(e.Dek2[:], phRB(r, 60))
	e.ReplyIndex = uint8(phU8(r) % 2)
	e.Epoch = phU64(r)
	e.SenderPubkey = phRB(r, pkLen)
	e.SenderPubkeyLen = uint16(pkLen)
	e.Ciphertext = phRB(r, ctLen)
	e.CiphertextLen = uint32(ctLen)
	return e
}

func phEnvelopeVec(typ string, kind int, enc []byte, e *pigeonhole.CourierEnvelope) phMsg {
	return phMsg{Type: typ, Kind: kind, Encoding: enc, Replicas: []int{int(e.IntermediateReplicas[0]), int(e.IntermediateReplicas[1])},
		Dek1: e.Dek1[:], Dek2: e.Dek2[:], ReplyIndex: int(e.ReplyIndex), Epoch: strconv.FormatUint(e.Epoch, 10),
		SenderPubkey: e.SenderPubkey, Ciphertext: e.Ciphertext, EnvelopeHash: e.EnvelopeHash()[:]}
}

func phMarshal(m interface{ MarshalBinary() ([]byte, error) }) []byte {
	b, err := m.MarshalBinary()
	if err != nil {
		panic(err)
	}
	return b
}

func genPigeonholeMessages() (any, error) {
	r := detRand("pigeonhole/messages")
	var out phVectors
	sizes := [][2]int{{160, 1702}, {160, 61}, {32, 0}, {0, 5}, {160, 1553 + 149}, {7, 300}}
	for _, s := range sizes {
		e := phEnvelopeFrom(r, s[0], s[1])
		out.Messages = append(out.Messages, phEnvelopeVec("CourierEnvelope", 0, phMarshal(e), e))
		q := &pigeonhole.CourierQuery{QueryType: 0, Envelope: e}
		out.Messages = append(out.Messages, phEnvelopeVec("CourierQuery", 0, phMarshal(q), e))
	}
	for _, n := range []int{0, 168, 9} {
		wc := phRB(r, n)
		q := &pigeonhole.CourierQuery{QueryType: 1, CopyCommand: &pigeonhole.CopyCommand{WriteCapLen: uint32(n), WriteCap: wc}}
		out.Messages = append(out.Messages, phMsg{Type: "CourierQuery", Kind: 1, Encoding: phMarshal(q), WriteCap: wc})
	}
	for _, n := range []int{0, 29, 130, 1703} {
		for _, rt := range []int{0, 1} {
			er := &pigeonhole.CourierEnvelopeReply{ReplyIndex: uint8(phU8(r) % 2), ReplyType: uint8(rt), ErrorCode: uint8(phU8(r) % 4)}
			copy(er.EnvelopeHash[:], phRB(r, 32))
			er.Payload = phRB(r, n)
			er.PayloadLen = uint32(n)
			q := &pigeonhole.CourierQueryReply{ReplyType: 0, EnvelopeReply: er}
			out.Messages = append(out.Messages, phMsg{Type: "CourierQueryReply", Kind: 0, Encoding: phMarshal(q),
				EnvelopeHash: er.EnvelopeHash[:], ReplyIndex: int(er.ReplyIndex), ReplyType: rt, Payload: er.Payload, ErrorCode: int(er.ErrorCode)})
		}
	}
	{
		q := &pigeonhole.CourierQueryReply{ReplyType: 1, CopyCommandReply: &pigeonhole.CopyCommandReply{ErrorCode: 7}}
		out.Messages = append(out.Messages, phMsg{Type: "CourierQueryReply", Kind: 1, Encoding: phMarshal(q), ErrorCode: 7})
	}
	for i := 0; i < 2; i++ {
		rr := &pigeonhole.ReplicaRead{}
		copy(rr.BoxID[:], phRB(r, 32))
		m := &pigeonhole.ReplicaInnerMessage{MessageType: 0, ReadMsg: rr}
		out.Messages = append(out.Messages, phMsg{Type: "ReplicaInnerMessage", Kind: 0, Encoding: phMarshal(m), BoxID: rr.BoxID[:]})
	}
	for _, n := range []int{0, 20, 1573} {
		w := &pigeonhole.ReplicaWrite{}
		copy(w.BoxID[:], phRB(r, 32))
		copy(w.Signature[:], phRB(r, 64))
		w.Payload = phRB(r, n)
		w.PayloadLen = uint32(n)
		m := &pigeonhole.ReplicaInnerMessage{MessageType: 1, WriteMsg: w}
		out.Messages = append(out.Messages, phMsg{Type: "ReplicaInnerMessage", Kind: 1, Encoding: phMarshal(m), BoxID: w.BoxID[:], Signature: w.Signature[:], Payload: w.Payload})
	}
	for _, n := range []int{0, 1573} {
		for _, ec := range []int{0, 1, 4} {
			rr := &pigeonhole.ReplicaReadReply{ErrorCode: uint8(ec)}
			copy(rr.BoxID[:], phRB(r, 32))
			copy(rr.Signature[:], phRB(r, 64))
			rr.Payload = phRB(r, n)
			rr.PayloadLen = uint32(n)
			m := &pigeonhole.ReplicaMessageReplyInnerMessage{MessageType: 0, ReadReply: rr}
			out.Messages = append(out.Messages, phMsg{Type: "ReplicaMessageReplyInnerMessage", Kind: 0, Encoding: phMarshal(m),
				ErrorCode: ec, BoxID: rr.BoxID[:], Signature: rr.Signature[:], Payload: rr.Payload})
		}
	}
	for _, ec := range []int{0, 3} {
		m := &pigeonhole.ReplicaMessageReplyInnerMessage{MessageType: 1, WriteReply: &pigeonhole.ReplicaWriteReply{ErrorCode: uint8(ec)}}
		out.Messages = append(out.Messages, phMsg{Type: "ReplicaMessageReplyInnerMessage", Kind: 1, Encoding: phMarshal(m), ErrorCode: ec})
	}
	for _, n := range []int{0, 1573} {
		b := &pigeonhole.Box{}
		copy(b.BoxID[:], phRB(r, 32))
		copy(b.Signature[:], phRB(r, 64))
		b.Payload = phRB(r, n)
		b.PayloadLen = uint32(n)
		out.Messages = append(out.Messages, phMsg{Type: "Box", Encoding: phMarshal(b), BoxID: b.BoxID[:], Signature: b.Signature[:], Payload: b.Payload})
	}

	// Parser verdicts: truncations, bad discriminators, trailing bytes.
	addParse := func(typ string, in []byte) {
		pc := phParseCase{Type: typ, Input: append([]byte{}, in...)}
		var m interface{ MarshalBinary() ([]byte, error) }
		var err error
		switch typ {
		case "CourierQuery":
			m, err = pigeonhole.ParseCourierQuery(in)
		case "CourierQueryReply":
			m, err = pigeonhole.ParseCourierQueryReply(in)
		case "ReplicaInnerMessage":
			m, err = pigeonhole.ParseReplicaInnerMessage(in)
		case "ReplicaMessageReplyInnerMessage":
			m, err = pigeonhole.ParseReplicaMessageReplyInnerMessage(in)
		case "Box":
			m, err = pigeonhole.ParseBox(in)
		case "CourierEnvelope":
			m, err = pigeonhole.ParseCourierEnvelope(in)
		}
		if err == nil {
			pc.GoAccepts = true
			pc.Reencoded = phMarshal(m)
		}
		out.Parse = append(out.Parse, pc)
	}
	for _, m := range out.Messages {
		enc := []byte(m.Encoding)
		addParse(m.Type, append(append([]byte{}, enc...), make([]byte, 17)...)) // zero padding
		addParse(m.Type, append(append([]byte{}, enc...), 0xde, 0xad))          // trailing garbage
		for _, cut := range []int{1, 2, 5, 40} {
			if cut <= len(enc) {
				addParse(m.Type, enc[:len(enc)-cut])
			}
		}
		if m.Type != "Box" && m.Type != "CourierEnvelope" {
			bad := append([]byte{}, enc...)
			bad[0] = 2
			addParse(m.Type, bad)
		}
		if m.Type == "CourierQueryReply" && m.Kind == 0 {
			bad := append([]byte{}, enc...)
			bad[34] = 2 // envelope reply's reply_type
			addParse(m.Type, bad)
		}
		// a length field larger than what follows
		if m.Type == "Box" {
			bad := append([]byte{}, enc...)
			bad[32] = 0xff
			addParse(m.Type, bad)
		}
	}
	addParse("ReplicaMessageReplyInnerMessage", []byte{0})    // the v0.0.71 replica's write reply
	addParse("ReplicaMessageReplyInnerMessage", []byte{1, 0}) // a well-formed write reply
	addParse("CourierQuery", []byte{})
	addParse("CourierQueryReply", make([]byte, 2000))
	return out, nil
}

func genPigeonholeMisc() (any, error) {
	var out phMiscVectors
	for _, s := range schemes.All() {
		for _, u := range []int{2000, 1000, 5000, 30000, 287 + s.PublicKeySize(), 288 + s.PublicKeySize(), 100} {
			g := phGeometry{NIKE: s.Name(), PublicKeySize: s.PublicKeySize(), UserForwardPayloadLength: u}
			pg, err := phgeo.NewGeometryFromSphinx(&sphinxgeo.Geometry{UserForwardPayloadLength: u}, s)
			if err != nil {
				g.Error = true
			} else {
				g.MaxPlaintextPayloadLength = pg.MaxPlaintextPayloadLength
				g.CourierQueryReadLength = pg.CourierQueryReadLength
				g.CourierQueryWriteLength = pg.CourierQueryWriteLength
				g.CourierQueryReplyReadLength = pg.CourierQueryReplyReadLength
				g.CourierQueryReplyWriteLength = pg.CourierQueryReplyWriteLength
				g.BoxCiphertextLength = pg.CalculateBoxCiphertextLength()
				g.EnvelopeCiphertextRead = pg.CalculateCourierEnvelopeCiphertextSizeRead()
				g.EnvelopeCiphertextWrite = pg.CalculateCourierEnvelopeCiphertextSizeWrite()
				g.EnvelopeReplySizeRead = pg.CalculateEnvelopeReplySizeRead()
				g.EnvelopeReplySizeWrite = pg.CalculateEnvelopeReplySizeWrite()
				g.PaddedPayloadLength = pg.PaddedPayloadLength()
				if err := pg.Validate(); err != nil {
					return nil, err
				}
			}
			out.Geometry = append(out.Geometry, g)
		}
	}
	r := detRand("pigeonhole/misc")
	for _, c := range [][2]int{{0, 4}, {0, 10}, {2, 10}, {6, 10}, {7, 10}, {100, 1557}, {1553, 1557}, {1554, 1557}, {0, 3}} {
		msg := phRB(r, c[0])
		p := phPadding{Message: msg, Target: c[1]}
		padded, err := pigeonhole.CreatePaddedPayload(msg, c[1])
		if err != nil {
			p.CreateErr = true
		} else {
			p.Padded = padded
		}
		out.Padding = append(out.Padding, p)
	}
	extractIn := [][]byte{{}, {0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 1, 9}, {0, 0, 0, 2, 9}, {0, 0, 0, 2, 9, 8, 7}, {0xff, 0xff, 0xff, 0xff, 1, 2}, {0x80, 0, 0, 0, 1}}
	for _, in := range extractIn {
		e := phExtract{Input: in}
		m, err := pigeonhole.ExtractMessageFromPaddedPayload(in)
		if err != nil {
			e.Err = true
		} else {
			e.Message = m
		}
		out.Extract = append(out.Extract, e)
	}
	for c := 0; c < 40; c++ {
		n := 1 + c%9
		keys := make([][]byte, n)
		hk := make([]hexBytes, n)
		for i := range keys {
			keys[i] = phRB(r, 32)
			if c%5 == 4 && i > 0 {
				keys[i] = keys[i-1] // duplicates: ties
			}
			hk[i] = keys[i]
		}
		var box [32]byte
		copy(box[:], phRB(r, 32))
		res := replicacommon.Shard2(&box, keys)
		idx := []int{}
		for _, k := range res {
			j := -1
			for i, kk := range keys {
				if k != nil && bytes.Equal(k, kk) {
					j = i
					break
				}
			}
			idx = append(idx, j)
		}
		agree := false
		if n >= 2 {
			sorted := replicacommon.Shard(&box, keys)
			agree = bytes.Equal(sorted[0], res[0]) && bytes.Equal(sorted[1], res[1])
		}
		out.Shards = append(out.Shards, phShard{BoxID: box[:], Keys: hk, Shard2: idx, ShardEq: agree})
	}
	for _, e := range []uint64{0, 1, 503, 504, 505, 1007, 1008, 250000, 1 << 40} {
		out.Epochs = append(out.Epochs, phEpoch{strconv.FormatUint(e, 10), strconv.FormatUint(replicacommon.ConvertNormalToReplicaEpoch(e), 10)})
	}
	return out, nil
}

// verifyPigeonholeMessages parses every message the Java side encoded with the
// reference parser, re-marshals it and compares, and checks envelope hashes.
func verifyPigeonholeMessages(data []byte) error {
	var in struct {
		Messages []phMsg `json:"messages"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	if len(in.Messages) == 0 {
		return fmt.Errorf("no messages")
	}
	for i, m := range in.Messages {
		var got interface{ MarshalBinary() ([]byte, error) }
		var err error
		switch m.Type {
		case "CourierQuery":
			var q *pigeonhole.CourierQuery
			q, err = pigeonhole.ParseCourierQuery(m.Encoding)
			if err == nil && q.Envelope != nil {
				if !bytes.Equal(q.Envelope.EnvelopeHash()[:], m.EnvelopeHash) {
					return fmt.Errorf("message %d: envelope hash differs", i)
				}
				if int(q.Envelope.ReplyIndex) != m.ReplyIndex || strconv.FormatUint(q.Envelope.Epoch, 10) != m.Epoch {
					return fmt.Errorf("message %d: envelope fields differ", i)
				}
			}
			got = q
		case "CourierQueryReply":
			got, err = pigeonhole.ParseCourierQueryReply(m.Encoding)
		case "ReplicaInnerMessage":
			got, err = pigeonhole.ParseReplicaInnerMessage(m.Encoding)
		case "ReplicaMessageReplyInnerMessage":
			got, err = pigeonhole.ParseReplicaMessageReplyInnerMessage(m.Encoding)
		case "Box":
			got, err = pigeonhole.ParseBox(m.Encoding)
		default:
			return fmt.Errorf("message %d: unknown type %q", i, m.Type)
		}
		if err != nil {
			return fmt.Errorf("message %d (%s): reference parser: %w", i, m.Type, err)
		}
		re, err := got.MarshalBinary()
		if err != nil {
			return fmt.Errorf("message %d: %w", i, err)
		}
		if !bytes.Equal(re, m.Encoding) {
			return fmt.Errorf("message %d (%s): re-marshalled bytes differ", i, m.Type)
		}
	}
	return nil
}

func init() {
	registerVectors(VectorSet{
		Name:     "pigeonhole/messages",
		Path:     "pigeonhole/src/test/resources/vectors/messages.json",
		Generate: genPigeonholeMessages,
	})
	registerVectors(VectorSet{
		Name:     "pigeonhole/misc",
		Path:     "pigeonhole/src/test/resources/vectors/misc.json",
		Generate: genPigeonholeMisc,
	})
	registerVerifier("pigeonhole/messages", verifyPigeonholeMessages)
}
