package main

import (
	"encoding/pem"
	"fmt"
	"strings"
)

func cryptoUpper(s string) string { return strings.ToUpper(s) }

func cryptoPEMEncode(label string, body []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: label, Bytes: body})
}

// pemDecodeExpect decodes like hpqc's PEM readers: first block, label compared
// case-insensitively.
func cryptoPEMDecode(text, label string) ([]byte, error) {
	blk, _ := pem.Decode([]byte(text))
	if blk == nil {
		return nil, fmt.Errorf("no PEM block")
	}
	if strings.ToUpper(blk.Type) != label {
		return nil, fmt.Errorf("PEM label %q, want %q", blk.Type, label)
	}
	return blk.Bytes, nil
}
