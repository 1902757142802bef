package main

import (
	"fmt"

	"github.com/fxamacker/cbor/v2"
	kemschemes "github.com/katzenpost/hpqc/kem/schemes"
	nikeschemes "github.com/katzenpost/hpqc/nike/schemes"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
)

// Geometry derivation vectors: for a set of NIKE and KEM schemes, hop counts
// and user payload lengths, the 14 geometry fields as the reference geo package
// computes them, the canonical CBOR the hash is taken over, and the hash.

type sxGeoVector struct {
	Kind     string       `json:"kind"` // "nike" or "kem"
	Scheme   string       `json:"scheme"`
	ElemSize int          `json:"elementSize"` // NIKE public key size or KEM ciphertext size
	UFPL     int          `json:"userForwardPayloadLength"`
	NrHops   int          `json:"nrHops"`
	WithSURB bool         `json:"withSURB"`
	Geometry geo.Geometry `json:"geometry"`
	CBOR     hexBytes     `json:"cbor"`
	Hash     hexBytes     `json:"hash"`
	TOML     string       `json:"toml"` // the reference's Marshal (a [SphinxGeometry] table)
}

func init() {
	registerVectors(VectorSet{
		Name: "sphinx/geometry",
		Path: "sphinx/src/test/resources/vectors/sphinx_geometry.json",
		Generate: func() (any, error) {
			var out []sxGeoVector
			enc, err := cbor.CanonicalEncOptions().EncMode()
			if err != nil {
				return nil, err
			}
			add := func(kind, name string, size, ufpl, hops int, withSURB bool, g *geo.Geometry) error {
				blob, err := enc.Marshal(g)
				if err != nil {
					return err
				}
				out = append(out, sxGeoVector{kind, name, size, ufpl, hops, withSURB, *g, blob, g.Hash(), g.Display()})
				return nil
			}
			type p struct{ ufpl, hops int }
			params := []p{{2000, 3}, {2000, 5}, {2000, 1}, {103, 5}, {216, 5}, {1, 2}, {5000, 8}, {31337, 10}}
			for _, n := range []string{"x25519", "X448"} {
				s := nikeschemes.ByName(n)
				if s == nil {
					return nil, fmt.Errorf("no NIKE %s", n)
				}
				for _, pp := range params {
					for _, ws := range []bool{true, false} {
						g := geo.GeometryFromUserForwardPayloadLength(s, pp.ufpl, ws, pp.hops)
						if err := add("nike", s.Name(), s.PublicKeySize(), pp.ufpl, pp.hops, ws, g); err != nil {
							return nil, err
						}
					}
				}
			}
			for _, n := range []string{"XWING", "MLKEM768", "x25519", "X448", "MLKEM768-X25519", "Kyber768-X25519"} {
				s := kemschemes.ByName(n)
				if s == nil {
					return nil, fmt.Errorf("no KEM %s", n)
				}
				for _, pp := range params {
					for _, ws := range []bool{true, false} {
						g := geo.KEMGeometryFromUserForwardPayloadLength(s, pp.ufpl, ws, pp.hops)
						if err := add("kem", s.Name(), s.CiphertextSize(), pp.ufpl, pp.hops, ws, g); err != nil {
							return nil, err
						}
					}
				}
			}
			return out, nil
		},
	})
}
