package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/katzenpost/hpqc/bacap"
	"github.com/katzenpost/hpqc/kem"
	"github.com/katzenpost/hpqc/kem/mkem"
	"github.com/katzenpost/hpqc/kem/xwing"
	"github.com/katzenpost/hpqc/nike"
	"github.com/katzenpost/hpqc/nike/x25519"
	hpqcrand "github.com/katzenpost/hpqc/rand"
	"github.com/katzenpost/hpqc/sign"
	"github.com/katzenpost/hpqc/sign/ed25519"
	"github.com/katzenpost/katzenpost/client2/thin"
	"github.com/katzenpost/katzenpost/core/cert"
	cpki "github.com/katzenpost/katzenpost/core/pki"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
	"github.com/katzenpost/nyquist"
	"github.com/katzenpost/nyquist/cipher"
	nyhash "github.com/katzenpost/nyquist/hash"
	"github.com/katzenpost/nyquist/pattern"
	"github.com/katzenpost/nyquist/seec"
)

// Go side of bench/compare.sh (the Java side is the bench module's JMH classes,
// org.katzen4j.bench.*). Inputs that need fixtures (a signed consensus, a thin
// frame) are read from the committed vector files, so both languages work on
// the same bytes; the repository root is $K4J_ROOT or found from the working
// directory.

func benchRoot() string {
	if r := os.Getenv("K4J_ROOT"); r != "" {
		return r
	}
	d, _ := os.Getwd()
	for d != "/" && d != "." {
		if _, err := os.Stat(filepath.Join(d, "mvnw")); err == nil {
			return d
		}
		d = filepath.Dir(d)
	}
	panic("bench: repository root not found (set K4J_ROOT)")
}

func benchVectors(rel string, into any) {
	b, err := os.ReadFile(filepath.Join(benchRoot(), rel))
	if err != nil {
		panic(err)
	}
	if err := json.Unmarshal(b, into); err != nil {
		panic(err)
	}
}

func benchHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// WireFrameLength is the plaintext encrypted per operation in the wire benches:
// one SendPacket-sized transport frame at the test geometry.
const benchWireFrame = 3200

func benchWirePairs(b *testing.B) (*nyquist.CipherState, *nyquist.CipherState) {
	s := xwing.Scheme()
	_, iPriv, _ := s.GenerateKeyPair()
	_, rPriv, _ := s.GenerateKeyPair()
	proto := &nyquist.Protocol{Pattern: pattern.PqXX, KEM: s, Cipher: cipher.ChaChaPoly, Hash: nyhash.BLAKE2b}
	auth := wireAuthPayload(make([]byte, 32), 0)
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
	return ini.GetStatus().CipherStates[0], res.GetStatus().CipherStates[0]
}

func init() {
	registerBench("bench/wire-encrypt-decrypt", func(b *testing.B) {
		tx, rx := benchWirePairs(b)
		pt := make([]byte, benchWireFrame)
		ct := make([]byte, 0, benchWireFrame+32)
		out := make([]byte, 0, benchWireFrame+32)
		b.SetBytes(benchWireFrame)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			c, err := tx.EncryptWithAd(ct[:0], nil, pt)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := rx.DecryptWithAd(out[:0], nil, c); err != nil {
				b.Fatal(err)
			}
		}
	})

	registerBench("bench/pki-verify", func(b *testing.B) {
		var v struct {
			Threshold   int `json:"threshold"`
			Authorities []struct {
				PublicKey string `json:"publicKey"`
			} `json:"authorities"`
			Documents []struct {
				Name        string `json:"name"`
				Certificate string `json:"certificate"`
				Expect      struct {
					Epoch uint64 `json:"epoch"`
				} `json:"expect"`
			} `json:"documents"`
		}
		benchVectors("pki/src/test/resources/vectors/pki_documents.json", &v)
		var verifiers []sign.PublicKey
		for _, a := range v.Authorities {
			pk, err := ed25519.Scheme().UnmarshalBinaryPublicKey(benchHex(a.PublicKey))
			if err != nil {
				b.Fatal(err)
			}
			verifiers = append(verifiers, pk)
		}
		raw := benchHex(v.Documents[0].Certificate)
		epoch := v.Documents[0].Expect.Epoch
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, _, _, err := cert.VerifyThreshold(verifiers, len(verifiers)/2+1, raw); err != nil {
				b.Fatal(err)
			}
			d, err := cpki.ParseDocument(raw)
			if err != nil {
				b.Fatal(err)
			}
			if d.Epoch != epoch {
				b.Fatal("epoch")
			}
		}
	})

	bacapSetup := func(b *testing.B) (*bacap.WriteCap, *bacap.ReadCap, *bacap.MessageBoxIndex, []byte) {
		wc, err := bacap.NewWriteCap(detRand("bench/bacap"))
		if err != nil {
			b.Fatal(err)
		}
		wcb, _ := wc.MarshalBinary()
		idx, err := bacap.NewEmptyMessageBoxIndexFromBytes(wcb[64:])
		if err != nil {
			b.Fatal(err)
		}
		return wc, wc.ReadCap(), idx, make([]byte, benchBoxPayload)
	}
	registerBench("bench/bacap-encrypt-sign", func(b *testing.B) {
		wc, _, idx, pt := bacapSetup(b)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			idx.EncryptForContext(wc, pigeonholeCtx, pt)
		}
	})
	registerBench("bench/bacap-verify-decrypt", func(b *testing.B) {
		wc, rc, idx, pt := bacapSetup(b)
		_, ct, sig := idx.EncryptForContext(wc, pigeonholeCtx, pt)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			// the reader side: box ID from the read capability, then verify and decrypt
			var box [32]byte
			copy(box[:], idx.BoxIDForContext(rc, pigeonholeCtx).Bytes())
			if _, err := idx.DecryptForContext(box, pigeonholeCtx, ct, sig); err != nil {
				b.Fatal(err)
			}
		}
	})

	mkemSetup := func() (*mkem.Scheme, []nike.PublicKey, []nike.PrivateKey, []byte) {
		ns := x25519.Scheme(hpqcrand.Reader)
		var pubs []nike.PublicKey
		var privs []nike.PrivateKey
		for i := 0; i < 2; i++ {
			pub, priv, err := ns.GenerateKeyPair()
			if err != nil {
				panic(err)
			}
			pubs = append(pubs, pub)
			privs = append(privs, priv)
		}
		return mkem.NewScheme(ns), pubs, privs, make([]byte, benchMkemPayload)
	}
	registerBench("bench/mkem-x25519-encapsulate", func(b *testing.B) {
		s, pubs, _, pt := mkemSetup()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			s.Encapsulate(pubs, pt)
		}
	})
	registerBench("bench/mkem-x25519-decapsulate", func(b *testing.B) {
		s, pubs, privs, pt := mkemSetup()
		_, ct := s.Encapsulate(pubs, pt)
		one := &mkem.Ciphertext{EphemeralPublicKey: ct.EphemeralPublicKey, DEKCiphertexts: ct.DEKCiphertexts[:1], Envelope: ct.Envelope}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			back, err := s.Decapsulate(privs[0], one)
			if err != nil || !bytes.Equal(back, pt) {
				b.Fatal("decapsulate", err)
			}
		}
	})

	registerBench("bench/thin-response-decode-encode", func(b *testing.B) {
		frame := benchLargestThinResponse()
		b.SetBytes(int64(len(frame)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var r thin.Response
			if err := cbor.Unmarshal(frame, &r); err != nil {
				b.Fatal(err)
			}
			if _, err := cbor.Marshal(&r); err != nil {
				b.Fatal(err)
			}
		}
	})

	// growth of packet creation with the hop count and the payload size (x25519)
	for _, c := range benchGrowth {
		c := c
		registerBench(fmt.Sprintf("bench/new-packet-h%d-p%d", c[0], c[1]), func(b *testing.B) {
			n := x25519.Scheme(hpqcrand.Reader)
			g := geo.GeometryFromUserForwardPayloadLength(n, c[1], true, c[0])
			s, sch, err := sxSphinxFor(g)
			if err != nil {
				b.Fatal(err)
			}
			_, _, fwd := sxClientPath(sch, detRand("bench/growth"), c[0], false, true)
			payload := make([]byte, g.ForwardPayloadLength)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.NewPacket(hpqcrand.Reader, fwd, payload); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Sizes shared with the Java side (org.katzen4j.bench.OpsBench).
const (
	benchBoxPayload  = 1557 // a BACAP box at the test geometry
	benchMkemPayload = 1674 // the largest MKEM vector plaintext
)

// {hops, user forward payload length}
var benchGrowth = [][2]int{{2, 2000}, {5, 2000}, {8, 2000}, {5, 8000}, {5, 32000}}

func benchLargestThinResponse() []byte {
	var v struct {
		Responses []struct {
			Frame string `json:"frame"`
		} `json:"responses"`
	}
	benchVectors("thin-client/src/test/resources/vectors/thin_messages.json", &v)
	var best []byte
	for _, r := range v.Responses {
		if f := benchHex(r.Frame); len(f) > len(best) {
			best = f
		}
	}
	return best
}

// bench-cpu: the same benchmarks timed by the benchmark goroutine's own thread CPU time
// (getrusage RUSAGE_THREAD with the goroutine locked to its thread), which other processes on a
// shared machine disturb far less than wall time. Output: one JSON line per benchmark with
// cpu_ns_per_op; the Java side is org.katzen4j.bench.CpuTime. Setup work inside the benchmark
// function is included (it is small against the measured iterations).
func benchCPUMain(args []string) error {
	fs := newFlagSet("bench-cpu")
	d := fs.Duration("time", time.Second, "minimum time per benchmark")
	if err := fs.Parse(args); err != nil {
		return err
	}
	testing.Init()
	_ = flagSetBenchtime(*d)
	for _, n := range fs.Args() {
		f, ok := benchmarks[n]
		if !ok {
			return fmt.Errorf("bench-cpu: unknown benchmark %q", n)
		}
		var cpu time.Duration
		var iters int
		r := testing.Benchmark(func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			t0 := benchThreadCPU()
			f(b)
			cpu, iters = benchThreadCPU()-t0, b.N
		})
		line, _ := json.Marshal(map[string]any{"name": n, "iterations": iters,
			"cpu_ns_per_op": float64(cpu.Nanoseconds()) / float64(max(iters, 1)),
			"ns_per_op":     float64(r.T.Nanoseconds()) / float64(max(r.N, 1))})
		fmt.Println(string(line))
	}
	return nil
}

func benchThreadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func init() { registerCommand("bench-cpu", benchCPUMain) }
