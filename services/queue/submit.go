package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/services/batch"
)

// SubmitStats count what Submit did.
type SubmitStats struct {
	Published  int // new messages in the stream
	Duplicates int // already queued (same content hash inside the duplicate window)
	Failed     int // inputs that could not be read or published (see the report callback)
}

// maxInFlight bounds publishes awaiting their acknowledgement.
const maxInFlight = 256

type pending struct {
	path    string
	readErr error // the input could not be read or encoded
	fut     jetstream.PubAckFuture
}

// ackTimeout bounds the wait for one publish acknowledgement.
const ackTimeout = time.Minute

// Submit publishes every readable input to the stream, creating it when
// missing, with the content hash as message id so that the stream drops a
// resubmission. Unreadable inputs and failed publishes are passed to
// failed and counted; they do not stop the run. The error is a failure to
// reach the stream at all, or the context's.
func Submit(ctx context.Context, js jetstream.JetStream, s Stream, inputs iter.Seq[audit.Input], failed func(path string, err error)) (SubmitStats, error) {
	return SubmitWith(ctx, js, s, SubmitOptions{}, inputs, failed)
}

// SubmitOptions change how Submit publishes.
type SubmitOptions struct {
	// Force queues every article again, even one inside the duplicate
	// window: its message id is the content hash and a nonce, so the
	// stream keeps it. The hash header stays the content hash, so the
	// worker's result overwrites the earlier one.
	Force bool
}

// messageID is the id the stream de-duplicates by: the content hash, with
// a random nonce when forced.
func (o SubmitOptions) messageID(hash string) string {
	if !o.Force {
		return hash
	}
	var nonce [8]byte
	_, _ = rand.Read(nonce[:]) // crypto/rand never fails on supported systems
	return hash + "." + hex.EncodeToString(nonce[:])
}

// SubmitWith is Submit with options.
func SubmitWith(ctx context.Context, js jetstream.JetStream, s Stream, o SubmitOptions, inputs iter.Seq[audit.Input], failed func(path string, err error)) (SubmitStats, error) {
	s.defaults()
	var st SubmitStats
	if _, err := EnsureStream(ctx, js, s); err != nil {
		return st, err
	}
	acks := make(chan pending, maxInFlight)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for p := range acks {
			if p.readErr != nil {
				st.Failed++
				failed(p.path, p.readErr)
				continue
			}
			select {
			case ack := <-p.fut.Ok():
				if ack.Duplicate {
					st.Duplicates++
				} else {
					st.Published++
				}
			case err := <-p.fut.Err():
				st.Failed++
				failed(p.path, fmt.Errorf("publish: %w", err))
			case <-time.After(ackTimeout):
				st.Failed++
				failed(p.path, fmt.Errorf("publish: no acknowledgement in %s", ackTimeout))
			}
		}
	}()
	var err error
	for in := range inputs {
		if err = ctx.Err(); err != nil {
			break
		}
		if in.Err != nil {
			acks <- pending{path: in.Path, readErr: in.Err}
			continue
		}
		body, merr := json.Marshal(articleOf(in.Doc))
		if merr != nil {
			acks <- pending{path: in.Path, readErr: merr}
			continue
		}
		hash := batch.Hash(in.Doc.Text)
		msg := nats.NewMsg(s.Subject)
		msg.Data = body
		msg.Header.Set(HashHeader, hash)
		fut, perr := js.PublishMsgAsync(msg, jetstream.WithMsgID(o.messageID(hash)), jetstream.WithExpectStream(s.Name))
		if perr != nil {
			acks <- pending{path: in.Path, readErr: fmt.Errorf("publish: %w", perr)}
			continue
		}
		acks <- pending{path: in.Path, fut: fut}
	}
	close(acks)
	<-done
	return st, err
}
