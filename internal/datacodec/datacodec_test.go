package datacodec

import (
	"reflect"
	"testing"
)

type inner struct {
	A string `yaml:"a"`
}

type sample struct {
	inner    `yaml:",inline"`
	S        string            `yaml:"s"`
	L        []string          `yaml:"l"`
	LL       [][]string        `yaml:"ll"`
	M        map[string]string `yaml:"m"`
	I        int               `yaml:"i"`
	F        float64           `yaml:"f"`
	B        bool              `yaml:"b"`
	P        *int              `yaml:"p"`
	Q        *bool             `yaml:"q"`
	N        inner             `yaml:"n"`
	Skip     string            `yaml:"-"`
	unexport string
}

func TestRoundTrip(t *testing.T) {
	seven, no := 7, false
	for _, in := range []sample{
		{},
		{inner: inner{"x"}, S: "a\nb'c:3;", L: []string{"", "é", "[1;"}, LL: [][]string{{"«", "»"}, nil},
			M: map[string]string{"UN": "ONU", "EU": "UE"}, I: -3, F: 0.85, B: true, P: &seven, Q: &no, N: inner{"y"}},
	} {
		var w Writer
		if err := w.Value(in); err != nil {
			t.Fatal(err)
		}
		w.String("tail")
		r := NewReader(string(w.Bytes()))
		var out sample
		if err := r.Value(&out); err != nil {
			t.Fatalf("%v\n%s", err, w.Bytes())
		}
		if s, err := r.String(); err != nil || s != "tail" || !r.Done() {
			t.Errorf("after the value: %q %v", s, err)
		}
		if len(in.LL) > 0 && out.LL[1] == nil {
			out.LL[1] = nil // an empty slice reads back empty, not nil
		}
		if !reflect.DeepEqual(normal(in), normal(out)) {
			t.Errorf("round trip:\n%+v\n%+v", in, out)
		}
	}
}

// normal makes empty slices nil, as a round trip may not keep them apart.
func normal(s sample) sample {
	for i, l := range s.LL {
		if len(l) == 0 {
			s.LL[i] = nil
		}
	}
	return s
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{"", "(1;'1:z'1:x", "'9:ab", "(1;'1:i#x;", "(1;'1:b'", "[2;'1:a", "(x;", "{1;#1;"} {
		var s sample
		if err := NewReader(in).Value(&s); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

// Any input reads to a value or an error: no panic, no hang, and what
// reads back writes back to a form that reads the same.
func FuzzReader(f *testing.F) {
	for _, in := range []string{"", "(1;'1:z'1:x", "'9:ab", "(1;'1:i#x;", "[2;'1:a", "{1;#1;", "#-3;"} {
		f.Add(in)
	}
	seven := 7
	w := &Writer{}
	if err := w.Value(sample{S: "a\nb", L: []string{"é"}, LL: [][]string{{"«"}}, M: map[string]string{"UN": "ONU"}, I: -3, F: 0.5, P: &seven, N: inner{"y"}}); err == nil {
		f.Add(string(w.Bytes()))
	}
	f.Fuzz(func(t *testing.T, in string) {
		var s sample
		if err := NewReader(in).Value(&s); err != nil {
			return
		}
		w := &Writer{}
		if err := w.Value(s); err != nil {
			t.Fatalf("a value read from %q does not write: %v", in, err)
		}
		var back sample
		if err := NewReader(string(w.Bytes())).Value(&back); err != nil {
			t.Fatalf("written form of a value read from %q does not read: %v", in, err)
		}
	})
}
