package main

import "github.com/katzenpost/hpqc/hash"

func hashOf(identityKey []byte) *[32]byte {
	h := hash.Sum256(identityKey)
	return &h
}
