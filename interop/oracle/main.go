// Command oracle is katzen4j's source of truth for byte formats: it runs the Go
// reference packages (katzenpost v0.0.70, identical to v0.0.71 on the client side)
// to write cross-implementation vectors, to check what the Java side produced, and
// to time the same operations for side-by-side benchmarks.
//
// Each protocol area adds its vector sets, verifiers, benchmarks and extra commands
// from its own file with register* calls in an init function; this file only
// dispatches.
//
//	oracle list                       names of every vector set, verifier, benchmark and command
//	oracle gen -root DIR [SET...]     write vector sets (all by default) below the repository root DIR
//	oracle verify NAME FILE           check a JSON file written by the Java side
//	oracle bench [-time D] [NAME...]  run Go benchmarks, one JSON line per benchmark on stdout
//	oracle run NAME [ARGS...]         run an extra command (e.g. a wire peer for handshake tests)
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
)

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "list":
		list()
	case "gen":
		err = genMain(os.Args[2:])
	case "verify":
		err = verifyMain(os.Args[2:])
	case "bench":
		err = benchMain(os.Args[2:])
	case "run":
		err = runMain(os.Args[2:])
	case "-h", "-help", "--help", "help":
		usage()
	default:
		fmt.Fprintf(os.Stderr, "oracle: unknown subcommand %q\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "oracle: %v\n", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  oracle list
  oracle gen -root DIR [SET...]
  oracle verify NAME FILE
  oracle bench [-time 1s] [NAME...]
  oracle run NAME [ARGS...]
`)
}

func list() {
	show := func(kind string, names []string) {
		sort.Strings(names)
		for _, n := range names {
			fmt.Printf("%-8s %s\n", kind, n)
		}
	}
	var s []string
	for _, v := range vectorSets {
		s = append(s, v.Name+"  -> "+v.Path)
	}
	show("vectors", s)
	show("verify", keys(verifiers))
	show("bench", keys(benchmarks))
	show("run", keys(commands))
}

func runMain(args []string) error {
	if len(args) < 1 {
		return fmt.Errorf("run: which command? (see oracle list)")
	}
	c, ok := commands[args[0]]
	if !ok {
		return fmt.Errorf("run: unknown command %q", args[0])
	}
	return c(args[1:])
}

func verifyMain(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("verify: want NAME FILE")
	}
	v, ok := verifiers[args[0]]
	if !ok {
		return fmt.Errorf("verify: unknown verifier %q", args[0])
	}
	data, err := os.ReadFile(args[1])
	if err != nil {
		return err
	}
	if err := v(data); err != nil {
		return fmt.Errorf("verify %s: %w", args[0], err)
	}
	fmt.Printf("verify %s: ok\n", args[0])
	return nil
}

func newFlagSet(name string) *flag.FlagSet {
	return flag.NewFlagSet(name, flag.ContinueOnError)
}
