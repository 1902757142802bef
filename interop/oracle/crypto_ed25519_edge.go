package main

// Ed25519 verification edge cases with Go's crypto/ed25519 verdicts: which non-canonical,
// small-order and mixed-order encodings the reference accepts, so the Java verifier can be held
// to exactly the same accept/reject behaviour.

import (
	"crypto/ed25519"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"io"
	"math/big"

	"filippo.io/edwards25519"
)

func init() {
	registerVectors(VectorSet{
		Name:     "crypto/ed25519-edge",
		Path:     "crypto/src/test/resources/vectors/ed25519_edge.json",
		Generate: genEd25519Edge,
	})
}

type edCase struct {
	Name      string   `json:"name"`
	PublicKey hexBytes `json:"publicKey"`
	Message   hexBytes `json:"message"`
	Signature hexBytes `json:"signature"`
	Valid     bool     `json:"valid"`
}

func edMustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func edScalar(r io.Reader) *edwards25519.Scalar {
	var b [64]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		panic(err)
	}
	s, err := edwards25519.NewScalar().SetUniformBytes(b[:])
	if err != nil {
		panic(err)
	}
	return s
}

// edChallenge is k = SHA-512(R || A || M) mod l, over the bytes as given.
func edChallenge(R, A, M []byte) *edwards25519.Scalar {
	h := sha512.New()
	h.Write(R)
	h.Write(A)
	h.Write(M)
	k, err := edwards25519.NewScalar().SetUniformBytes(h.Sum(nil))
	if err != nil {
		panic(err)
	}
	return k
}

// edLowByte is k mod 8 (k < l, little-endian).
func edMod8(k *edwards25519.Scalar) int { return int(k.Bytes()[0] & 7) }

func genEd25519Edge() (any, error) {
	rnd := detRand("crypto/ed25519-edge")
	var cases []edCase
	add := func(name string, pub, msg, sig []byte) {
		cases = append(cases, edCase{name, pub, msg, sig, ed25519.Verify(pub, msg, sig)})
	}
	msg := []byte("katzen4j ed25519 edge case")

	// ordinary keys
	seed := make([]byte, 32)
	for i := 0; i < 8; i++ {
		io.ReadFull(rnd, seed)
		sk := ed25519.NewKeyFromSeed(seed)
		pub := sk.Public().(ed25519.PublicKey)
		m := make([]byte, i*37)
		io.ReadFull(rnd, m)
		sig := ed25519.Sign(sk, m)
		add(fmt.Sprintf("valid-%d", i), pub, m, sig)
		bad := append([]byte(nil), sig...)
		bad[i*7%64] ^= 1 << (i % 8)
		add(fmt.Sprintf("bitflip-sig-%d", i), pub, m, bad)
		add(fmt.Sprintf("wrong-message-%d", i), pub, append(m, 0), sig)
	}

	io.ReadFull(rnd, seed)
	sk := ed25519.NewKeyFromSeed(seed)
	pub := []byte(sk.Public().(ed25519.PublicKey))
	sig := ed25519.Sign(sk, msg)
	h := sha512.Sum512(seed)
	a, _ := edwards25519.NewScalar().SetBytesWithClamping(h[:32])
	Apoint, _ := new(edwards25519.Point).SetBytes(pub)

	// S + l: the same S value, non-canonical
	{
		s := new(big.Int).SetBytes(edReverse(sig[32:]))
		s.Add(s, edOrder())
		bad := append([]byte(nil), sig[:32]...)
		bad = append(bad, edReverse(edLeftPad(s.Bytes(), 32))...)
		add("s-plus-l", pub, msg, bad)
		bad2 := append([]byte(nil), sig...)
		bad2[63] |= 0x80
		add("s-top-bit", pub, msg, bad2)
		bad3 := append([]byte(nil), sig...)
		bad3[63] |= 0x20
		add("s-bit-253", pub, msg, bad3)
		l := edReverse(edLeftPad(edOrder().Bytes(), 32))
		add("s-equals-l", pub, msg, append(append([]byte(nil), sig[:32]...), l...))
	}
	// R not decodable / non-canonical
	{
		bad := append([]byte(nil), sig...)
		copy(bad, edMustHex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))
		add("r-y-above-p", pub, msg, bad)
		bad2 := append([]byte(nil), sig...)
		bad2[31] ^= 0x80
		add("r-sign-flipped", pub, msg, bad2)
	}

	// torsion: an order-8 point T
	T, err := new(edwards25519.Point).SetBytes(edMustHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"))
	if err != nil {
		return nil, err
	}
	if new(edwards25519.Point).MultByCofactor(T).Equal(edwards25519.NewIdentityPoint()) != 1 {
		return nil, fmt.Errorf("T is not a torsion point")
	}
	// honest key, R with a torsion component: cofactored verifiers accept, cofactorless reject
	{
		u := edScalar(rnd)
		R := new(edwards25519.Point).Add(new(edwards25519.Point).ScalarBaseMult(u), T)
		k := edChallenge(R.Bytes(), pub, msg)
		S := edwards25519.NewScalar().MultiplyAdd(k, a, u)
		add("r-with-torsion", pub, msg, append(R.Bytes(), S.Bytes()...))
	}
	// mixed-order key A + T
	mixed := new(edwards25519.Point).Add(Apoint, T).Bytes()
	{
		u := edScalar(rnd)
		R := new(edwards25519.Point).ScalarBaseMult(u)
		for i := 0; i < 64; i++ {
			m := append(append([]byte(nil), msg...), byte(i))
			k := edChallenge(R.Bytes(), mixed, m)
			if edMod8(k) != 0 {
				S := edwards25519.NewScalar().MultiplyAdd(k, a, u)
				add("mixed-key-cofactored-only", mixed, m, append(R.Bytes(), S.Bytes()...))
				break
			}
		}
		// a signature that also verifies cofactorless: R = uB - [k mod 8]T
		done := false
		for i := 0; i < 200 && !done; i++ {
			u := edScalar(rnd)
			for t := 0; t < 8 && !done; t++ {
				R := new(edwards25519.Point).Subtract(new(edwards25519.Point).ScalarBaseMult(u), edSmallMul(T, t))
				k := edChallenge(R.Bytes(), mixed, msg)
				if edMod8(k) == t {
					S := edwards25519.NewScalar().MultiplyAdd(k, a, u)
					add("mixed-key-cofactorless", mixed, msg, append(R.Bytes(), S.Bytes()...))
					done = true
				}
			}
		}
	}

	// small-order and non-canonical keys with signatures Go accepts: R = [S]B - [k]A
	smallKeys := []struct{ name, enc string }{
		{"identity", "0100000000000000000000000000000000000000000000000000000000000000"},
		{"identity-noncanonical-y", "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"},
		{"identity-negative-zero", "0100000000000000000000000000000000000000000000000000000000000080"},
		{"order2", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"},
		{"order2-negative-zero", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{"order4-y0", "0000000000000000000000000000000000000000000000000000000000000000"},
		{"order4-y0-sign", "0000000000000000000000000000000000000000000000000000000000000080"},
		{"order4-y0-noncanonical", "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"},
		{"order4-y0-noncanonical-sign", "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{"order8", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"},
		{"order8-neg", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"},
		{"order8-b", "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"},
	}
	for _, sk := range smallKeys {
		enc := edMustHex(sk.enc)
		P, err := new(edwards25519.Point).SetBytes(enc)
		if err != nil {
			add("key-"+sk.name+"-undecodable", enc, msg, sig)
			continue
		}
		done := false
		for i := 0; i < 200 && !done; i++ {
			S := edScalar(rnd)
			for t := 0; t < 8 && !done; t++ {
				R := new(edwards25519.Point).Subtract(new(edwards25519.Point).ScalarBaseMult(S), edSmallMul(P, t))
				k := edChallenge(R.Bytes(), enc, msg)
				kP := new(edwards25519.Point).ScalarMult(k, P)
				if kP.Equal(edSmallMul(P, t)) == 1 {
					add("key-"+sk.name, enc, msg, append(R.Bytes(), S.Bytes()...))
					// the same with R's sign bit set on x = 0 or R's encoding otherwise bent
					bent := append(R.Bytes(), S.Bytes()...)
					bent[31] ^= 0x80
					add("key-"+sk.name+"-r-sign-flipped", enc, msg, bent)
					done = true
				}
			}
		}
		if !done {
			return nil, fmt.Errorf("no signature found for %s", sk.name)
		}
	}
	// identity key, S = 0: R must be the identity's canonical encoding
	{
		id := edMustHex("0100000000000000000000000000000000000000000000000000000000000000")
		zero := make([]byte, 32)
		add("identity-key-s0-r-identity", id, msg, append(append([]byte(nil), id...), zero...))
		negz := edMustHex("0100000000000000000000000000000000000000000000000000000000000080")
		add("identity-key-s0-r-negative-zero", id, msg, append(negz, zero...))
		nonc := edMustHex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
		add("identity-key-s0-r-noncanonical", id, msg, append(nonc, zero...))
	}
	// keys that are not points
	for _, enc := range []string{
		"0200000000000000000000000000000000000000000000000000000000000000",
		"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	} {
		e := edMustHex(enc)
		if _, err := new(edwards25519.Point).SetBytes(e); err == nil {
			continue
		}
		add("key-not-a-point-"+enc[:4], e, msg, sig)
	}
	return map[string]any{
		"comment": "Go crypto/ed25519.Verify verdicts on edge cases (non-canonical S/R/A, small- and mixed-order keys, torsion in R)",
		"cases":   cases,
	}, nil
}

func edSmallMul(P *edwards25519.Point, t int) *edwards25519.Point {
	r := edwards25519.NewIdentityPoint()
	for i := 0; i < t; i++ {
		r.Add(r, P)
	}
	return r
}

func edOrder() *big.Int {
	l, _ := new(big.Int).SetString("7237005577332262213973186563042994240857116359379907606001950938285454250989", 10)
	return l
}

func edReverse(b []byte) []byte {
	out := make([]byte, len(b))
	for i := range b {
		out[len(b)-1-i] = b[i]
	}
	return out
}

func edLeftPad(b []byte, n int) []byte {
	out := make([]byte, n)
	copy(out[n-len(b):], b)
	return out
}
