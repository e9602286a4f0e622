package datacodec

import (
	"fmt"
	"hash"
	"hash/crc32"
)

// Digest is the digest a generated file carries of its sources, so that a
// source edited without regenerating is noticed: CRC-32C and CRC-32
// together. A mismatch only has to be noticed, not resisted, and the
// sources are digested again at every start, where the processor's CRC
// instructions cost a fraction of SHA-256.
type Digest struct{ castagnoli, ieee hash.Hash32 }

var castagnoliTable = crc32.MakeTable(crc32.Castagnoli)

// NewDigest starts a digest; write the sources to it.
func NewDigest() *Digest {
	return &Digest{castagnoli: crc32.New(castagnoliTable), ieee: crc32.NewIEEE()}
}

// Write adds p to the digest; it never fails.
func (d *Digest) Write(p []byte) (int, error) {
	d.castagnoli.Write(p)
	d.ieee.Write(p)
	return len(p), nil
}

// String is the digest as generated files hold it.
func (d *Digest) String() string {
	return fmt.Sprintf("crc32c:%08x crc32:%08x", d.castagnoli.Sum32(), d.ieee.Sum32())
}

// DigestOf is the digest of one source.
func DigestOf(data []byte) string {
	d := NewDigest()
	d.Write(data)
	return d.String()
}
