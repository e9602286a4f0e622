// The serve page: read an uploaded file (UTF-8 only), post the article to
// v1/report and show the report section the server rendered. Its words
// come from the form's data-l-* attributes, in the page's language.
(function () {
  'use strict';
  function $(id) { return document.getElementById(id); }
  var form = $('audit-form'), text = $('text'), title = $('title'), lang = $('lang'), llm = $('llm'),
    token = $('token'), file = $('file'), status = $('status'), report = $('report'), submit = $('submit'),
    messages = $('messages');
  var maxBody = parseInt(form.dataset.maxBody, 10) || 0;
  var l = form.dataset;

  // fill replaces {name} placeholders of a label.
  function fill(label, args) {
    return (label || '').replace(/\{(\w+)\}/g, function (m, k) { return k in args ? String(args[k]) : m; });
  }
  function findings(n) {
    var one = (l.oneCounts || '').split(' ').indexOf(String(n)) >= 0;
    return fill(one ? l.lFindingOne : l.lFindingOther, { n: n });
  }
  function say(msg, bad) {
    status.textContent = msg;
    status.className = bad ? 'bad' : '';
  }

  // format is what the text holds: 'html' after loading a .html/.htm file
  // (the server reads it as the command line does, tags never audited),
  // plain text otherwise.
  var format = '';
  text.addEventListener('input', function () { if (!text.value.trim()) { format = ''; } });
  file.addEventListener('change', function () {
    var f = file.files && file.files[0];
    if (!f) { return; }
    if (maxBody && f.size > maxBody) {
      say(fill(l.lTooLarge, { name: f.name, size: f.size, max: maxBody }), true);
      file.value = '';
      return;
    }
    f.arrayBuffer().then(function (buf) {
      try {
        text.value = new TextDecoder('utf-8', { fatal: true }).decode(buf);
      } catch (e) {
        say(fill(l.lNotUtf8, { name: f.name }), true);
        return;
      }
      format = /\.html?$/i.test(f.name) || f.type === 'text/html' ? 'html' : '';
      if (!title.value && !format) { title.value = f.name.replace(/\.[^.]+$/, ''); }
      say(fill(l.lLoaded, { name: f.name }));
    });
  });

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!text.value.trim()) {
      say(l.lEmpty, true);
      text.focus();
      return;
    }
    var body = { text: text.value };
    if (title.value.trim()) { body.title = title.value.trim(); }
    if (lang.value) { body.lang = lang.value; }
    if (messages && messages.value) { body.messages = messages.value; }
    if (llm) { body.llm = llm.checked; }
    if (format) { body.format = format; }
    var headers = { 'Content-Type': 'application/json', 'Accept': 'text/html' };
    if (token && token.value) { headers.Authorization = 'Bearer ' + token.value; }
    submit.disabled = true;
    say(l.lAuditing);
    fetch('v1/report', { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (resp) {
        if (!resp.ok) {
          return resp.json().then(function (e) {
            throw new Error(resp.status + ': ' + (e.error || resp.statusText));
          }, function () {
            throw new Error(resp.status + ': ' + resp.statusText);
          });
        }
        return resp.text().then(function (html) {
          // Rendered by the server's html/template: every text in it is escaped.
          report.innerHTML = html;
          var verdict = resp.headers.get('X-Mtaudit-Verdict') || '';
          say(fill(l.lStatus, {
            verdict: ((verdict === 'pass' ? l.lPass : verdict === 'fail' ? l.lFail : verdict) || '').toUpperCase(),
            penalty: (resp.headers.get('X-Mtaudit-Penalty') || '').replace('.', l.decimal || '.'),
            findings: findings(parseInt(resp.headers.get('X-Mtaudit-Findings'), 10) || 0)
          }));
          var sec = report.querySelector('section.article');
          if (sec) { sec.scrollIntoView({ block: 'start' }); }
        });
      })
      .catch(function (e) { say(fill(l.lFailed, { error: e.message }), true); })
      .then(function () { submit.disabled = false; });
  });
})();
