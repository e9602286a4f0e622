// Package queue spreads audits over machines with NATS JetStream: Submit
// publishes articles to a work-queue stream, de-duplicated by content hash;
// Workers pull them, audit them, store each result under the article's
// hash and only then acknowledge, so a worker that dies mid-article loses
// nothing (the message is delivered again after the ack wait) and a
// redelivery overwrites rather than duplicates.
//
// Batch rules (names across a run) do not run here: each worker sees one
// article at a time. Run `mtaudit audit` over the stored results' sources
// for those.
package queue

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/mtaudit/mtaudit/audit"
)

// Defaults shared by submit and worker.
const (
	DefaultStream        = "MTAUDIT"
	DefaultSubject       = "mtaudit.articles"
	DefaultConsumer      = "mtaudit-workers"
	DefaultResultsStream = "MTAUDIT_RESULTS"
	// HashHeader carries the content hash (also sent as Nats-Msg-Id).
	HashHeader = "Mtaudit-Hash"
	// ErrorHeader marks a result message that is an error entry
	// {"path", "error"} rather than an article object.
	ErrorHeader = "Mtaudit-Error"
)

// Article is an article on the wire: the document as read, text included.
type Article struct {
	Path  string `json:"path"`
	ID    string `json:"id,omitempty"`
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
	Lang  string `json:"lang,omitempty"`
	Note  string `json:"note,omitempty"`
	Text  string `json:"text"`
}

func articleOf(d *audit.Document) Article {
	return Article{Path: d.Path, ID: d.ID, Title: d.Title, URL: d.URL, Lang: d.Lang, Note: d.Note, Text: d.Text}
}

// Document rebuilds the document, segmenting its text again.
func (a Article) Document() (*audit.Document, error) {
	d, err := audit.NewDocument(a.Path, []byte(a.Text))
	if err != nil {
		return nil, err
	}
	d.ID, d.Title, d.URL, d.Lang, d.Note = a.ID, a.Title, a.URL, a.Lang, a.Note
	return d, nil
}

// Stream describes the work-queue stream. Zero limits mean unlimited.
type Stream struct {
	Name    string // default DefaultStream
	Subject string // default DefaultSubject
	// Duplicates is the window in which a message id (the content hash)
	// is remembered: a resubmission inside it is dropped. Default 1 hour.
	Duplicates time.Duration
	MaxMsgs    int64
	MaxBytes   int64
	MaxAge     time.Duration
	Replicas   int // 1, or 3 on a cluster for fault tolerance
}

func (s *Stream) defaults() {
	if s.Name == "" {
		s.Name = DefaultStream
	}
	if s.Subject == "" {
		s.Subject = DefaultSubject
	}
	if s.Duplicates <= 0 {
		s.Duplicates = time.Hour
	}
	if s.Replicas <= 0 {
		s.Replicas = 1
	}
}

func limit(n int64) int64 {
	if n <= 0 {
		return -1
	}
	return n
}

// EnsureStream returns the work-queue stream, creating it when missing. A
// full stream refuses new work (DiscardNew) rather than dropping queued
// articles. An existing stream must be a work queue over the subject.
func EnsureStream(ctx context.Context, js jetstream.JetStream, s Stream) (jetstream.Stream, error) {
	s.defaults()
	st, err := js.Stream(ctx, s.Name)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		st, err = js.CreateStream(ctx, jetstream.StreamConfig{
			Name:        s.Name,
			Description: "mtaudit articles waiting to be audited",
			Subjects:    []string{s.Subject},
			Retention:   jetstream.WorkQueuePolicy,
			Storage:     jetstream.FileStorage,
			Discard:     jetstream.DiscardNew,
			Duplicates:  s.Duplicates,
			MaxMsgs:     limit(s.MaxMsgs),
			MaxBytes:    limit(s.MaxBytes),
			MaxAge:      s.MaxAge,
			Replicas:    s.Replicas,
		})
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			st, err = js.Stream(ctx, s.Name) // another process created it first
		}
	}
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", s.Name, err)
	}
	cfg := st.CachedInfo().Config
	if cfg.Retention != jetstream.WorkQueuePolicy {
		return nil, fmt.Errorf("stream %s exists but is not a work queue (retention %s)", s.Name, cfg.Retention)
	}
	if !slices.Contains(cfg.Subjects, s.Subject) {
		return nil, fmt.Errorf("stream %s exists but does not take subject %s (it takes %v)", s.Name, s.Subject, cfg.Subjects)
	}
	return st, nil
}

// ensureResults finds the stream that stores results published on
// subject, creating a limits stream named name when none does.
func ensureResults(ctx context.Context, js jetstream.JetStream, name, subject string, dup time.Duration) error {
	if _, err := js.StreamNameBySubject(ctx, subject); err == nil {
		return nil
	} else if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return fmt.Errorf("find stream for %s: %w", subject, err)
	}
	_, err := js.CreateStream(ctx, jetstream.StreamConfig{
		Name:        name,
		Description: "mtaudit results: one article object per article hash",
		Subjects:    []string{subject},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  dup,
	})
	if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create results stream %s: %w", name, err)
	}
	return nil
}
