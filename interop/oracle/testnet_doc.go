package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	kemschemes "github.com/katzenpost/hpqc/kem/schemes"
	signschemes "github.com/katzenpost/hpqc/sign/schemes"
	vclient "github.com/katzenpost/katzenpost/authority/voting/client"
	c2config "github.com/katzenpost/katzenpost/client2/config"
	"github.com/katzenpost/katzenpost/core/epochtime"
	klog "github.com/katzenpost/katzenpost/core/log"
	cpki "github.com/katzenpost/katzenpost/core/pki"
)

// The testnet helper asks the directory authorities themselves (not a gateway) for the
// consensus of an epoch and prints who is in it, so `interop/testnet wait` can name the
// nodes that are missing. It trusts exactly the authorities listed in a kpclientd
// client.toml and checks the threshold signatures like any reference PKI client.
//
//	oracle run testnet-doc -c client.toml [-epoch N | -next] [-timeout 60s]
//
// Prints one JSON object on stdout and exits 0 when a verified consensus was fetched;
// exits non-zero (message on stderr) when there is none yet.

type testnetServiceNode struct {
	Name     string   `json:"name"`
	Services []string `json:"services"`
}

type testnetDocSummary struct {
	Epoch        uint64               `json:"epoch"`
	NowEpoch     uint64               `json:"nowEpoch"`
	PeriodMillis int64                `json:"periodMillis"`
	Gateways     []string             `json:"gateways"`
	Mixes        [][]string           `json:"mixes"`
	ServiceNodes []testnetServiceNode `json:"serviceNodes"`
	Replicas     []string             `json:"replicas"`
}

func init() {
	registerCommand("testnet-doc", testnetDoc)
}

func testnetDoc(args []string) error {
	fs := newFlagSet("testnet-doc")
	cfgPath := fs.String("c", "", "kpclientd client.toml whose [VotingAuthority] peers are asked")
	epochFlag := fs.Int64("epoch", -1, "epoch to fetch (default: the current one)")
	next := fs.Bool("next", false, "fetch the consensus for the next epoch instead of the current one")
	timeout := fs.Duration("timeout", 60*time.Second, "overall time limit")
	verbose := fs.Bool("v", false, "log the PKI client's errors to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cfgPath == "" {
		return errors.New("testnet-doc: -c client.toml is required")
	}
	cfg, err := c2config.LoadFile(*cfgPath)
	if err != nil {
		return fmt.Errorf("testnet-doc: %w", err)
	}
	if cfg.VotingAuthority == nil || len(cfg.VotingAuthority.Peers) == 0 {
		return errors.New("testnet-doc: no [VotingAuthority] peers in the config")
	}
	kemScheme := kemschemes.ByName(cfg.WireKEMScheme)
	if kemScheme == nil {
		return fmt.Errorf("testnet-doc: unknown WireKEMScheme %q", cfg.WireKEMScheme)
	}
	signScheme := signschemes.ByName(cfg.PKISignatureScheme)
	if signScheme == nil {
		return fmt.Errorf("testnet-doc: unknown PKISignatureScheme %q", cfg.PKISignatureScheme)
	}
	_, linkKey, err := kemScheme.GenerateKeyPair()
	if err != nil {
		return err
	}
	backend, err := klog.New("/dev/stderr", "ERROR", !*verbose)
	if err != nil {
		return err
	}
	client, err := vclient.New(&vclient.Config{
		KEMScheme:          kemScheme,
		PKISignatureScheme: signScheme,
		LinkKey:            linkKey,
		LogBackend:         backend,
		Authorities:        cfg.VotingAuthority.Peers,
		DialTimeoutSec:     5,
		// The wire handshake is CPU-heavy (X-Wing, sign); on a loaded two-core
		// machine give it time, but keep the retries of the reference client short.
		HandshakeTimeoutSec: 30,
		ResponseTimeoutSec:  30,
		RetryMaxAttempts:    1,
	})
	if err != nil {
		return fmt.Errorf("testnet-doc: %w", err)
	}

	now, _, _ := epochtime.Now()
	epoch := now
	if *next {
		epoch = now + 1
	}
	if *epochFlag >= 0 {
		epoch = uint64(*epochFlag)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	doc, _, err := client.GetPKIDocumentForEpoch(ctx, epoch)
	if err != nil {
		return fmt.Errorf("testnet-doc: no consensus for epoch %d (current epoch %d): %w", epoch, now, err)
	}
	out := summarizeDoc(doc, now)
	enc := json.NewEncoder(os.Stdout)
	return enc.Encode(out)
}

func summarizeDoc(doc *cpki.Document, now uint64) testnetDocSummary {
	s := testnetDocSummary{
		Epoch:        doc.Epoch,
		NowEpoch:     now,
		PeriodMillis: epochtime.Period.Milliseconds(),
		Gateways:     []string{},
		Mixes:        [][]string{},
		ServiceNodes: []testnetServiceNode{},
		Replicas:     []string{},
	}
	for _, g := range doc.GatewayNodes {
		s.Gateways = append(s.Gateways, g.Name)
	}
	for _, layer := range doc.Topology {
		names := []string{}
		for _, m := range layer {
			names = append(names, m.Name)
		}
		s.Mixes = append(s.Mixes, names)
	}
	for _, sn := range doc.ServiceNodes {
		services := []string{}
		for capability := range sn.Kaetzchen {
			services = append(services, capability)
		}
		sort.Strings(services)
		s.ServiceNodes = append(s.ServiceNodes, testnetServiceNode{Name: sn.Name, Services: services})
	}
	for _, r := range doc.StorageReplicas {
		s.Replicas = append(s.Replicas, r.Name)
	}
	return s
}
