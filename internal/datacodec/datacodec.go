// Package datacodec writes and reads Go values decoded from YAML in a
// compact text form that decodes many times faster than YAML: generated
// files (the rule packs' and language profiles' start-up data) hold the
// decoded values, so that a run reads them without a YAML parser. The
// YAML files stay the source; the generated ones carry their digest and
// are tested fresh.
//
// Structs are written field by field under their yaml names (inline
// fields flattened, `yaml:"-"` and unexported fields left out, zero values
// omitted); the supported kinds are strings, booleans, integers, floats,
// pointers, slices and maps with string keys. Strings are length-prefixed,
// and a Reader over a string returns substrings of it (no copy).
//
// Grammar (whitespace between values is ignored):
//
//	string  'LEN:BYTES      bool  T | F      int  #DIGITS;    float  ~REPR;
//	nil     -                slice [N; VALUE…                 map    {N; STRING VALUE…
//	struct  (N; STRING VALUE…  (N fields: yaml name, value)
package datacodec

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Writer builds the compact form.
type Writer struct{ b []byte }

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.b }

// String writes a string.
func (w *Writer) String(s string) {
	w.b = append(w.b, '\'')
	w.b = strconv.AppendInt(w.b, int64(len(s)), 10)
	w.b = append(w.b, ':')
	w.b = append(w.b, s...)
}

// Int writes an integer.
func (w *Writer) Int(n int) {
	w.b = append(w.b, '#')
	w.b = strconv.AppendInt(w.b, int64(n), 10)
	w.b = append(w.b, ';')
}

// Newline writes a line break, which readers skip: it keeps the
// generated files' diffs readable.
func (w *Writer) Newline() { w.b = append(w.b, '\n') }

// Value writes v.
func (w *Writer) Value(v any) error { return w.value(reflect.ValueOf(v), 0) }

func (w *Writer) value(v reflect.Value, depth int) error {
	if depth > 32 {
		return errors.New("datacodec: value nested too deep")
	}
	switch v.Kind() {
	case reflect.String:
		w.String(v.String())
	case reflect.Bool:
		if v.Bool() {
			w.b = append(w.b, 'T')
		} else {
			w.b = append(w.b, 'F')
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.b = append(w.b, '#')
		w.b = strconv.AppendInt(w.b, v.Int(), 10)
		w.b = append(w.b, ';')
	case reflect.Float32, reflect.Float64:
		w.b = append(w.b, '~')
		w.b = strconv.AppendFloat(w.b, v.Float(), 'g', -1, 64)
		w.b = append(w.b, ';')
	case reflect.Pointer:
		if v.IsNil() {
			w.b = append(w.b, '-')
			return nil
		}
		return w.value(v.Elem(), depth+1)
	case reflect.Slice:
		w.b = append(w.b, '[')
		w.b = strconv.AppendInt(w.b, int64(v.Len()), 10)
		w.b = append(w.b, ';')
		for i := range v.Len() {
			if v.Type().Elem().Kind() == reflect.String {
				w.Newline()
			}
			if err := w.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return fmt.Errorf("datacodec: map key %s is not a string", v.Type().Key())
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		w.b = append(w.b, '{')
		w.b = strconv.AppendInt(w.b, int64(len(keys)), 10)
		w.b = append(w.b, ';')
		for _, k := range keys {
			w.String(k.String())
			if err := w.value(v.MapIndex(k), depth+1); err != nil {
				return err
			}
		}
	case reflect.Struct:
		fields := fieldsOf(v.Type())
		var set []field
		for _, f := range fields.list {
			if !v.FieldByIndex(f.index).IsZero() {
				set = append(set, f)
			}
		}
		w.b = append(w.b, '(')
		w.b = strconv.AppendInt(w.b, int64(len(set)), 10)
		w.b = append(w.b, ';')
		for _, f := range set {
			w.Newline()
			w.String(f.name)
			if err := w.value(v.FieldByIndex(f.index), depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("datacodec: cannot write a %s", v.Type())
	}
	return nil
}

var stringsType = reflect.TypeOf([]string(nil))

// field is a struct field under its yaml name.
type field struct {
	name  string
	index []int
}

type structFields struct {
	list   []field
	byName map[string][]int
}

var fieldCache sync.Map // reflect.Type → *structFields

// fieldsOf lists a struct's fields under their yaml names, inline fields
// flattened.
func fieldsOf(t reflect.Type) *structFields {
	if v, ok := fieldCache.Load(t); ok {
		return v.(*structFields)
	}
	s := &structFields{byName: map[string][]int{}}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			index := append(append([]int{}, prefix...), i)
			if opts == "inline" && f.Type.Kind() == reflect.Struct {
				walk(f.Type, index)
				continue
			}
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			s.list = append(s.list, field{name, index})
			s.byName[name] = index
		}
	}
	walk(t, nil)
	v, _ := fieldCache.LoadOrStore(t, s)
	return v.(*structFields)
}

// Reader reads the compact form from a string.
type Reader struct {
	s   string
	pos int
}

// NewReader reads s; the strings it returns are substrings of s.
func NewReader(s string) *Reader { return &Reader{s: s} }

// Done reports whether only whitespace is left.
func (r *Reader) Done() bool {
	r.skip()
	return r.pos >= len(r.s)
}

func (r *Reader) skip() {
	for r.pos < len(r.s) && (r.s[r.pos] == '\n' || r.s[r.pos] == ' ') {
		r.pos++
	}
}

func (r *Reader) errorf(format string, args ...any) error {
	return fmt.Errorf("datacodec: at byte %d: %s", r.pos, fmt.Sprintf(format, args...))
}

// expect reads the tag byte c.
func (r *Reader) expect(c byte) error {
	r.skip()
	if r.pos >= len(r.s) || r.s[r.pos] != c {
		return r.errorf("want %q", c)
	}
	r.pos++
	return nil
}

// number reads digits (a sign allowed) up to the terminator end.
func (r *Reader) number(end byte) (string, error) {
	i := strings.IndexByte(r.s[r.pos:], end)
	if i <= 0 || i > 24 {
		return "", r.errorf("bad number")
	}
	n := r.s[r.pos : r.pos+i]
	r.pos += i + 1
	return n, nil
}

// count reads a length or count.
func (r *Reader) count(end byte) (int, error) {
	n, err := r.number(end)
	if err != nil {
		return 0, err
	}
	c, err := strconv.Atoi(n)
	if err != nil || c < 0 || c > len(r.s) {
		return 0, r.errorf("bad count %q", n)
	}
	return c, nil
}

// String reads a string.
func (r *Reader) String() (string, error) {
	if err := r.expect('\''); err != nil {
		return "", err
	}
	n, err := r.count(':')
	if err != nil {
		return "", err
	}
	if r.pos+n > len(r.s) {
		return "", r.errorf("string past the end")
	}
	s := r.s[r.pos : r.pos+n]
	r.pos += n
	return s, nil
}

// Int reads an integer.
func (r *Reader) Int() (int, error) {
	if err := r.expect('#'); err != nil {
		return 0, err
	}
	n, err := r.number(';')
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(n)
}

// Value reads into the value ptr points to.
func (r *Reader) Value(ptr any) error {
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return errors.New("datacodec: Value needs a non-nil pointer")
	}
	return r.value(v.Elem(), 0)
}

func (r *Reader) value(v reflect.Value, depth int) error {
	if depth > 32 {
		return r.errorf("value nested too deep")
	}
	r.skip()
	if r.pos >= len(r.s) {
		return r.errorf("unexpected end")
	}
	switch v.Kind() {
	case reflect.String:
		s, err := r.String()
		if err != nil {
			return err
		}
		v.SetString(s)
	case reflect.Bool:
		switch r.s[r.pos] {
		case 'T':
			v.SetBool(true)
		case 'F':
			v.SetBool(false)
		default:
			return r.errorf("want a boolean")
		}
		r.pos++
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if err := r.expect('#'); err != nil {
			return err
		}
		n, err := r.number(';')
		if err != nil {
			return err
		}
		i, err := strconv.ParseInt(n, 10, v.Type().Bits())
		if err != nil {
			return r.errorf("%v", err)
		}
		v.SetInt(i)
	case reflect.Float32, reflect.Float64:
		if err := r.expect('~'); err != nil {
			return err
		}
		n, err := r.number(';')
		if err != nil {
			return err
		}
		f, err := strconv.ParseFloat(n, v.Type().Bits())
		if err != nil {
			return r.errorf("%v", err)
		}
		v.SetFloat(f)
	case reflect.Pointer:
		if r.s[r.pos] == '-' {
			r.pos++
			v.SetZero()
			return nil
		}
		p := reflect.New(v.Type().Elem())
		if err := r.value(p.Elem(), depth+1); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Slice:
		if err := r.expect('['); err != nil {
			return err
		}
		n, err := r.count(';')
		if err != nil {
			return err
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		if v.Type() == stringsType {
			// The common case, without reflection per element.
			ss := s.Interface().([]string)
			for i := range ss {
				if ss[i], err = r.String(); err != nil {
					return err
				}
			}
		} else {
			for i := range n {
				if err := r.value(s.Index(i), depth+1); err != nil {
					return err
				}
			}
		}
		v.Set(s)
	case reflect.Map:
		if err := r.expect('{'); err != nil {
			return err
		}
		n, err := r.count(';')
		if err != nil {
			return err
		}
		m := reflect.MakeMapWithSize(v.Type(), n)
		for range n {
			k, err := r.String()
			if err != nil {
				return err
			}
			e := reflect.New(v.Type().Elem()).Elem()
			if err := r.value(e, depth+1); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), e)
		}
		v.Set(m)
	case reflect.Struct:
		if err := r.expect('('); err != nil {
			return err
		}
		n, err := r.count(';')
		if err != nil {
			return err
		}
		fields := fieldsOf(v.Type())
		for range n {
			name, err := r.String()
			if err != nil {
				return err
			}
			index, ok := fields.byName[name]
			if !ok {
				return r.errorf("%s has no field %q", v.Type(), name)
			}
			if err := r.value(v.FieldByIndex(index), depth+1); err != nil {
				return err
			}
		}
	default:
		return r.errorf("cannot read a %s", v.Type())
	}
	return nil
}
