package main

import (
	"crypto/sha256"
	"io"

	"gitlab.com/yawning/aez.git"
	"golang.org/x/crypto/hkdf"

	"github.com/katzenpost/hpqc/nike/x25519"
	"github.com/katzenpost/hpqc/rand"
	sphinxcmds "github.com/katzenpost/katzenpost/core/sphinx/commands"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
)

// Sphinx primitive vectors: AEZ (the payload SPRP, tau 0, no AD) for many lengths,
// the HKDF key schedule with the x25519 blinding factor, and routing-command encodings
// and block parses made by the reference commands package.

type sxAezVector struct {
	Key        hexBytes `json:"key"`
	Nonce      hexBytes `json:"nonce"`
	Plaintext  hexBytes `json:"plaintext"`
	Ciphertext hexBytes `json:"ciphertext"`
	// Decrypting the plaintext bytes as if they were a ciphertext (checks the d = 1 direction
	// independently of the round trip).
	DecryptOfPlaintext hexBytes `json:"decryptOfPlaintext"`
}

type sxKdfVector struct {
	SharedSecret       hexBytes `json:"sharedSecret"`
	HeaderMAC          hexBytes `json:"headerMac"`
	HeaderEncryption   hexBytes `json:"headerEncryption"`
	HeaderEncryptionIV hexBytes `json:"headerEncryptionIv"`
	PayloadEncryption  hexBytes `json:"payloadEncryption"`
	BlindingSeed       hexBytes `json:"blindingSeed"`
	X25519Blinding     hexBytes `json:"x25519BlindingFactor"`
}

type sxCmdBlockVector struct {
	Block    hexBytes   `json:"block"`
	OK       bool       `json:"ok"`
	Commands []hexBytes `json:"commands"` // each command re-serialized by the reference
}

type sxCmdVectors struct {
	// Same shape as the reference's sphinx_commands_vectors.json, regenerated.
	NextHopID        hexBytes           `json:"NextHopID"`
	NextHopMAC       hexBytes           `json:"NextHopMAC"`
	NextHopCmdWant   hexBytes           `json:"NextHopCmdWant"`
	RecipientID      hexBytes           `json:"RecipientID"`
	RecipientCmdWant hexBytes           `json:"RecipientCmdWant"`
	SURBReplyID      hexBytes           `json:"SURBReplyID"`
	SURBReplyCmdWant hexBytes           `json:"SURBReplyCmdWant"`
	NodeDelay        uint32             `json:"NodeDelay"`
	NodeDelayCmdWant hexBytes           `json:"NodeDelayCmdWant"`
	Blocks           []sxCmdBlockVector `json:"blocks"`
}

func sxReadN(r io.Reader, n int) []byte {
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		panic(err)
	}
	return b
}

func init() {
	registerVectors(VectorSet{
		Name: "sphinx/aez",
		Path: "sphinx/src/test/resources/vectors/sphinx_aez.json",
		Generate: func() (any, error) {
			r := detRand("sphinx/aez")
			var lens []int
			for n := 0; n <= 200; n++ {
				lens = append(lens, n)
			}
			lens = append(lens, 255, 256, 257, 511, 512, 513, 1000, 2442, 2606, 3114, 4096+17, 16458-476)
			var out []sxAezVector
			for _, n := range lens {
				key := sxReadN(r, 48)
				nonce := sxReadN(r, 16)
				pt := sxReadN(r, n)
				ct := aez.Encrypt(key, nonce, nil, 0, pt, nil)
				dec, ok := aez.Decrypt(key, nonce, nil, 0, pt, nil)
				if !ok {
					panic("aez decrypt failed with tau 0")
				}
				out = append(out, sxAezVector{key, nonce, pt, ct, dec})
			}
			return out, nil
		},
	})
	registerVectors(VectorSet{
		Name: "sphinx/kdf",
		Path: "sphinx/src/test/resources/vectors/sphinx_kdf.json",
		Generate: func() (any, error) {
			r := detRand("sphinx/kdf")
			var out []sxKdfVector
			for i := 0; i < 16; i++ {
				ss := sxReadN(r, 32)
				okm := make([]byte, 160)
				if _, err := io.ReadFull(hkdf.Expand(sha256.New, ss, []byte("katzenpost-kdf-v0-hkdf-sha256")), okm); err != nil {
					return nil, err
				}
				seed := okm[128:160]
				dr, err := rand.NewDeterministicRandReader(seed)
				if err != nil {
					return nil, err
				}
				bf := x25519.Scheme(rand.Reader).GeneratePrivateKey(dr)
				out = append(out, sxKdfVector{ss, okm[0:32], okm[32:64], okm[64:80], okm[80:128], seed, bf.Bytes()})
			}
			return out, nil
		},
	})
	registerVectors(VectorSet{
		Name: "sphinx/commands",
		Path: "sphinx/src/test/resources/vectors/sphinx_commands.json",
		Generate: func() (any, error) {
			r := detRand("sphinx/commands")
			g := geo.GeometryFromUserForwardPayloadLength(x25519.Scheme(rand.Reader), 2000, true, 5)
			v := sxCmdVectors{}
			nh := &sphinxcmds.NextNodeHop{}
			copy(nh.ID[:], sxReadN(r, 32))
			copy(nh.MAC[:], sxReadN(r, 32))
			v.NextHopID, v.NextHopMAC, v.NextHopCmdWant = nh.ID[:], nh.MAC[:], nh.ToBytes(nil)
			rc := &sphinxcmds.Recipient{}
			copy(rc.ID[:], sxReadN(r, 32))
			v.RecipientID, v.RecipientCmdWant = rc.ID[:], rc.ToBytes(nil)
			sr := &sphinxcmds.SURBReply{}
			copy(sr.ID[:], sxReadN(r, 16))
			v.SURBReplyID, v.SURBReplyCmdWant = sr.ID[:], sr.ToBytes(nil)
			nd := &sphinxcmds.NodeDelay{Delay: 0x89abcdef}
			v.NodeDelay, v.NodeDelayCmdWant = nd.Delay, nd.ToBytes(nil)

			pad := func(b []byte, n int) []byte { return append(b, make([]byte, n-len(b))...) }
			cat := func(parts ...[]byte) []byte {
				var o []byte
				for _, p := range parts {
					o = append(o, p...)
				}
				return o
			}
			recipEcho := &sphinxcmds.Recipient{}
			copy(recipEcho.ID[:], []byte("+echo"))
			blocks := [][]byte{
				{},
				{0},
				{1},
				{0x42},
				pad(nil, 82),
				pad(cat(nd.ToBytes(nil), nh.ToBytes(nil)), 82),
				pad(cat(nd.ToBytes(nil), rc.ToBytes(nil)), 82),
				pad(recipEcho.ToBytes(nil), 82),
				pad(cat(rc.ToBytes(nil), sr.ToBytes(nil)), 82),
				cat(rc.ToBytes(nil), sr.ToBytes(nil)),
				pad(cat(nh.ToBytes(nil), nh.ToBytes(nil)), 140),
				pad(cat(sr.ToBytes(nil), sr.ToBytes(nil)), 82),
				cat(nd.ToBytes(nil), []byte{0, 0, 0, 1}),
				cat(nd.ToBytes(nil), []byte{0x04}),
				cat(rc.ToBytes(nil)[:20]),
				cat(sr.ToBytes(nil)[:10]),
				cat(nh.ToBytes(nil)[:64]),
				pad(cat(nd.ToBytes(nil), []byte{0x7f}), 82),
				pad(cat(nd.ToBytes(nil), []byte{0x81}), 82),
				pad(cat(nd.ToBytes(nil), []byte{0x04}), 82),
				cat(nd.ToBytes(nil), []byte{0x00, 0x00, 0x00}),
				cat(nd.ToBytes(nil), nd.ToBytes(nil), nd.ToBytes(nil)),
				cat(rc.ToBytes(nil), rc.ToBytes(nil)),
			}
			for i := 0; i < 12; i++ {
				blocks = append(blocks, sxReadN(r, 82))
			}
			for _, b := range blocks {
				bv := sxCmdBlockVector{Block: b, OK: true, Commands: []hexBytes{}}
				rest := b
				for {
					cmd, next, err := sphinxcmds.FromBytes(rest, g)
					if err != nil {
						bv.OK = false
						bv.Commands = []hexBytes{}
						break
					}
					if cmd == nil {
						break
					}
					bv.Commands = append(bv.Commands, cmd.ToBytes(nil))
					rest = next
				}
				// the unwrap loop additionally rejects duplicate NextNodeHop / SURBReply
				if bv.OK {
					var nNext, nSurb int
					for _, c := range bv.Commands {
						switch c[0] {
						case 0x01:
							nNext++
						case 0x03:
							nSurb++
						}
					}
					if nNext > 1 || nSurb > 1 {
						bv.OK = false
						bv.Commands = []hexBytes{}
					}
				}
				v.Blocks = append(v.Blocks, bv)
			}
			return v, nil
		},
	})
}
