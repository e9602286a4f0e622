// mtaudit report: select findings from the list or the text, filter them,
// step through them with the keyboard, sort tables. Listeners sit on the
// document, so sections added later (the serve page) work the same.
(function () {
  'use strict';
  var current = null; // data-f id of the finding navigated to

  function sectionOf(el) { return el.closest('section.article'); }
  function spansOf(sec, id) { return sec.querySelectorAll('.text .hl[data-f="' + id + '"]'); }
  function itemOf(sec, id) { return sec.querySelector('li.fi[data-f="' + id + '"]'); }
  function each(list, f) { Array.prototype.forEach.call(list, f); }

  function clear() {
    each(document.querySelectorAll('.hl.active, li.fi.active'), function (e) { e.classList.remove('active'); });
    each(document.querySelectorAll('.detail'), function (d) { d.hidden = true; d.textContent = ''; });
    current = null;
  }

  // select marks the findings ids (ids[0] is the one navigated to) in the
  // text and the list, shows their details, and brings them into view: the
  // span when chosen from the list, the list item when chosen in the text.
  function select(sec, ids, from) {
    clear();
    if (!sec || !ids.length) { return; }
    current = ids[0];
    var detail = sec.querySelector('.detail');
    ids.forEach(function (id) {
      each(spansOf(sec, id), function (s) { s.classList.add('active'); });
      var li = itemOf(sec, id);
      if (!li) { return; }
      li.classList.add('active');
      var fd = li.querySelector('.fd');
      if (detail && fd) { detail.appendChild(fd.cloneNode(true)); }
    });
    if (detail) { detail.hidden = false; }
    if (from !== 'text') {
      var first = spansOf(sec, current)[0];
      if (first) { first.scrollIntoView({ block: 'center', inline: 'nearest' }); }
    }
    var item = itemOf(sec, current);
    if (item) {
      revealInList(item, detail);
      item.focus({ preventScroll: true });
    }
  }

  // revealInList scrolls the side panel (not the page) to show li below
  // the sticky detail panel.
  function revealInList(li, detail) {
    var side = li.closest('.side');
    if (!side || side.scrollHeight <= side.clientHeight) { return; }
    var top = li.getBoundingClientRect().top - side.getBoundingClientRect().top + side.scrollTop;
    var cover = detail && !detail.hidden ? detail.offsetHeight + 8 : 0;
    if (top < side.scrollTop + cover || top + li.offsetHeight > side.scrollTop + side.clientHeight) {
      side.scrollTop = Math.max(0, top - cover - 8);
    }
  }

  function visibleItems() {
    return Array.prototype.filter.call(document.querySelectorAll('li.fi'), function (li) {
      return !li.classList.contains('filtered');
    });
  }

  // step moves to the next (d = 1) or previous (d = -1) finding in list
  // order, across every article on the page, wrapping around.
  function step(d) {
    var items = visibleItems();
    if (!items.length) { return; }
    var i = -1;
    items.forEach(function (li, x) { if (li.dataset.f === current) { i = x; } });
    var n = items.length;
    var next = i < 0 ? (d > 0 ? 0 : n - 1) : (i + d + n) % n;
    select(sectionOf(items[next]), [items[next].dataset.f], 'list');
  }

  function applyFilters(sec) {
    var off = { cat: {}, sev: {} };
    each(sec.querySelectorAll('input[data-filter]'), function (c) {
      if (!c.checked) { off[c.dataset.filter][c.value] = true; }
    });
    each(sec.querySelectorAll('li.fi'), function (li) {
      var hide = !!(off.cat[li.dataset.cat] || off.sev[li.dataset.sev]);
      li.classList.toggle('filtered', hide);
      each(spansOf(sec, li.dataset.f), function (s) { s.classList.toggle('off', hide); });
      if (hide && li.dataset.f === current) { clear(); }
    });
  }

  function sortTable(th) {
    var table = th.closest('table');
    var tbody = table && table.tBodies[0];
    if (!tbody) { return; }
    var col = Array.prototype.indexOf.call(th.parentElement.children, th);
    var num = th.dataset.type === 'num';
    var was = th.getAttribute('aria-sort');
    var dir = was ? (was === 'ascending' ? 'descending' : 'ascending') : (num ? 'descending' : 'ascending');
    each(th.parentElement.children, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir);
    var key = function (row) {
      var c = row.cells[col];
      var v = c ? (c.dataset.sort !== undefined ? c.dataset.sort : c.textContent) : '';
      return num ? (parseFloat(v) || 0) : v.toLowerCase();
    };
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      var c = num ? x - y : x.localeCompare(y);
      return dir === 'ascending' ? c : -c;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    var th = t.closest('table.sortable th');
    if (th) { sortTable(th); return; }
    if (t.closest('a, input, label, button, form, .detail')) { return; }
    var li = t.closest('li.fi');
    if (li) { select(sectionOf(li), [li.dataset.f], 'list'); return; }
    var hl = t.closest('.text .hl');
    if (hl) {
      var ids = [];
      for (var e = hl; e && e.classList.contains('hl'); e = e.parentElement) {
        if (!e.classList.contains('off')) { ids.push(e.dataset.f); }
      }
      select(sectionOf(hl), ids, 'text');
    }
  });

  document.addEventListener('change', function (ev) {
    var t = ev.target;
    if (t instanceof Element && t.matches('input[data-filter]')) { applyFilters(sectionOf(t)); }
  });

  function typing(t) {
    if (!(t instanceof Element)) { return false; }
    if (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') { return true; }
    return t.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset|file)$/.test(t.type);
  }

  document.addEventListener('keydown', function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || typing(ev.target)) { return; }
    var t = ev.target;
    switch (ev.key) {
      case 'j': case 'n': step(1); break;
      case 'k': case 'p': step(-1); break;
      case 'Escape': clear(); return;
      case 'Enter': case ' ':
        if (t instanceof Element && t.matches('li.fi')) { select(sectionOf(t), [t.dataset.f], 'list'); break; }
        return;
      default: return;
    }
    ev.preventDefault();
  });
})();

// Dismissals: an editor dismisses a finding with a reason; the page keeps
// the dismissals (localStorage, per browser and origin) and offers them as
// a suppressions file (audit/suppress's format) that
// `mtaudit audit --suppressions FILE` honours. On the serve page each
// dismissal is also sent to the server (POST v1/suppressions), which
// honours it in later audits when started with --suppressions.
(function () {
  'use strict';
  var STORE = 'mtaudit.dismissals.v1';
  var memory = {}; // when localStorage is unavailable

  function load() {
    try {
      var raw = window.localStorage.getItem(STORE);
      return raw ? JSON.parse(raw) || {} : {};
    } catch (e) { return memory; }
  }
  function save(all) {
    memory = all;
    try { window.localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* kept in memory */ }
  }
  function keyOf(li) {
    return {
      article: li.dataset.kArticle, rule: li.dataset.kRule,
      quote: li.dataset.kQuote, occurrence: parseInt(li.dataset.kOcc, 10) || 1
    };
  }
  function id(k) { return JSON.stringify([k.article, k.rule, k.quote, k.occurrence]); }
  function labels() {
    var sec = document.querySelector('section.article[data-l-dismiss]');
    return sec ? sec.dataset : {};
  }
  function each(list, f) { Array.prototype.forEach.call(list, f); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function fileJSON(all) {
    var entries = Object.keys(all).sort().map(function (k) { return all[k]; });
    return JSON.stringify({ version: 1, kind: 'suppressions', entries: entries }, null, 2) + '\n';
  }

  function mark(li, entry) {
    var sec = li.closest('section.article');
    var l = sec ? sec.dataset : labels();
    li.classList.add('dismissed');
    var form = li.querySelector('form.dismiss-form');
    if (form) { form.remove(); }
    if (!li.querySelector('.dismissed-note')) {
      var note = el('p', 'dismissed-note', (l.lDismissed || 'Dismissed: {reason}').replace('{reason}', entry.reason));
      var undo = el('button', 'undo', l.lUndo || 'Undo');
      undo.type = 'button';
      note.appendChild(document.createTextNode(' '));
      note.appendChild(undo);
      li.appendChild(note);
    }
    if (sec) { each(sec.querySelectorAll('.text .hl[data-f="' + li.dataset.f + '"]'), function (s) { s.classList.add('dismissed'); }); }
  }
  function unmark(li) {
    li.classList.remove('dismissed');
    var note = li.querySelector('.dismissed-note');
    if (note) { note.remove(); }
    var sec = li.closest('section.article');
    if (sec) { each(sec.querySelectorAll('.text .hl[data-f="' + li.dataset.f + '"]'), function (s) { s.classList.remove('dismissed'); }); }
  }

  // panel shows the dismissals and the suppressions file to download.
  function panel() {
    var all = load();
    var n = Object.keys(all).length;
    var p = document.getElementById('dismissals');
    if (!n) { if (p) { p.hidden = true; } return; }
    var l = labels();
    if (!p) {
      p = el('section', 'dismissals');
      p.id = 'dismissals';
      var h = el('h2', '', '');
      var hint = el('p', 'hint', l.lHint || '');
      var btn = el('button', 'download', l.lDownload || 'Download suppressions');
      btn.type = 'button';
      btn.id = 'download-suppressions';
      var ta = el('textarea', '');
      ta.id = 'suppressions-json';
      ta.readOnly = true;
      ta.rows = 6;
      ta.spellcheck = false;
      p.appendChild(h); p.appendChild(hint); p.appendChild(btn); p.appendChild(ta);
      document.body.appendChild(p);
    }
    p.hidden = false;
    p.querySelector('h2').textContent = (l.lTitle || 'Dismissed findings') + ' (' + n + ')';
    p.querySelector('textarea').value = fileJSON(all);
  }

  function download() {
    var data = fileJSON(load());
    var a = el('a');
    a.download = 'mtaudit-suppressions.json';
    try {
      a.href = URL.createObjectURL(new Blob([data], { type: 'application/json' }));
    } catch (e) {
      a.href = 'data:application/json;charset=utf-8,' + encodeURIComponent(data);
    }
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // send tells the serve page's server; other pages keep dismissals local.
  function send(method, entry, li) {
    if (!document.body.classList.contains('serve') || !window.fetch) { return; }
    var headers = { 'Content-Type': 'application/json' };
    var token = document.getElementById('token');
    if (token && token.value) { headers.Authorization = 'Bearer ' + token.value; }
    fetch('v1/suppressions', { method: method, headers: headers, body: JSON.stringify(entry), credentials: 'same-origin' })
      .then(function (r) {
        if (r.ok && method === 'POST' && li) {
          var note = li.querySelector('.dismissed-note');
          var l = labels();
          if (note && l.lSaved) { note.title = l.lSaved; note.classList.add('saved'); }
        }
      }, function () { /* the dismissal stays in the page */ });
  }

  function openForm(li) {
    if (li.classList.contains('dismissed')) { return; }
    var form = li.querySelector('form.dismiss-form');
    if (!form) {
      var l = li.closest('section.article').dataset;
      form = el('form', 'dismiss-form');
      var input = el('input', 'dismiss-reason');
      input.type = 'text';
      input.required = true;
      input.placeholder = l.lPrompt || '';
      input.setAttribute('aria-label', l.lPrompt || 'reason');
      var ok = el('button', 'dismiss-ok', l.lDismiss || 'Dismiss');
      ok.type = 'submit';
      form.appendChild(input); form.appendChild(ok);
      li.appendChild(form);
    }
    form.querySelector('input').focus();
  }

  function dismiss(li, reason) {
    var entry = keyOf(li);
    entry.reason = reason;
    entry.at = new Date().toISOString();
    var all = load();
    all[id(entry)] = entry;
    save(all);
    mark(li, entry);
    panel();
    send('POST', entry, li);
  }

  function undo(li) {
    var k = keyOf(li);
    var all = load();
    delete all[id(k)];
    save(all);
    unmark(li);
    panel();
    send('DELETE', k, null);
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    if (t.closest('#download-suppressions')) { download(); return; }
    var li = t.closest('li.fi');
    if (!li) { return; }
    if (t.closest('button.dismiss')) { openForm(li); return; }
    if (t.closest('button.undo')) { undo(li); }
  });

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!(form instanceof Element) || !form.matches('form.dismiss-form')) { return; }
    ev.preventDefault();
    var input = form.querySelector('input');
    var reason = input.value.trim();
    if (!reason) { input.focus(); return; }
    dismiss(form.closest('li.fi'), reason);
  });

  // restore marks what this browser dismissed before, in every article
  // on the page, also those the serve page adds later.
  function restore() {
    var all = load();
    each(document.querySelectorAll('li.fi[data-k-rule]'), function (li) {
      var e = all[id(keyOf(li))];
      if (e && !li.classList.contains('dismissed')) { mark(li, e); }
    });
    panel();
  }
  restore();
  if (window.MutationObserver) {
    // Only new findings matter: the marks and the panel change the DOM
    // too, and must not wake the observer again.
    new MutationObserver(function (muts) {
      for (var i = 0; i < muts.length; i++) {
        for (var j = 0; j < muts[i].addedNodes.length; j++) {
          var n = muts[i].addedNodes[j];
          if (n instanceof Element && (n.matches('li.fi') || n.querySelector('li.fi'))) { restore(); return; }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }
})();
