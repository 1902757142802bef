//go:build tools

// Package tools pins the reference commands that interop/build-reference.sh builds,
// so that `go mod tidy` keeps their dependencies in go.sum.
package tools

import (
	_ "github.com/katzenpost/katzenpost/cmd/courier"
	_ "github.com/katzenpost/katzenpost/cmd/dirauth"
	_ "github.com/katzenpost/katzenpost/cmd/echo-plugin"
	_ "github.com/katzenpost/katzenpost/cmd/genconfig"
	_ "github.com/katzenpost/katzenpost/cmd/http-proxy-server"
	_ "github.com/katzenpost/katzenpost/cmd/kpclientd"
	_ "github.com/katzenpost/katzenpost/cmd/map"
	_ "github.com/katzenpost/katzenpost/cmd/ping"
	_ "github.com/katzenpost/katzenpost/cmd/replica"
	_ "github.com/katzenpost/katzenpost/cmd/server"
)
