// Runs a real LanguageTool client library (language-grammar-api, from the
// npm registry) against the server at process.argv[2] (…/v2) and prints
// what it saw as JSON. Offsets are applied with JavaScript's own string
// indexing (UTF-16 code units), as every LanguageTool client does.
'use strict';
const LanguageToolApi = require('language-grammar-api');

async function main() {
  const [endpoint, text] = [process.argv[2], process.argv[3]];
  const client = new LanguageToolApi({ endpoint });
  const languages = await client.languages();
  const answer = await client.check({ text, language: 'fr-FR', disabledRules: 'typography.test-colon' });
  const matches = answer.matches.map(m => ({
    rule: m.rule.id,
    issueType: m.rule.issueType,
    found: text.substr(m.offset, m.length),
    inContext: m.context.text.substr(m.context.offset, m.context.length),
    replacements: m.replacements.map(r => r.value),
  }));
  let unknown;
  try {
    unknown = await client.check({ text, language: 'xx-YY' });
  } catch (e) {
    unknown = String(e.httpBody || e.message || e);
  }
  process.stdout.write(JSON.stringify({
    software: answer.software.name,
    language: answer.language,
    languages: languages.map(l => l.code),
    matches,
    unknown,
  }));
}

main().catch(e => { console.error(e && e.stack || String(e)); process.exit(1); });
