package main

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// messagesFlag is --messages: the language of findings' messages and
// suggestions and of the reports' labels.
type messagesFlag struct{ value string }

func (m *messagesFlag) register(fs *pflag.FlagSet) {
	fs.StringVar(&m.value, "messages", i18n.Auto, "language of messages, suggestions and report labels: "+i18n.Auto+
		" (each article's language, English where a message has no translation yet) or one of "+
		strings.Join(i18n.MustBuiltin().Languages(), ", ")+
		"; JSON keeps the English message and, when this flag is given, adds message_localized")
}

// apply checks the flag and sets the printers' options: the messages
// language, the run's target language (the run's own text under auto),
// and localized JSON when the flag was given.
func (m *messagesFlag) apply(fs *pflag.FlagSet, o *reports.Options, target string) error {
	setting, err := i18n.MustBuiltin().Setting(m.value)
	if err != nil {
		return err
	}
	o.Messages, o.Lang, o.LocalizeJSON = setting, target, fs.Changed("messages")
	return nil
}
