package audit

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Severity follows MQM: info < minor < major < critical.
type Severity int

// Severities from least to most serious.
const (
	Info Severity = iota
	Minor
	Major
	Critical
)

var severityNames = [...]string{"info", "minor", "major", "critical"}

// Weight is the MQM penalty weight of one finding of this severity.
func (s Severity) Weight() float64 {
	switch s {
	case Critical:
		return 25
	case Major:
		return 5
	case Minor:
		return 1
	}
	return 0
}

func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name, case-insensitively.
func ParseSeverity(name string) (Severity, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	for i, s := range severityNames {
		if s == n {
			return Severity(i), nil
		}
	}
	return Info, fmt.Errorf("unknown severity %q (want info, minor, major or critical)", name)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// UnmarshalYAML reads a severity name and, on error, names the YAML line.
func (s *Severity) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseSeverity(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*s = v
	return nil
}
