//go:build tools

// Pins the wasmd command as a dependency of this module so `go build` can build it.
package tools

import _ "github.com/CosmWasm/wasmd/cmd/wasmd"
