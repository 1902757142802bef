package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/katzenpost/katzenpost/client2"
)

// EnvelopeDescriptor vectors: the reference daemon's CBOR of its descriptor
// struct, and (verifier) the reference decoder reading descriptors that the
// Java side wrote with its extra keys.

type descVector struct {
	Epoch       string   `json:"epoch"`
	ReplicaNums []int    `json:"replicaNums"`
	EnvelopeKey hexBytes `json:"envelopeKey"`
	CBOR        hexBytes `json:"cbor"`
}

func genDescriptors() (any, error) {
	r := detRand("pigeonhole/descriptor")
	var out []descVector
	for i, e := range []uint64{0, 1, 23, 123456, 1 << 32, 1<<63 + 5} {
		d := &client2.EnvelopeDescriptor{Epoch: e, ReplicaNums: [2]uint8{uint8(i), uint8(255 - i)}, EnvelopeKey: phReadN(r, []int{162, 0, 3, 162, 32, 200}[i])}
		b, err := d.Bytes()
		if err != nil {
			return nil, err
		}
		out = append(out, descVector{strconv.FormatUint(e, 10), []int{int(d.ReplicaNums[0]), int(d.ReplicaNums[1])}, d.EnvelopeKey, b})
	}
	return out, nil
}

func verifyDescriptors(data []byte) error {
	var in []descVector
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	if len(in) == 0 {
		return fmt.Errorf("no descriptors")
	}
	for i, v := range in {
		d, err := client2.EnvelopeDescriptorFromBytes(v.CBOR)
		if err != nil {
			return fmt.Errorf("descriptor %d: %w", i, err)
		}
		if strconv.FormatUint(d.Epoch, 10) != v.Epoch || int(d.ReplicaNums[0]) != v.ReplicaNums[0] ||
			int(d.ReplicaNums[1]) != v.ReplicaNums[1] || !bytes.Equal(d.EnvelopeKey, v.EnvelopeKey) {
			return fmt.Errorf("descriptor %d: fields differ", i)
		}
	}
	return nil
}

func init() {
	registerVectors(VectorSet{
		Name:     "pigeonhole/descriptor",
		Path:     "pigeonhole/src/test/resources/vectors/envelope_descriptor.json",
		Generate: genDescriptors,
	})
	registerVerifier("pigeonhole/descriptor", verifyDescriptors)
}
