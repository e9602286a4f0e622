package readers

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// jsonlArticle is one line of a JSON-lines input. Unknown keys are allowed:
// exports from other tools carry extra fields.
type jsonlArticle struct {
	ID     json.RawMessage `json:"id"`
	Title  string          `json:"title"`
	Text   *string         `json:"text"`
	URL    string          `json:"url"`
	Lang   string          `json:"lang"`
	Source string          `json:"source"`
}

// maxJSONLLine bounds one line of a JSON-lines input (one article); a
// variable so that tests can lower it.
var maxJSONLLine = 64 << 20

// ReadJSONL reads JSON lines held in memory; see StreamJSONL.
func ReadJSONL(path string, data []byte) []audit.Input {
	var ins []audit.Input
	err := StreamJSONL(path, bytes.NewReader(data), func(in audit.Input) bool {
		ins = append(ins, in)
		return true
	})
	if err != nil {
		ins = append(ins, audit.Input{Path: path, Err: err})
	}
	return ins
}

// StreamJSONL reads one article a line, {"id", "title"?, "text", "url"?,
// "lang"?, "source"?}, handing each to yield as it is read, so a file of any
// size is audited in flat memory. A bad line becomes an error input naming
// its line number; the other lines are still read. Blank lines are skipped.
// The error returned is a failure to read the stream itself.
func StreamJSONL(path string, r io.Reader, yield func(audit.Input) bool) error {
	return streamJSONL(path, r, maxJSONLLine, yield)
}

func streamJSONL(path string, r io.Reader, maxLine int, yield func(audit.Input) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, maxLine)
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s line %d: %w", path, n, err)
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			return nil
		}
		if in, ok := jsonlInput(path, n, line, tooLong, maxLine); ok && !yield(in) {
			return nil
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine returns one line without its end. A line over maxLine is
// consumed and reported as too long rather than held.
func readLine(br *bufio.Reader, maxLine int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > maxLine {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

func jsonlInput(path string, n int, line []byte, tooLong bool, maxLine int) (audit.Input, bool) {
	where := path + "#" + strconv.Itoa(n)
	bad := func(err error) (audit.Input, bool) {
		return audit.Input{Path: where, Err: fmt.Errorf("line %d: %w", n, err)}, true
	}
	if tooLong {
		return bad(fmt.Errorf("line longer than %d bytes (raise --max-article-bytes or max_article_bytes)", maxLine))
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return audit.Input{}, false
	}
	var a jsonlArticle
	if err := json.Unmarshal(line, &a); err != nil {
		return bad(fmt.Errorf("invalid JSON: %w", err))
	}
	id, err := jsonlID(a.ID)
	if err != nil {
		return bad(err)
	}
	if a.Text == nil {
		return bad(errors.New(`missing "text"`))
	}
	d, err := audit.NewDocument(where, []byte(*a.Text))
	if err != nil {
		return bad(err)
	}
	d.ID, d.Title, d.URL = id, strings.TrimSpace(a.Title), strings.TrimSpace(a.URL)
	d.Lang = strings.ToLower(strings.TrimSpace(a.Lang))
	return audit.Input{Path: where, Doc: d}, true
}

// jsonlID accepts a string or a number: both are common in exports.
func jsonlID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New(`missing "id"`)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if strings.TrimSpace(s) == "" {
			return "", errors.New(`empty "id"`)
		}
		return s, nil
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err == nil {
		return num.String(), nil
	}
	return "", fmt.Errorf(`"id" must be a string or a number, not %s`, raw)
}
