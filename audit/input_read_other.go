//go:build !unix

package audit

// readRegularFast leaves every file to os.File where the system calls of
// input_read_unix.go are not there.
func readRegularFast(string, int64) ([]byte, bool, error) { return nil, false, nil }
