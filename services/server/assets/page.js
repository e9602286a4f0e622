// The serve page: read an uploaded file (UTF-8 only), post the article to
// v1/report and show the report section the server rendered.
(function () {
  'use strict';
  function $(id) { return document.getElementById(id); }
  var form = $('audit-form'), text = $('text'), title = $('title'), lang = $('lang'), llm = $('llm'),
    token = $('token'), file = $('file'), status = $('status'), report = $('report'), submit = $('submit');
  var maxBody = parseInt(form.dataset.maxBody, 10) || 0;

  function say(msg, bad) {
    status.textContent = msg;
    status.className = bad ? 'bad' : '';
  }

  file.addEventListener('change', function () {
    var f = file.files && file.files[0];
    if (!f) { return; }
    if (maxBody && f.size > maxBody) {
      say(f.name + ' is too large: ' + f.size + ' bytes, the limit is ' + maxBody, true);
      file.value = '';
      return;
    }
    f.arrayBuffer().then(function (buf) {
      try {
        text.value = new TextDecoder('utf-8', { fatal: true }).decode(buf);
      } catch (e) {
        say(f.name + ' is not UTF-8 text', true);
        return;
      }
      if (!title.value) { title.value = f.name.replace(/\.[^.]+$/, ''); }
      say('Loaded ' + f.name);
    });
  });

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!text.value.trim()) {
      say('Paste an article first.', true);
      text.focus();
      return;
    }
    var body = { text: text.value };
    if (title.value.trim()) { body.title = title.value.trim(); }
    if (lang.value) { body.lang = lang.value; }
    if (llm) { body.llm = llm.checked; }
    var headers = { 'Content-Type': 'application/json', 'Accept': 'text/html' };
    if (token && token.value) { headers.Authorization = 'Bearer ' + token.value; }
    submit.disabled = true;
    say('Auditing…');
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
          say((resp.headers.get('X-Mtaudit-Verdict') || '').toUpperCase() + ' · penalty ' +
            resp.headers.get('X-Mtaudit-Penalty') + ' · ' + resp.headers.get('X-Mtaudit-Findings') + ' findings');
          var sec = report.querySelector('section.article');
          if (sec) { sec.scrollIntoView({ block: 'start' }); }
        });
      })
      .catch(function (e) { say('Audit failed: ' + e.message, true); })
      .then(function () { submit.disabled = false; });
  });
})();
