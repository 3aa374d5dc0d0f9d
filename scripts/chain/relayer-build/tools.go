//go:build tools

// Pins the relayer command as a dependency of this module so `go build` can build it.
package tools

import _ "github.com/cosmos/relayer/v2"
