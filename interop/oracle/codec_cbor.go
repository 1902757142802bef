package main

import (
	"math"

	"github.com/fxamacker/cbor/v2"
)

// Vectors for the codec module's CBOR: values shaped like the reference's messages,
// encoded by fxamacker/cbor in default mode (cbor.Marshal) and canonical mode
// (CanonicalEncOptions, as the PKI document uses). Java decodes each and must
// re-encode the same bytes in the same mode.

type cborInner struct {
	Name  string
	Count uint32
}

type cborSample struct {
	Small    uint8
	Wide     uint16
	Max16    uint16
	Big      uint64
	Huge     uint64
	Neg      int64
	NegBig   int64
	Flag     bool
	Text     string
	Empty    string
	NilBytes []byte
	NoBytes  []byte
	ID       [16]byte
	PtrNil   *uint16
	Ptr      *uint16
	Float    float64
	Half     float64
	NaN      float64
	Inner    cborInner
	InnerPtr *cborInner
	ByUint   map[uint64][]byte
	ByBytes  map[[32]byte][]byte
	ByText   map[string][]string
	List     [][]byte
	Omitted  []byte `cbor:"omitted,omitempty"`
	Tagged   uint16 `cbor:"tagged_name"`
}

type cborCase struct {
	Name      string   `json:"name"`
	Default   hexBytes `json:"default,omitempty"`
	Canonical hexBytes `json:"canonical"`
}

func init() {
	registerVectors(VectorSet{
		Name: "codec/cbor",
		Path: "codec/src/test/resources/vectors/cbor.json",
		Generate: func() (any, error) {
			canon, err := cbor.CanonicalEncOptions().EncMode()
			if err != nil {
				return nil, err
			}
			r := detRand("codec/cbor")
			var id [16]byte
			r.Read(id[:])
			var k1, k2, k3 [32]byte
			r.Read(k1[:])
			r.Read(k2[:])
			r.Read(k3[:])
			seven := uint16(7)
			full := cborSample{
				Small: 23, Wide: 300, Max16: 65535, Big: 1 << 40, Huge: math.MaxUint64,
				Neg: -24, NegBig: math.MinInt64, Flag: true, Text: "héllo, κόσμε", NilBytes: nil,
				NoBytes: []byte{}, ID: id, Ptr: &seven, Float: 0.1, Half: 1.5, NaN: math.NaN(),
				Inner: cborInner{Name: "inner", Count: 70000}, InnerPtr: &cborInner{Name: "p", Count: 1},
				ByUint:  map[uint64][]byte{1000: {2, 3}},
				ByBytes: map[[32]byte][]byte{k1: k2[:]},
				ByText:  map[string][]string{"bb": {"x"}},
				List:    [][]byte{{}, nil, id[:]},
				Tagged:  9,
			}
			// Go iterates maps in random order and the default mode does not sort, so
			// values with multi-entry maps get only a canonical encoding.
			maps := cborSample{
				ByUint:  map[uint64][]byte{5: {1}, 1000: {2, 3}, 24: nil},
				ByBytes: map[[32]byte][]byte{k1: k2[:], k2: k3[:], k3: {}},
				ByText:  map[string][]string{"bb": {"x"}, "a": {}, "ccc": nil},
			}
			c, err := canon.Marshal(maps)
			if err != nil {
				return nil, err
			}
			cases := []cborCase{{Name: "multi-entry-maps", Canonical: c}}
			values := []struct {
				name string
				v    any
			}{
				{"sample", full},
				{"zero-sample", cborSample{}},
				{"empty-map", struct{}{}},
				{"floats", []float64{0, math.Copysign(0, -1), 1, -2.5, 65504, 65505, 1e-7, 3.4028234663852886e38, 1e300, math.Inf(1), math.Inf(-1)}},
				{"ints", []int64{0, 23, 24, 255, 256, 65535, 65536, 4294967295, 4294967296, -1, -24, -25, -256, -257, -65537}},
				{"long-bytes", make([]byte, 300)},
				{"nested", []any{uint64(1), "two", []byte{3}, map[string]any{"k": nil}, false}},
			}
			for _, v := range values {
				d, err := cbor.Marshal(v.v)
				if err != nil {
					return nil, err
				}
				c, err := canon.Marshal(v.v)
				if err != nil {
					return nil, err
				}
				cases = append(cases, cborCase{Name: v.name, Default: d, Canonical: c})
			}
			return map[string]any{
				"about": "fxamacker/cbor v2 (as vendored by katzenpost v0.0.71) default and canonical encodings",
				"cases": cases,
			}, nil
		},
	})
}
