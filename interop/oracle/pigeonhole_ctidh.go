package main

import (
	"bytes"
	crand "crypto/rand"
	"fmt"
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/katzenpost/hpqc/bacap"
	"github.com/katzenpost/hpqc/kem/mkem"
	"github.com/katzenpost/hpqc/nike"
	"github.com/katzenpost/hpqc/nike/hybrid"
)

// CTIDH1024-X25519 (the replica NIKE) vectors. Key pairs come from
// GenerateKeyPairFromEntropy(detRand(label)), which feeds both the X25519 part
// and highctidh's private key sampler, so the Java side reproduces them. The
// MKEM encapsulation runs the reference mkem over the reference hybrid scheme,
// with the ephemeral key pair drawn by GenerateKeyPairFromEntropy from the same
// detRand stream that also serves crypto/rand.Reader (message key, nonces), so
// it is reproducible as well.

// phEntropyScheme is a NIKE whose GenerateKeyPair draws from a given stream.
type phEntropyScheme struct {
	nike.Scheme
	rng io.Reader
}

func (e phEntropyScheme) GenerateKeyPair() (nike.PublicKey, nike.PrivateKey, error) {
	return e.Scheme.GenerateKeyPairFromEntropy(e.rng)
}

type ctidhKey struct {
	RngLabel string   `json:"rngLabel"`
	Private  hexBytes `json:"private"`
	Public   hexBytes `json:"public"`
}

type ctidhDH struct {
	A      int      `json:"a"`
	B      int      `json:"b"`
	Secret hexBytes `json:"secret"`
}

type ctidhInvalid struct {
	Public    hexBytes `json:"public"`
	GoAccepts bool     `json:"goAccepts"`
}

type ctidhVectors struct {
	NIKE    string         `json:"nike"`
	Keys    []ctidhKey     `json:"keys"`
	DH      []ctidhDH      `json:"dh"`
	Invalid []ctidhInvalid `json:"invalid"`
	Mkem    mkemCase       `json:"mkem"` // replicas = Keys[0], Keys[1]
}

func genCtidh() (any, error) {
	s := hybrid.CTIDH1024X25519
	out := ctidhVectors{NIKE: s.Name()}
	var privs []nike.PrivateKey
	var pubs []nike.PublicKey
	for i := 0; i < 3; i++ {
		label := fmt.Sprintf("pigeonhole/ctidh/key/%d", i)
		pub, priv, err := s.GenerateKeyPairFromEntropy(detRand(label))
		if err != nil {
			return nil, err
		}
		privs = append(privs, priv)
		pubs = append(pubs, pub)
		out.Keys = append(out.Keys, ctidhKey{label, priv.Bytes(), pub.Bytes()})
	}
	for _, p := range [][2]int{{0, 1}, {1, 0}, {2, 0}} {
		out.DH = append(out.DH, ctidhDH{p[0], p[1], s.DeriveSecret(privs[p[0]], pubs[p[1]])})
	}
	for _, flip := range []int{40, 100, 159} {
		bad := append([]byte{}, pubs[0].Bytes()...)
		bad[flip] ^= 1
		_, err := s.UnmarshalBinaryPublicKey(bad)
		out.Invalid = append(out.Invalid, ctidhInvalid{bad, err == nil})
	}
	{
		// only the X25519 half altered: CTIDH validation still passes
		bad := append([]byte{}, pubs[0].Bytes()...)
		bad[3] ^= 1
		_, err := s.UnmarshalBinaryPublicKey(bad)
		out.Invalid = append(out.Invalid, ctidhInvalid{bad, err == nil})
	}
	pr := detRand("pigeonhole/ctidh/mkem/plaintext")
	mc := mkemCase{RngLabel: "pigeonhole/ctidh/mkem", Plaintext: phReadN(pr, 1702), ReplyPlaintext: phReadN(pr, 1675)}
	rng := detRand(mc.RngLabel)
	m := mkem.NewScheme(phEntropyScheme{s, rng})
	var ephPriv nike.PrivateKey
	var ct *mkem.Ciphertext
	restore := crand.Reader
	crand.Reader = rng
	defer func() { crand.Reader = restore }()
	ephPriv, ct = m.Encapsulate(pubs[:2], mc.Plaintext)
	mc.EphPrivate = ephPriv.Bytes()
	mc.EphPublic = ct.EphemeralPublicKey.Bytes()
	for _, d := range ct.DEKCiphertexts {
		mc.DEKs = append(mc.DEKs, append([]byte{}, d[:]...))
	}
	mc.Envelope = ct.Envelope
	for i := 0; i < 2; i++ {
		mc.ReplicaPrivate = append(mc.ReplicaPrivate, privs[i].Bytes())
		mc.ReplicaPublic = append(mc.ReplicaPublic, pubs[i].Bytes())
		rep := m.EnvelopeReply(privs[i], ct.EphemeralPublicKey, mc.ReplyPlaintext)
		mc.Replies = append(mc.Replies, rep.Envelope)
		back, err := m.DecryptEnvelope(ephPriv, pubs[i], rep.Envelope)
		if err != nil || !bytes.Equal(back, mc.ReplyPlaintext) {
			return nil, fmt.Errorf("reference reply round trip failed")
		}
	}
	out.Mkem = mc
	return out, nil
}

func init() {
	registerVectors(VectorSet{
		Name:     "pigeonhole/ctidh",
		Path:     "pigeonhole/src/test/resources/vectors/ctidh1024_x25519.json",
		Generate: genCtidh,
	})
	registerVerifier("pigeonhole/mkem-ctidh", func(data []byte) error {
		return verifyMkem(hybrid.CTIDH1024X25519, data)
	})
	// CPU time per operation (the machine is shared, wall time is noisy):
	// oracle pigeonhole-ctidh-cpu [N]
	registerCommand("pigeonhole-ctidh-cpu", func(args []string) error {
		n := 3
		if len(args) > 0 {
			fmt.Sscan(args[0], &n)
		}
		s := hybrid.CTIDH1024X25519
		p1, k1, _ := s.GenerateKeyPair()
		p2, _, _ := s.GenerateKeyPair()
		m := mkem.NewScheme(s)
		pt := make([]byte, 1702)
		cpu := func() float64 {
			var ru syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
			return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
		}
		measure := func(name string, f func()) {
			t0, w0 := cpu(), time.Now()
			for i := 0; i < n; i++ {
				f()
			}
			fmt.Printf("%-40s cpu %9.3f ms/op  wall %9.3f ms/op (n=%d)\n", name, (cpu()-t0)/float64(n),
				float64(time.Since(w0).Microseconds())/1000/float64(n), n)
		}
		wc, _ := bacap.NewWriteCap(crand.Reader)
		wcb, _ := wc.MarshalBinary()
		idx, _ := bacap.NewEmptyMessageBoxIndexFromBytes(wcb[64:])
		rc := wc.ReadCap()
		padded := make([]byte, 1557)
		nBacap := n
		n = n * 50
		measure("go bacap box id", func() { idx.BoxIDForContext(rc, pigeonholeCtx) })
		measure("go bacap encrypt+sign (M=1553)", func() { idx.EncryptForContext(wc, pigeonholeCtx, padded) })
		box, ct, sig := idx.EncryptForContext(wc, pigeonholeCtx, padded)
		measure("go bacap verify+decrypt", func() { idx.DecryptForContext(box, pigeonholeCtx, ct, sig) })
		n = nBacap
		measure("go hybrid keygen", func() { s.GenerateKeyPair() })
		measure("go hybrid derive secret", func() { s.DeriveSecret(k1, p2) })
		measure("go hybrid unmarshal (validate)", func() { s.UnmarshalBinaryPublicKey(p1.Bytes()) })
		measure("go mkem encapsulate to 2", func() { m.Encapsulate([]nike.PublicKey{p1, p2}, pt) })
		return nil
	})
	registerBench("pigeonhole/ctidh-keygen", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, _, err := hybrid.CTIDH1024X25519.GenerateKeyPair(); err != nil {
				b.Fatal(err)
			}
		}
	})
	registerBench("pigeonhole/ctidh-derive-secret", func(b *testing.B) {
		s := hybrid.CTIDH1024X25519
		pub, _, _ := s.GenerateKeyPair()
		_, priv, _ := s.GenerateKeyPair()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			s.DeriveSecret(priv, pub)
		}
	})
	registerBench("pigeonhole/mkem-ctidh-encapsulate2", func(b *testing.B) {
		s := hybrid.CTIDH1024X25519
		p1, _, _ := s.GenerateKeyPair()
		p2, _, _ := s.GenerateKeyPair()
		m := mkem.NewScheme(s)
		pt := make([]byte, 1702)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			m.Encapsulate([]nike.PublicKey{p1, p2}, pt)
		}
	})
}
