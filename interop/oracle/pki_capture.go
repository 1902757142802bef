package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	kemschemes "github.com/katzenpost/hpqc/kem/schemes"
	"github.com/katzenpost/hpqc/sign"
	"github.com/katzenpost/hpqc/sign/pem"
	signschemes "github.com/katzenpost/hpqc/sign/schemes"
	vclient "github.com/katzenpost/katzenpost/authority/voting/client"
	c2config "github.com/katzenpost/katzenpost/client2/config"
	"github.com/katzenpost/katzenpost/core/epochtime"
	klog "github.com/katzenpost/katzenpost/core/log"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
)

// pki-capture asks the directory authorities of a running network (e.g. the
// interop testnet) for the signed consensus of an epoch, exactly as the reference
// PKI client receives it, and writes it with the trusted authority keys and the
// configured geometry as a test resource:
//
//	KATZENPOST_EPOCH_DURATION=2m oracle run pki-capture -c client.toml -o out.json [-epoch N]
//
// The expected fields are taken from the reference's own parse of the document.

type pkiCaptureAuthority struct {
	Name   string `json:"name"`
	Scheme string `json:"scheme"`
	PEM    string `json:"pem"`
}

type pkiCapture struct {
	Comment       string                `json:"comment"`
	CapturedAt    string                `json:"capturedAt"`
	PeriodSeconds int64                 `json:"periodSeconds"`
	Epoch         uint64                `json:"epoch"`
	Threshold     int                   `json:"threshold"`
	Authorities   []pkiCaptureAuthority `json:"authorities"`
	Geometry      *geo.Geometry         `json:"geometry"`
	GeometryHash  hexBytes              `json:"geometryHash"`
	Document      pkiDocVector          `json:"document"`
}

func init() {
	registerCommand("pki-capture", pkiCaptureMain)
}

func pkiCaptureMain(args []string) error {
	fs := newFlagSet("pki-capture")
	cfgPath := fs.String("c", "", "kpclientd client.toml naming the authorities and geometry")
	outPath := fs.String("o", "", "output JSON file")
	epochFlag := fs.Int64("epoch", -1, "epoch (default: current)")
	timeout := fs.Duration("timeout", 90*time.Second, "time limit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cfgPath == "" || *outPath == "" {
		return errors.New("pki-capture: -c and -o are required")
	}
	cfg, err := c2config.LoadFile(*cfgPath)
	if err != nil {
		return err
	}
	kemScheme := kemschemes.ByName(cfg.WireKEMScheme)
	signScheme := signschemes.ByName(cfg.PKISignatureScheme)
	if kemScheme == nil || signScheme == nil || cfg.VotingAuthority == nil {
		return errors.New("pki-capture: config lacks WireKEMScheme, PKISignatureScheme or VotingAuthority")
	}
	_, linkKey, err := kemScheme.GenerateKeyPair()
	if err != nil {
		return err
	}
	backend, err := klog.New("/dev/stderr", "ERROR", false)
	if err != nil {
		return err
	}
	client, err := vclient.New(&vclient.Config{
		KEMScheme: kemScheme, PKISignatureScheme: signScheme, LinkKey: linkKey, LogBackend: backend,
		Authorities: cfg.VotingAuthority.Peers, DialTimeoutSec: 5, HandshakeTimeoutSec: 30, ResponseTimeoutSec: 30,
		RetryMaxAttempts: 1,
	})
	if err != nil {
		return err
	}
	now, _, _ := epochtime.Now()
	epoch := now
	if *epochFlag >= 0 {
		epoch = uint64(*epochFlag)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	_, raw, err := client.GetPKIDocumentForEpoch(ctx, epoch)
	if err != nil {
		return fmt.Errorf("pki-capture: epoch %d: %w", epoch, err)
	}
	// The reference client's own acceptance: threshold signatures, parse, epoch.
	var verifiers []pkiCaptureAuthority
	out := &pkiCapture{
		Comment:       "A real consensus captured from the interop testnet's directory authorities by interop/oracle pki_capture.go.",
		CapturedAt:    time.Now().UTC().Format(time.RFC3339),
		PeriodSeconds: int64(epochtime.Period.Seconds()),
		Epoch:         epoch,
		Threshold:     len(cfg.VotingAuthority.Peers)/2 + 1,
		Geometry:      cfg.SphinxGeometry,
		GeometryHash:  cfg.SphinxGeometry.Hash(),
	}
	for _, p := range cfg.VotingAuthority.Peers {
		verifiers = append(verifiers, pkiCaptureAuthority{p.Identifier, p.PKISignatureScheme, pem.ToPublicPEMString(p.IdentityPublicKey)})
	}
	out.Authorities = verifiers
	keys := make([]sign.PublicKey, 0, len(cfg.VotingAuthority.Peers))
	for _, p := range cfg.VotingAuthority.Peers {
		keys = append(keys, p.IdentityPublicKey)
	}
	if err := pkiReference(keys, raw, epoch); err != nil {
		return fmt.Errorf("pki-capture: the reference rejects what it fetched: %w", err)
	}
	v, err := pkiDocVec("testnet", raw, false)
	if err != nil {
		return err
	}
	out.Document = v
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(*outPath, append(b, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Printf("captured epoch %d (%d bytes) -> %s\n", epoch, len(raw), *outPath)
	return nil
}
