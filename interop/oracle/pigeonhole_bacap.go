package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/katzenpost/hpqc/bacap"
	"github.com/katzenpost/hpqc/sign/ed25519"
)

// BACAP vectors: write capabilities created from detRand streams by the
// reference hpqc bacap package, their read capabilities, a run of message box
// indexes with box IDs, encrypted boxes (agl GCM-SIV + blinded signatures) of
// several plaintext sizes, and raw key blinding samples.

var pigeonholeCtx = []byte("pigeonhole context")

type bacapBox struct {
	Plaintext  hexBytes `json:"plaintext"`
	BoxID      hexBytes `json:"boxId"`
	Ciphertext hexBytes `json:"ciphertext"`
	Signature  hexBytes `json:"signature"`
}

type bacapIndex struct {
	Index hexBytes   `json:"index"`
	BoxID hexBytes   `json:"boxId"`
	Boxes []bacapBox `json:"boxes"`
}

type bacapCase struct {
	RngLabel      string       `json:"rngLabel"` // the WriteCap was made from detRand(rngLabel)
	WriteCap      hexBytes     `json:"writeCap"`
	ReadCap       hexBytes     `json:"readCap"`
	Indexes       []bacapIndex `json:"indexes"` // first index, then NextIndex repeatedly
	AdvanceBy     uint64       `json:"advanceBy"`
	Advanced      hexBytes     `json:"advanced"` // first index advanced by AdvanceBy
	AdvancedBoxID hexBytes     `json:"advancedBoxId"`
}

type blindCase struct {
	Seed          hexBytes `json:"seed"`
	PublicKey     hexBytes `json:"publicKey"`
	Factor        hexBytes `json:"factor"`
	BlindedPublic hexBytes `json:"blindedPublic"`
	BlindedScalar hexBytes `json:"blindedScalar"`
	Message       hexBytes `json:"message"`
	Signature     hexBytes `json:"signature"`
}

type bacapVectors struct {
	Context hexBytes    `json:"context"`
	Cases   []bacapCase `json:"cases"`
	Blind   []blindCase `json:"blind"`
}

func phReadN(r io.Reader, n int) []byte {
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		panic(err)
	}
	return b
}

func genBacap() (any, error) {
	out := bacapVectors{Context: pigeonholeCtx}
	sizes := []int{0, 1, 15, 16, 17, 100, 1557}
	for c := 0; c < 4; c++ {
		label := fmt.Sprintf("pigeonhole/bacap/%d", c)
		wc, err := bacap.NewWriteCap(detRand(label))
		if err != nil {
			return nil, err
		}
		wcb, _ := wc.MarshalBinary()
		rc := wc.ReadCap()
		rcb, _ := rc.MarshalBinary()
		bc := bacapCase{RngLabel: label, WriteCap: wcb, ReadCap: rcb}
		pr := detRand(label + "/plaintexts")
		idx, err := bacap.NewEmptyMessageBoxIndexFromBytes(wcb[64:])
		if err != nil {
			return nil, err
		}
		for i := 0; i < 3; i++ {
			ib, _ := idx.MarshalBinary()
			bi := bacapIndex{Index: ib, BoxID: idx.BoxIDForContext(rc, pigeonholeCtx).Bytes()}
			for _, n := range sizes {
				pt := phReadN(pr, n)
				box, ct, sig := idx.EncryptForContext(wc, pigeonholeCtx, pt)
				back, err := idx.DecryptForContext(box, pigeonholeCtx, ct, sig)
				if err != nil || !bytes.Equal(back, pt) {
					return nil, fmt.Errorf("reference round trip failed")
				}
				bi.Boxes = append(bi.Boxes, bacapBox{pt, box[:], ct, sig})
			}
			bc.Indexes = append(bc.Indexes, bi)
			if idx, err = idx.NextIndex(); err != nil {
				return nil, err
			}
		}
		bc.AdvanceBy = uint64(1000 + c)
		first, err := bacap.NewEmptyMessageBoxIndexFromBytes(wcb[64:])
		if err != nil {
			return nil, err
		}
		adv, err := first.AdvanceIndexTo(first.Idx64 + bc.AdvanceBy)
		if err != nil {
			return nil, err
		}
		bc.Advanced, _ = adv.MarshalBinary()
		bc.AdvancedBoxID = adv.BoxIDForContext(rc, pigeonholeCtx).Bytes()
		out.Cases = append(out.Cases, bc)
	}
	br := detRand("pigeonhole/bacap/blind")
	for c := 0; c < 6; c++ {
		seed := phReadN(br, 32)
		sk, pk, err := ed25519.NewKeypair(bytes.NewReader(seed))
		if err != nil {
			return nil, err
		}
		factor := phReadN(br, 1+c*13)
		msg := phReadN(br, c*20)
		bsk := sk.Blind(factor)
		scalar, _ := bsk.MarshalBinary()
		out.Blind = append(out.Blind, blindCase{seed, pk.Bytes(), factor, pk.Blind(factor).Bytes(), scalar, msg, bsk.Sign(msg)})
	}
	return out, nil
}

// verifyBacap checks boxes made by the Java side: the reader derives the same
// box IDs from the read capability and opens every box with the reference code.
func verifyBacap(data []byte) error {
	var in struct {
		Cases []struct {
			ReadCap hexBytes     `json:"readCap"`
			Indexes []bacapIndex `json:"indexes"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	n := 0
	for ci, c := range in.Cases {
		rc, err := bacap.ReadCapFromBytes(c.ReadCap)
		if err != nil {
			return fmt.Errorf("case %d: read cap: %w", ci, err)
		}
		for ii, ix := range c.Indexes {
			idx, err := bacap.NewEmptyMessageBoxIndexFromBytes(ix.Index)
			if err != nil {
				return fmt.Errorf("case %d index %d: %w", ci, ii, err)
			}
			if got := idx.BoxIDForContext(rc, pigeonholeCtx).Bytes(); !bytes.Equal(got, ix.BoxID) {
				return fmt.Errorf("case %d index %d: box ID differs", ci, ii)
			}
			for bi, b := range ix.Boxes {
				if !bytes.Equal(b.BoxID, ix.BoxID) {
					return fmt.Errorf("case %d index %d box %d: box ID differs", ci, ii, bi)
				}
				var box [32]byte
				copy(box[:], b.BoxID)
				pt, err := idx.DecryptForContext(box, pigeonholeCtx, b.Ciphertext, b.Signature)
				if err != nil {
					return fmt.Errorf("case %d index %d box %d: %w", ci, ii, bi, err)
				}
				if !bytes.Equal(pt, b.Plaintext) {
					return fmt.Errorf("case %d index %d box %d: plaintext differs", ci, ii, bi)
				}
				n++
			}
			// the stateful reader path the daemon uses
			r, err := bacap.NewStatefulReaderWithIndex(rc, pigeonholeCtx, idx)
			if err != nil {
				return err
			}
			if len(ix.Boxes) > 0 {
				var box [32]byte
				var sig [64]byte
				copy(box[:], ix.Boxes[0].BoxID)
				copy(sig[:], ix.Boxes[0].Signature)
				if _, err := r.DecryptNext(pigeonholeCtx, box, ix.Boxes[0].Ciphertext, sig); err != nil {
					return fmt.Errorf("case %d index %d: stateful reader: %w", ci, ii, err)
				}
			}
		}
	}
	if n == 0 {
		return fmt.Errorf("no boxes to verify")
	}
	return nil
}

func init() {
	registerVectors(VectorSet{
		Name:     "pigeonhole/bacap",
		Path:     "pigeonhole/src/test/resources/vectors/bacap.json",
		Generate: genBacap,
	})
	registerVerifier("pigeonhole/bacap", verifyBacap)
}
