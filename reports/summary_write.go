package reports

import (
	"encoding/json"
	"io"
)

// WriteSummaryJSON writes the batch summary as indented JSON.
func WriteSummaryJSON(w io.Writer, s *Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}
