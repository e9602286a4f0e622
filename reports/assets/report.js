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
    if (t.closest('a, input, label, .detail')) { return; }
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
