package reports

// SummaryLine is the run's one-line account, as the text format ends:
// "3 articles: 2 pass, 1 fail; 7 findings (1 critical, 6 minor); 2 suppressed".
// The command prints it alone under --quiet.
func SummaryLine(s *Summary, o Options) string {
	return summaryLine(o.runCatalog(s.firstLang), s)
}
