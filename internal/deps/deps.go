//go:build tools

// Package deps pins modules the project uses so that go.mod stays complete
// while parts are built in parallel. It is never compiled.
package deps

import (
	_ "codeberg.org/readeck/go-readability/v2"
	_ "github.com/PuerkitoBio/goquery"
	_ "github.com/chromedp/cdproto/cdp"
	_ "github.com/chromedp/chromedp"
	_ "github.com/mmcdole/gofeed"
	_ "github.com/nats-io/nats-server/v2/server"
	_ "github.com/nats-io/nats.go"
	_ "github.com/nats-io/nats.go/jetstream"
	_ "github.com/owenrumney/go-sarif/v2/sarif"
	_ "github.com/sashabaranov/go-openai"
	_ "github.com/sergi/go-diff/diffmatchpatch"
	_ "go.etcd.io/bbolt"
	_ "golang.org/x/tools/txtar"
)
