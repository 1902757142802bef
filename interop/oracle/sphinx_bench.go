package main

import (
	"testing"

	"github.com/katzenpost/hpqc/kem/xwing"
	"github.com/katzenpost/hpqc/nike/x25519"
	hpqcrand "github.com/katzenpost/hpqc/rand"
	"github.com/katzenpost/katzenpost/core/sphinx"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
)

// The reference's cost for the operations sphinx/BENCHMARKS.md compares with the Java JMH
// benchmarks (SphinxBench): docker geometry (x25519 / NrHops 5 / 2000) and XWING.

type sxBench struct {
	s        *sphinx.Sphinx
	fwd, rev []*sphinx.PathHop
	payload  []byte
	block    []byte
	keys     []byte
	packet   []byte
	priv0    any
}

func newSxBench(kemName string) *sxBench {
	var g *geo.Geometry
	var sch sxScheme
	if kemName == "" {
		n := x25519.Scheme(hpqcrand.Reader)
		g = geo.GeometryFromUserForwardPayloadLength(n, 2000, true, 5)
		sch = sxScheme{nike: n}
	} else {
		k := xwing.Scheme()
		g = geo.KEMGeometryFromUserForwardPayloadLength(k, 2000, true, 5)
		sch = sxScheme{kem: k}
	}
	s, _, err := sxSphinxFor(g)
	if err != nil {
		panic(err)
	}
	r := detRand("sphinx/bench")
	_, fprivs, fwd := sxClientPath(sch, r, 5, false, true)
	_, _, rev := sxClientPath(sch, r, 4, true, false)
	surb, _, err := s.NewSURB(hpqcrand.Reader, rev)
	if err != nil {
		panic(err)
	}
	payload := make([]byte, g.ForwardPayloadLength)
	payload[0] = 1
	copy(payload[2:], surb)
	pkt, err := s.NewPacket(hpqcrand.Reader, fwd, payload)
	if err != nil {
		panic(err)
	}
	_, rprivs, rp := sxClientPath(sch, r, 4, true, false)
	surb2, keys, err := s.NewSURB(hpqcrand.Reader, rp)
	if err != nil {
		panic(err)
	}
	p, _, err := s.NewPacketFromSURB(surb2, make([]byte, g.ForwardPayloadLength))
	if err != nil {
		panic(err)
	}
	var block []byte
	for _, k := range rprivs {
		b, _, _, err := s.Unwrap(k, p)
		if err != nil {
			panic(err)
		}
		block = b
	}
	return &sxBench{s, fwd, rev, payload, block, keys, pkt, fprivs[0]}
}

func init() {
	for _, v := range []struct{ tag, kem string }{{"x25519", ""}, {"xwing", "XWING"}} {
		v := v
		registerBench("sphinx/new-packet-"+v.tag, func(b *testing.B) {
			x := newSxBench(v.kem)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := x.s.NewPacket(hpqcrand.Reader, x.fwd, x.payload); err != nil {
					b.Fatal(err)
				}
			}
		})
		registerBench("sphinx/new-surb-"+v.tag, func(b *testing.B) {
			x := newSxBench(v.kem)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, _, err := x.s.NewSURB(hpqcrand.Reader, x.rev); err != nil {
					b.Fatal(err)
				}
			}
		})
		registerBench("sphinx/decrypt-surb-payload-"+v.tag, func(b *testing.B) {
			x := newSxBench(v.kem)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// DecryptSURBPayload wipes the keys it is given
				if _, err := x.s.DecryptSURBPayload(x.block, append([]byte{}, x.keys...)); err != nil {
					b.Fatal(err)
				}
			}
		})
		registerBench("sphinx/unwrap-one-hop-"+v.tag, func(b *testing.B) {
			x := newSxBench(v.kem)
			buf := make([]byte, len(x.packet))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				copy(buf, x.packet) // Unwrap works in place
				if _, _, _, err := x.s.Unwrap(x.priv0, buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
