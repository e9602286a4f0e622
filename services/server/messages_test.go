package server

import (
	"bytes"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// The findings' messages in the language a request asks: /v1/audit keeps
// the English message and adds message_localized; /v1/report shows the
// translation.
func TestMessagesParameter(t *testing.T) {
	url := realServer(t)
	const wrong = "the article is in English, not French"
	for _, tc := range []struct {
		name, path, contentType, body, want string
	}{
		{"query", "/v1/audit?lang=fr&messages=de", "text/plain", englishArticle, "Der Artikel ist auf Englisch verfasst, nicht auf Französisch"},
		{"json", "/v1/audit", "application/json", `{"lang": "fr", "messages": "es", "text": ` + jsonString(englishArticle) + `}`, "El artículo está en inglés, no en francés"},
		{"auto", "/v1/audit?messages=auto&lang=fr", "text/plain", englishArticle, "L’article est en anglais, et non en français"},
		{"tag", "/v1/audit?messages=pt-BR&lang=fr", "text/plain", englishArticle, "O artigo está em inglês, não em francês"},
	} {
		art := decodeArticle(t, do(t, "POST", url+tc.path, tc.contentType, strings.NewReader(tc.body)))
		found := false
		for _, f := range art.Findings {
			if f.Rule == "untranslated.wrong-language" {
				found = true
				if f.Message != wrong || f.MessageLocalized != tc.want || f.SuggestionLocalized == "" {
					t.Errorf("%s: message %q, localized %q, want %q", tc.name, f.Message, f.MessageLocalized, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no wrong-language finding: %+v", tc.name, art.Findings)
		}
	}

	// Without "messages" the answer is the contract as before.
	a := do(t, "POST", url+"/v1/audit?lang=fr", "text/plain", strings.NewReader(englishArticle))
	if bytes.Contains(a.body, []byte("localized")) || bytes.Contains(a.body, []byte(`"messages"`)) {
		t.Errorf("localized fields without messages: %s", a.body)
	}
	// An unknown language is refused, naming the choices.
	msg := jsonError(t, do(t, "POST", url+"/v1/audit?messages=nl", "text/plain", strings.NewReader(englishArticle)), 400)
	if !strings.Contains(msg, "want auto or de, en, es, fr, it, pt") {
		t.Errorf("error %q", msg)
	}

	// The report section: in the article's language by default, else the
	// request's.
	for messages, want := range map[string]string{"": "L’article est en anglais", "it": "L’articolo è in inglese", "en": wrong} {
		a := do(t, "POST", url+"/v1/report?lang=fr&messages="+messages, "text/plain", strings.NewReader(englishArticle))
		if a.status != 200 || !bytes.Contains(a.body, []byte(want)) {
			t.Errorf("report with messages=%q lacks %q (%d)", messages, want, a.status)
		}
	}
}

// The server's --messages: the default of requests, and localized JSON.
func TestServerMessagesDefault(t *testing.T) {
	_, ts := newTestServer(t, Options{Messages: "de", LocalizeJSON: true})
	art := decodeArticle(t, do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(sampleArticle)))
	if art.Messages != "de" {
		t.Errorf("messages %q", art.Messages)
	}
	if _, err := New(Options{Engine: testEngine(t), Messages: "xx"}); err == nil {
		t.Errorf("unknown --messages accepted")
	}
}

// The page speaks the language asked in ?messages=, else the browser's.
func TestPageLanguage(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	for _, tc := range []struct {
		query, accept, lang, button, selected string
	}{
		{"", "", "en", "Audit", "auto"},
		{"", "fr-CH, fr;q=0.9, en;q=0.8", "fr", "Auditer", "auto"},
		{"", "nl, de;q=0.5", "de", "Prüfen", "auto"},
		{"", "nl", "en", "Audit", "auto"},
		{"?messages=it", "de", "it", "Verifica", "it"},
		{"?messages=auto", "es", "es", "Auditar", "auto"},
		{"?messages=zz", "pt-BR", "pt", "Auditar", "auto"},
	} {
		var hdr []string
		if tc.accept != "" {
			hdr = []string{"Accept-Language", tc.accept}
		}
		a := do(t, "GET", ts.URL+"/"+tc.query, "", nil, hdr...)
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(a.body))
		if err != nil {
			t.Fatal(err)
		}
		lang, _ := doc.Find("html").Attr("lang")
		sel, _ := doc.Find("select#messages option[selected]").Attr("value")
		if a.status != 200 || lang != tc.lang || a.header.Get("Content-Language") != tc.lang ||
			doc.Find("button#submit").Text() != tc.button || sel != tc.selected {
			t.Errorf("%q %q: page lang %q (%s), button %q, messages %q", tc.query, tc.accept, lang,
				a.header.Get("Content-Language"), doc.Find("button#submit").Text(), sel)
		}
		if !strings.Contains(a.header.Get("Vary"), "Accept-Language") {
			t.Errorf("no Vary: Accept-Language")
		}
	}
}
