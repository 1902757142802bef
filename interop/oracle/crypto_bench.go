package main

// The reference's cost for the operations crypto/BENCHMARKS.md compares with the Java
// JMH benchmarks (CryptoBench), through the same hpqc entry points the client uses.

import (
	"crypto/rand"
	"testing"

	"github.com/katzenpost/hpqc/hash"
	kemschemes "github.com/katzenpost/hpqc/kem/schemes"
	nikeschemes "github.com/katzenpost/hpqc/nike/schemes"
	signschemes "github.com/katzenpost/hpqc/sign/schemes"
)

func init() {
	x := nikeschemes.ByName("x25519")
	registerBench("crypto/x25519-keygen", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			x.GeneratePrivateKey(rand.Reader)
		}
	})
	registerBench("crypto/x25519-derive", func(b *testing.B) {
		_, a, _ := x.GenerateKeyPair()
		p, _, _ := x.GenerateKeyPair()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			x.DeriveSecret(a, p)
		}
	})
	for _, n := range []struct{ tag, name string }{{"xwing", "XWING"}, {"mlkem768", "MLKEM768"}} {
		s := kemschemes.ByName(n.name)
		registerBench("crypto/"+n.tag+"-keygen", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s.GenerateKeyPair()
			}
		})
		registerBench("crypto/"+n.tag+"-encapsulate", func(b *testing.B) {
			pk, _, _ := s.GenerateKeyPair()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s.Encapsulate(pk)
			}
		})
		registerBench("crypto/"+n.tag+"-decapsulate", func(b *testing.B) {
			pk, sk, _ := s.GenerateKeyPair()
			ct, _, _ := s.Encapsulate(pk)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s.Decapsulate(sk, ct)
			}
		})
	}
	msg := make([]byte, 1000)
	rand.Read(msg)
	ed := signschemes.ByName("Ed25519")
	registerBench("crypto/ed25519-sign", func(b *testing.B) {
		_, sk, _ := ed.GenerateKey()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			ed.Sign(sk, msg, nil)
		}
	})
	registerBench("crypto/ed25519-verify", func(b *testing.B) {
		pk, sk, _ := ed.GenerateKey()
		sig := ed.Sign(sk, msg, nil)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			ed.Verify(pk, msg, sig, nil)
		}
	})
	hy := signschemes.ByName("Ed25519 Sphincs+")
	registerBench("crypto/ed25519-sphincs-verify", func(b *testing.B) {
		pk, sk, _ := hy.GenerateKey()
		sig := hy.Sign(sk, msg, nil)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			hy.Verify(pk, msg, sig, nil)
		}
	})
	xw := kemschemes.ByName("XWING")
	registerBench("crypto/key-hash-xwing", func(b *testing.B) {
		pk, _, _ := xw.GenerateKeyPair()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			hash.Sum256From(pk)
		}
	})
}
