package main

import (
	"bytes"
	crand "crypto/rand"
	"encoding/json"
	"fmt"
	"io"

	"github.com/katzenpost/hpqc/kem/mkem"
	"github.com/katzenpost/hpqc/nike"
	"github.com/katzenpost/hpqc/nike/x25519"
)

// MKEM vectors over the x25519 NIKE. hpqc's mkem draws its message key and
// nonces from crypto/rand.Reader; for the vectors that reader and the NIKE's
// entropy are the same detRand stream, so the Java side (drawing key pair,
// message key, envelope nonce, DEK nonces, reply nonces in that order from one
// stream) must reproduce every byte.

type mkemCase struct {
	RngLabel       string     `json:"rngLabel"`
	ReplicaPrivate []hexBytes `json:"replicaPrivate"`
	ReplicaPublic  []hexBytes `json:"replicaPublic"`
	Plaintext      hexBytes   `json:"plaintext"`
	EphPrivate     hexBytes   `json:"ephemeralPrivate"`
	EphPublic      hexBytes   `json:"ephemeralPublic"`
	DEKs           []hexBytes `json:"deks"`
	Envelope       hexBytes   `json:"envelope"`
	ReplyPlaintext hexBytes   `json:"replyPlaintext"`
	Replies        []hexBytes `json:"replies"` // replica i's EnvelopeReply, drawn after Encapsulate
}

type mkemVectors struct {
	NIKE  string     `json:"nike"`
	Cases []mkemCase `json:"cases"`
}

func phWithRandReader(r io.Reader, f func() error) error {
	old := crand.Reader
	crand.Reader = r
	defer func() { crand.Reader = old }()
	return f()
}

func genMkemX25519() (any, error) {
	out := mkemVectors{NIKE: "x25519"}
	for c, n := range []int{0, 1, 33, 121, 1674} {
		label := fmt.Sprintf("pigeonhole/mkem/x25519/%d", c)
		rs := x25519.Scheme(detRand(label + "/replicas"))
		mc := mkemCase{RngLabel: label}
		var pubs []nike.PublicKey
		var privs []nike.PrivateKey
		for i := 0; i < 2; i++ {
			pub, priv, err := rs.GenerateKeyPair()
			if err != nil {
				return nil, err
			}
			pubs = append(pubs, pub)
			privs = append(privs, priv)
			mc.ReplicaPrivate = append(mc.ReplicaPrivate, priv.Bytes())
			mc.ReplicaPublic = append(mc.ReplicaPublic, pub.Bytes())
		}
		pr := detRand(label + "/plaintext")
		mc.Plaintext = phReadN(pr, n)
		mc.ReplyPlaintext = phReadN(pr, n/2+1)
		rng := detRand(label)
		err := phWithRandReader(rng, func() error {
			s := mkem.NewScheme(x25519.Scheme(rng))
			ephPriv, ct := s.Encapsulate(pubs, mc.Plaintext)
			mc.EphPrivate = ephPriv.Bytes()
			mc.EphPublic = ct.EphemeralPublicKey.Bytes()
			for _, d := range ct.DEKCiphertexts {
				mc.DEKs = append(mc.DEKs, append([]byte{}, d[:]...))
			}
			mc.Envelope = ct.Envelope
			for i := range privs {
				rep := s.EnvelopeReply(privs[i], ct.EphemeralPublicKey, mc.ReplyPlaintext)
				mc.Replies = append(mc.Replies, rep.Envelope)
				back, err := s.DecryptEnvelope(ephPriv, pubs[i], rep.Envelope)
				if err != nil || !bytes.Equal(back, mc.ReplyPlaintext) {
					return fmt.Errorf("reference reply round trip failed")
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		out.Cases = append(out.Cases, mc)
	}
	return out, nil
}

// verifyMkemX25519: every replica decapsulates the Java envelope with its one
// DEK, and the client opens every Java-made replica reply.
func verifyMkemX25519(data []byte) error {
	return verifyMkem(x25519.Scheme(crand.Reader), data)
}

// verifyMkem is verifyMkemX25519 for any NIKE (the public keys are unmarshalled,
// and so validated, by the scheme).
func verifyMkem(sch nike.Scheme, data []byte) error {
	var in mkemVectors
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	if len(in.Cases) == 0 {
		return fmt.Errorf("no cases")
	}
	s := mkem.NewScheme(sch)
	for ci, c := range in.Cases {
		eph, err := sch.UnmarshalBinaryPublicKey(c.EphPublic)
		if err != nil {
			return err
		}
		ephPriv, err := sch.UnmarshalBinaryPrivateKey(c.EphPrivate)
		if err != nil {
			return err
		}
		for i := range c.ReplicaPrivate {
			priv, err := sch.UnmarshalBinaryPrivateKey(c.ReplicaPrivate[i])
			if err != nil {
				return err
			}
			pub, err := sch.UnmarshalBinaryPublicKey(c.ReplicaPublic[i])
			if err != nil {
				return err
			}
			var dek [mkem.DEKSize]byte
			if len(c.DEKs[i]) != mkem.DEKSize {
				return fmt.Errorf("case %d: DEK %d has %d bytes", ci, i, len(c.DEKs[i]))
			}
			copy(dek[:], c.DEKs[i])
			pt, err := s.Decapsulate(priv, &mkem.Ciphertext{EphemeralPublicKey: eph, DEKCiphertexts: []*[mkem.DEKSize]byte{&dek}, Envelope: c.Envelope})
			if err != nil {
				return fmt.Errorf("case %d replica %d: decapsulate: %w", ci, i, err)
			}
			if !bytes.Equal(pt, c.Plaintext) {
				return fmt.Errorf("case %d replica %d: plaintext differs", ci, i)
			}
			rp, err := s.DecryptEnvelope(ephPriv, pub, c.Replies[i])
			if err != nil {
				return fmt.Errorf("case %d replica %d: reply: %w", ci, i, err)
			}
			if !bytes.Equal(rp, c.ReplyPlaintext) {
				return fmt.Errorf("case %d replica %d: reply plaintext differs", ci, i)
			}
		}
	}
	return nil
}

func init() {
	registerVectors(VectorSet{
		Name:     "pigeonhole/mkem-x25519",
		Path:     "pigeonhole/src/test/resources/vectors/mkem_x25519.json",
		Generate: genMkemX25519,
	})
	registerVerifier("pigeonhole/mkem-x25519", verifyMkemX25519)
}
