package main

// Vectors for the crypto module's symmetric helpers, computed with the packages the
// reference uses: golang.org/x/crypto (blake2b incl. the BLAKE2Xb XOF of hpqc's KEM
// adapter, hkdf, chacha20poly1305), katzenpost/chacha20 (8-byte-nonce stream of
// hpqc's deterministic reader) and the Go standard library (AES-CTR, HMAC, SHA-2).

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"io"

	"github.com/katzenpost/chacha20"
	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

type cryptoSymCase struct {
	Op     string   `json:"op"`
	Key    hexBytes `json:"key,omitempty"`
	Salt   hexBytes `json:"salt,omitempty"`
	Nonce  hexBytes `json:"nonce,omitempty"`
	AD     hexBytes `json:"ad,omitempty"`
	Input  hexBytes `json:"input"`
	Length int      `json:"length,omitempty"`
	Output hexBytes `json:"output"`
}

func init() {
	registerVectors(VectorSet{
		Name:     "crypto/sym",
		Path:     "crypto/src/test/resources/vectors/sym.json",
		Generate: genCryptoSym,
	})
}

func genCryptoSym() (any, error) {
	r := detRand("crypto sym")
	var out []cryptoSymCase
	add := func(c cryptoSymCase) { out = append(out, c) }

	for _, n := range []int{0, 1, 64, 127, 128, 129, 300} {
		in := cryptoReadN(r, n)
		s256 := blake2b.Sum256(in)
		s512 := blake2b.Sum512(in)
		add(cryptoSymCase{Op: "blake2b-256", Input: in, Output: s256[:]})
		add(cryptoSymCase{Op: "blake2b-512", Input: in, Output: s512[:]})
		sh := sha512.Sum512_256(in)
		add(cryptoSymCase{Op: "sha512-256", Input: in, Output: sh[:]})
	}
	for _, kl := range []int{1, 32, 64} {
		for _, size := range []int{16, 32, 64} {
			key := cryptoReadN(r, kl)
			in := cryptoReadN(r, 100)
			h, err := blake2b.New(size, key)
			if err != nil {
				return nil, err
			}
			h.Write(in)
			add(cryptoSymCase{Op: "blake2b-keyed", Key: key, Input: in, Length: size, Output: h.Sum(nil)})
		}
	}
	// BLAKE2Xb: declared length = read length (as the KEM adapter uses it), and unknown length.
	for _, c := range []struct{ keyLen, length, inLen int }{
		{32, 32, 64}, {32, 56, 112}, {0, 32, 10}, {64, 64, 1}, {32, 65, 40}, {16, 200, 300}, {32, 128, 0},
	} {
		key := cryptoReadN(r, c.keyLen)
		in := cryptoReadN(r, c.inLen)
		x, err := blake2b.NewXOF(uint32(c.length), key)
		if err != nil {
			return nil, err
		}
		x.Write(in)
		o := make([]byte, c.length)
		if _, err := io.ReadFull(x, o); err != nil {
			return nil, err
		}
		add(cryptoSymCase{Op: "blake2xb", Key: key, Input: in, Length: c.length, Output: o})
	}
	for _, n := range []int{32, 100} {
		key := cryptoReadN(r, 32)
		in := cryptoReadN(r, 50)
		x, err := blake2b.NewXOF(blake2b.OutputLengthUnknown, key)
		if err != nil {
			return nil, err
		}
		x.Write(in)
		o := make([]byte, n)
		io.ReadFull(x, o)
		add(cryptoSymCase{Op: "blake2xb-unknown", Key: key, Input: in, Length: n, Output: o})
	}
	{
		prk := cryptoReadN(r, 32)
		info := []byte("katzenpost-kdf-v0-hkdf-sha256")
		o := make([]byte, 160)
		io.ReadFull(hkdf.Expand(sha256.New, prk, info), o)
		add(cryptoSymCase{Op: "hkdf-sha256-expand", Key: prk, Input: info, Length: 160, Output: o})
		ikm, salt := cryptoReadN(r, 40), cryptoReadN(r, 20)
		o = make([]byte, 100)
		io.ReadFull(hkdf.New(sha256.New, ikm, salt, []byte("info")), o)
		add(cryptoSymCase{Op: "hkdf-sha256", Key: ikm, Salt: salt, Input: []byte("info"), Length: 100, Output: o})
		o = make([]byte, 96)
		io.ReadFull(hkdf.New(cryptoBlake2b512, ikm, salt, []byte("ctx")), o)
		add(cryptoSymCase{Op: "hkdf-blake2b-512", Key: ikm, Salt: salt, Input: []byte("ctx"), Length: 96, Output: o})
		o = make([]byte, 64)
		io.ReadFull(hkdf.New(cryptoBlake2b512, ikm, nil, nil), o)
		add(cryptoSymCase{Op: "hkdf-blake2b-512", Key: ikm, Input: []byte{}, Length: 64, Output: o})
	}
	{
		key, in := cryptoReadN(r, 32), cryptoReadN(r, 280)
		m := hmac.New(sha256.New, key)
		m.Write(in)
		add(cryptoSymCase{Op: "hmac-sha256", Key: key, Input: in, Output: m.Sum(nil)})
		key = cryptoReadN(r, 64)
		m = hmac.New(cryptoBlake2b512, key)
		m.Write(in)
		add(cryptoSymCase{Op: "hmac-blake2b-512", Key: key, Input: in, Output: m.Sum(nil)})
	}
	{
		key, iv := cryptoReadN(r, 32), cryptoReadN(r, 16)
		iv[15], iv[14] = 0xff, 0xff // exercise the carry into the upper counter bytes
		b, _ := aes.NewCipher(key)
		in := cryptoReadN(r, 1000)
		o := make([]byte, len(in))
		cipher.NewCTR(b, iv).XORKeyStream(o, in)
		add(cryptoSymCase{Op: "aes-ctr", Key: key, Nonce: iv, Input: in, Output: o})
	}
	for _, nl := range []int{8, 12} {
		key, nonce := cryptoReadN(r, 32), cryptoReadN(r, nl)
		c, err := chacha20.New(key, nonce)
		if err != nil {
			return nil, err
		}
		o := make([]byte, 300)
		c.KeyStream(o)
		add(cryptoSymCase{Op: "chacha20", Key: key, Nonce: nonce, Input: []byte{}, Length: 300, Output: o})
	}
	for _, n := range []int{0, 15, 64, 1000} {
		key, nonce, ad, in := cryptoReadN(r, 32), cryptoReadN(r, 12), cryptoReadN(r, 13), cryptoReadN(r, n)
		a, err := chacha20poly1305.New(key)
		if err != nil {
			return nil, err
		}
		add(cryptoSymCase{Op: "chacha20poly1305", Key: key, Nonce: nonce, AD: ad, Input: in, Output: a.Seal(nil, nonce, in, ad)})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no cases")
	}
	return map[string]any{"sym": out}, nil
}

func cryptoBlake2b512() hash.Hash {
	h, err := blake2b.New512(nil)
	if err != nil {
		panic(err)
	}
	return h
}
