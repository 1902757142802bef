package main

import (
	"flag"
	"time"
)

// flagSetBenchtime sets the testing package's -test.benchtime, which
// testing.Benchmark honours, after testing.Init registered it.
func flagSetBenchtime(d time.Duration) error {
	return flag.Set("test.benchtime", d.String())
}
