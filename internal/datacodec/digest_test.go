package datacodec

import "testing"

// A source digested whole or in pieces gives one digest; a byte changed
// gives another.
func TestDigest(t *testing.T) {
	src := []byte("lang: fr\nwords: [le, la, les]\n")
	d := NewDigest()
	d.Write(src[:7])
	d.Write(src[7:])
	if got, want := d.String(), DigestOf(src); got != want {
		t.Errorf("in pieces %s, whole %s", got, want)
	}
	edited := append([]byte(nil), src...)
	edited[10] = 'W'
	if DigestOf(edited) == DigestOf(src) {
		t.Error("an edited source has the same digest")
	}
	if got, want := DigestOf(nil), "crc32c:00000000 crc32:00000000"; got != want {
		t.Errorf("empty source: %s, want %s", got, want)
	}
}
