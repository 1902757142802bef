package main

// int crypto_sign_seed_keypair(unsigned char *pk, unsigned char *sk, const unsigned char *seed);
import "C"

import (
	"fmt"
	"unsafe"

	"github.com/katzenpost/hpqc/sign"
)

// sphincsSeedKey derives a SPHINCS+ key pair from a 96-byte seed (sk.seed ‖ sk.prf ‖
// pk.seed) with the C reference's own crypto_sign_seed_keypair, linked from the
// vendored katzenpost/sphincsplus package; the Go binding only offers random keys.
func cryptoSphincsSeedKey(s sign.Scheme, seed []byte) (sign.PublicKey, sign.PrivateKey, error) {
	if len(seed) != 96 {
		return nil, nil, fmt.Errorf("sphincs seed must be 96 bytes")
	}
	pk := make([]byte, s.PublicKeySize())
	sk := make([]byte, s.PrivateKeySize())
	C.crypto_sign_seed_keypair((*C.uchar)(unsafe.Pointer(&pk[0])), (*C.uchar)(unsafe.Pointer(&sk[0])), (*C.uchar)(unsafe.Pointer(&seed[0])))
	pub, err := s.UnmarshalBinaryPublicKey(pk)
	if err != nil {
		return nil, nil, err
	}
	priv, err := s.UnmarshalBinaryPrivateKey(sk)
	return pub, priv, err
}
