package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/sha3"
)

func genMain(args []string) error {
	fs := newFlagSet("gen")
	root := fs.String("root", "..", "repository root the vector paths are relative to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, n := range fs.Args() {
		want[n] = true
	}
	found := 0
	for _, vs := range vectorSets {
		if len(want) > 0 && !want[vs.Name] {
			continue
		}
		found++
		v, err := vs.Generate()
		if err != nil {
			return fmt.Errorf("vector set %s: %w", vs.Name, err)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("vector set %s: %w", vs.Name, err)
		}
		out := filepath.Join(*root, vs.Path)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote %s (%s)\n", vs.Path, vs.Name)
	}
	if found < len(want) {
		return fmt.Errorf("some requested vector sets do not exist (see oracle list)")
	}
	return nil
}

// detRand returns a deterministic byte stream for a label: SHAKE-256 of
// "katzen4j oracle " + label. Every vector set draws its randomness from one, so
// regenerated files are identical, and the Java side can rebuild the same stream
// when a test needs the randomness itself.
func detRand(label string) io.Reader {
	h := sha3.NewShake256()
	h.Write([]byte("katzen4j oracle " + label))
	return h
}

// hexBytes marshals as a lower-case hex string.
type hexBytes []byte

func (h hexBytes) MarshalJSON() ([]byte, error) { return json.Marshal(hex.EncodeToString(h)) }

func (h *hexBytes) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	d, err := hex.DecodeString(s)
	if err != nil {
		return err
	}
	*h = d
	return nil
}

func benchMain(args []string) error {
	fs := newFlagSet("bench")
	d := fs.Duration("time", time.Second, "minimum time per benchmark")
	if err := fs.Parse(args); err != nil {
		return err
	}
	names := fs.Args()
	if len(names) == 0 {
		names = keys(benchmarks)
	}
	testing.Init()
	_ = flagSetBenchtime(*d)
	for _, n := range names {
		f, ok := benchmarks[n]
		if !ok {
			return fmt.Errorf("bench: unknown benchmark %q", n)
		}
		r := testing.Benchmark(f)
		line, _ := json.Marshal(map[string]any{
			"name": n, "iterations": r.N, "ns_per_op": float64(r.T.Nanoseconds()) / float64(max(r.N, 1)),
			"bytes_per_op": r.AllocedBytesPerOp(), "allocs_per_op": r.AllocsPerOp(),
		})
		fmt.Println(string(line))
	}
	return nil
}
