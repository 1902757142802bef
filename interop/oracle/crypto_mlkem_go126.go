//go:build go1.26

package main

import (
	"crypto/mlkem"
	"crypto/mlkem/mlkemtest"
)

// mlkemEncapsDerand is ML-KEM-768 encapsulation with the message m given. Go's
// crypto/mlkem is final FIPS 203, whose Encaps is the same function as the draft
// the reference implements; callers confirm the result with the reference's
// Decapsulate.
func cryptoMlkemEncaps(ek, m []byte) (ct, ss []byte, err error) {
	k, err := mlkem.NewEncapsulationKey768(ek)
	if err != nil {
		return nil, nil, err
	}
	ss, ct, err = mlkemtest.Encapsulate768(k, m)
	return ct, ss, err
}
