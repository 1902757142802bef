package main

import (
	"fmt"
	"sort"
	"testing"
)

// VectorSet is one JSON file of vectors. Generate must be deterministic: it draws
// every random byte from the reader it is given (see detRand), so regenerating
// gives the committed file byte for byte.
type VectorSet struct {
	Name     string // e.g. "crypto/nike"
	Path     string // output file relative to the repository root
	Generate func() (any, error)
}

var (
	vectorSets []VectorSet
	verifiers  = map[string]func(data []byte) error{}
	benchmarks = map[string]func(b *testing.B){}
	commands   = map[string]func(args []string) error{}
)

func registerVectors(vs VectorSet) {
	for _, o := range vectorSets {
		if o.Name == vs.Name || o.Path == vs.Path {
			panic(fmt.Sprintf("vector set %q / %q registered twice", vs.Name, vs.Path))
		}
	}
	vectorSets = append(vectorSets, vs)
	sort.Slice(vectorSets, func(i, j int) bool { return vectorSets[i].Name < vectorSets[j].Name })
}

func registerVerifier(name string, f func(data []byte) error) { mustNew(verifiers, name); verifiers[name] = f }
func registerBench(name string, f func(b *testing.B))           { mustNew(benchmarks, name); benchmarks[name] = f }
func registerCommand(name string, f func(args []string) error)  { mustNew(commands, name); commands[name] = f }

func mustNew[V any](m map[string]V, name string) {
	if _, dup := m[name]; dup {
		panic(fmt.Sprintf("%q registered twice", name))
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
