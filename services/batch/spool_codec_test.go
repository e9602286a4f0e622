package batch

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestSpoolCodecEveryField fills every field of a record, down to the
// findings' fixes and edits, with a value of its own, and checks that it
// comes back: a field added to a spooled type and not to the codec fails
// here. Nil and empty slices come back as they went.
func TestSpoolCodecEveryField(t *testing.T) {
	var in spooled
	n := 0
	fillEvery(reflect.ValueOf(&in).Elem(), &n)
	var w recordWriter
	w.record(&in)
	var out spooled
	if err := (&recordReader{s: string(w.b)}).record(&out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	if n < 40 {
		t.Errorf("only %d fields filled", n)
	}

	empty := spooled{Findings: nil, Suppressed: []audit.Finding{}, Warnings: []string{}}
	w.b = w.b[:0]
	w.record(&empty)
	var back spooled
	if err := (&recordReader{s: string(w.b)}).record(&back); err != nil || back.Findings != nil || back.Suppressed == nil || back.Warnings == nil {
		t.Errorf("nil and empty slices: %+v, %v", back, err)
	}

	// Every cut of the record is an error, never a panic.
	full := string(w.b)
	for i := 0; i < len(full); i++ {
		var r spooled
		if err := (&recordReader{s: full[:i]}).record(&r); err == nil {
			t.Fatalf("a record cut at %d of %d decoded", i, len(full))
		}
	}
	if err := (&recordReader{s: full + "x"}).record(new(spooled)); err == nil {
		t.Error("a record with bytes after it decoded")
	}
}

// fillEvery sets every settable field under v to a value of its own:
// strings and numbers distinct, booleans true, pointers allocated, slices
// of two elements.
func fillEvery(v reflect.Value, n *int) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillEvery(v.Field(i), n)
			}
		}
		return
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillEvery(v.Elem(), n)
		return
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := 0; i < 2; i++ {
			fillEvery(v.Index(i), n)
		}
		return
	}
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + strings.Repeat("é", *n%3) + string(rune('a'+*n%26)))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n*1000 - 7))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	default:
		panic("fillEvery: a field of kind " + v.Kind().String() + " the codec does not know")
	}
}

// FuzzSpoolRecord: any bytes decode to a record or an error, never a
// panic or a huge allocation; a record that decodes encodes and decodes
// again to the same.
func FuzzSpoolRecord(f *testing.F) {
	var in spooled
	n := 0
	fillEvery(reflect.ValueOf(&in).Elem(), &n)
	var w recordWriter
	w.record(&in)
	f.Add(w.b)
	w.b = nil
	w.record(&spooled{})
	f.Add(w.b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var r spooled
		if (&recordReader{s: string(data)}).record(&r) != nil {
			return
		}
		var again recordWriter
		again.record(&r)
		var back spooled
		if err := (&recordReader{s: string(again.b)}).record(&back); err != nil || !reflect.DeepEqual(r, back) {
			t.Fatalf("re-encoded record: %v\n got %+v\nwant %+v", err, back, r)
		}
	})
}
