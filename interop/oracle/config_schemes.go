package main

import (
	"sort"

	kemschemes "github.com/katzenpost/hpqc/kem/schemes"
	nikeschemes "github.com/katzenpost/hpqc/nike/schemes"
	signschemes "github.com/katzenpost/hpqc/sign/schemes"
)

// The scheme names the reference's config loaders accept (hpqc ByName lookups,
// case-insensitive) with the public key size each one unmarshals, so the Java
// config module can apply the same name and key-length checks without
// implementing every scheme.

type configScheme struct {
	Name          string `json:"name"`
	PublicKeySize int    `json:"publicKeySize"`
}

type configSchemes struct {
	Source string         `json:"source"`
	KEM    []configScheme `json:"kem"`
	NIKE   []configScheme `json:"nike"`
	Sign   []configScheme `json:"sign"`
}

func init() {
	registerVectors(VectorSet{
		Name: "config/hpqc-schemes",
		Path: "config/src/main/resources/org/katzen4j/config/hpqc-schemes.json",
		Generate: func() (any, error) {
			out := configSchemes{Source: "hpqc kem/nike/sign schemes.All() as linked into the oracle (katzenpost v0.0.70)"}
			for _, s := range kemschemes.All() {
				out.KEM = append(out.KEM, configScheme{s.Name(), s.PublicKeySize()})
			}
			for _, s := range nikeschemes.All() {
				out.NIKE = append(out.NIKE, configScheme{s.Name(), s.PublicKeySize()})
			}
			for _, s := range signschemes.All() {
				out.Sign = append(out.Sign, configScheme{s.Name(), s.PublicKeySize()})
			}
			for _, l := range [][]configScheme{out.KEM, out.NIKE, out.Sign} {
				sort.Slice(l, func(i, j int) bool { return l[i].Name < l[j].Name })
			}
			return out, nil
		},
	})
}
