// Command leakwatch finds memory leaks in JavaScript and TypeScript.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "leakwatch: not built yet")
	os.Exit(3)
}
