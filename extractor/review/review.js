/* jixiao review page. Plain JavaScript, no dependencies.
 * All report text is put into the page with textContent / createTextNode only. */
(function () {
  'use strict';

  var d = document;

  function $(id) { return d.getElementById(id); }

  function el(tag, cls, text) {
    var n = d.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function svg(tag, attrs, text) {
    var n = d.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function readJSON(id) {
    var n = $(id);
    return n ? JSON.parse(n.textContent) : null;
  }

  var data = readJSON('overview-data') || { rows: [], errors: [], rules: {} };
  var rows = data.rows;
  var payloads = {};

  function report(i) {
    if (!(i in payloads)) payloads[i] = readJSON('report-' + i);
    return payloads[i];
  }

  function fmt(n) {
    if (n === null || n === undefined) return '';
    return String(Math.round(n * 100) / 100);
  }

  // ------------------------------------------------------------------ overview

  var COLUMNS = [
    { key: 'file', label: '文件 File' },
    { key: 'unit', label: '单位 Unit', cls: 'unit' },
    { key: 'year', label: '年度 Year' },
    { key: 'kind', label: '类型 Kind' },
    { key: 'rate', label: '执行率 Rate %', num: true },
    { key: 'score', label: '总分 Score', num: true },
    { key: 'grade', label: '等级 Grade' },
    { key: 'errors', label: '错误 Errors', num: true },
    { key: 'warnings', label: '警告 Warnings', num: true },
    { key: 'complete', label: '完整度 Complete', num: true }
  ];
  var sortKey = null;
  var sortDir = 1;

  function sortValue(r, key) {
    if (key === 'complete') return r.required ? r.found / r.required : null;
    if (key === 'unit') return r.unit || r.project;
    return r[key];
  }

  function compare(a, b) {
    var x = sortValue(a, sortKey), y = sortValue(b, sortKey);
    var xe = x === null || x === undefined || x === '', ye = y === null || y === undefined || y === '';
    if (xe || ye) return xe === ye ? a.i - b.i : (xe ? 1 : -1);  // empty cells last
    var c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y), 'zh');
    return c === 0 ? a.i - b.i : c * sortDir;
  }

  function option(select, value, label) {
    var o = el('option', null, label);
    o.value = value;
    select.appendChild(o);
  }

  function buildOverview() {
    $('page-title').textContent = data.title || 'jixiao review';
    $('page-sub').textContent = rows.length + ' reports 份报告' +
      (data.errors.length ? ' · ' + data.errors.length + ' files failed 个文件失败' : '');
    var head = $('reports-head');
    COLUMNS.forEach(function (c) {
      var th = el('th', null, c.label);
      th.dataset.key = c.key;
      th.addEventListener('click', function () {
        if (sortKey === c.key) sortDir = -sortDir; else { sortKey = c.key; sortDir = 1; }
        Array.prototype.forEach.call(head.children, function (h) { h.classList.remove('asc', 'desc'); });
        th.classList.add(sortDir === 1 ? 'asc' : 'desc');
        renderRows();
      });
      head.appendChild(th);
    });

    var kinds = {}, rules = {};
    rows.forEach(function (r) {
      kinds[r.kind] = (kinds[r.kind] || 0) + 1;
      r.rules.forEach(function (k) { rules[k] = (rules[k] || 0) + 1; });
    });
    var kindSel = $('filter-kind'), ruleSel = $('filter-rule');
    option(kindSel, '', '全部 all');
    Object.keys(kinds).sort().forEach(function (k) { option(kindSel, k, k + ' (' + kinds[k] + ')'); });
    option(ruleSel, '', '全部 all');
    Object.keys(rules).sort().forEach(function (k) { option(ruleSel, k, k + ' (' + rules[k] + ')'); });
    [kindSel, ruleSel, $('filter-errors')].forEach(function (n) { n.addEventListener('change', renderRows); });
    var timer = null;
    $('search').addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(renderRows, 120);
    });
    $('reports-body').addEventListener('click', function (ev) {
      var tr = ev.target.closest('tr');
      if (tr && !ev.target.closest('a')) location.hash = '#report/' + tr.dataset.i;
    });

    buildCharts();
    buildFailed();
    renderRows();
  }

  function matches(r, q, kind, rule, errs) {
    if (kind && r.kind !== kind) return false;
    if (rule && r.rules.indexOf(rule) < 0) return false;
    if (errs && !r.errors) return false;
    if (q) {
      var hay = [r.path, r.unit, r.project, r.year, r.kind, r.grade, r.rules.join(' ')].join(' ').toLowerCase();
      if (hay.indexOf(q) < 0) return false;
    }
    return true;
  }

  function countCell(n, cls) {
    return el('td', 'num ' + (n ? cls : 'zero'), n);
  }

  function renderRows() {
    var q = $('search').value.trim().toLowerCase();
    var kind = $('filter-kind').value, rule = $('filter-rule').value, errs = $('filter-errors').checked;
    var shown = rows.filter(function (r) { return matches(r, q, kind, rule, errs); });
    if (sortKey) shown.sort(compare);
    var body = $('reports-body');
    var frag = d.createDocumentFragment();
    shown.forEach(function (r) {
      var tr = el('tr');
      tr.dataset.i = r.i;
      var file = el('td', 'file');
      var a = el('a', null, r.file);
      a.href = '#report/' + r.i;
      a.title = r.path;
      file.appendChild(a);
      tr.appendChild(file);
      var unit = el('td', 'unit', r.unit || '');
      if (r.project) unit.appendChild(el('div', 'project', r.project));
      tr.appendChild(unit);
      tr.appendChild(el('td', null, r.year));
      tr.appendChild(el('td', null, r.kind));
      tr.appendChild(el('td', 'num', fmt(r.rate)));
      tr.appendChild(el('td', 'num', fmt(r.score)));
      tr.appendChild(el('td', null, r.grade));
      tr.appendChild(countCell(r.errors, 'n-err'));
      tr.appendChild(countCell(r.warnings, 'n-warn'));
      var comp = el('td', 'num', r.required ? r.found + '/' + r.required : '');
      if (r.required) {
        var bar = el('span', 'bar-cell'), fill = el('span');
        fill.style.width = Math.round(100 * r.found / r.required) + '%';
        bar.appendChild(fill);
        comp.appendChild(bar);
      }
      tr.appendChild(comp);
      frag.appendChild(tr);
    });
    body.textContent = '';
    body.appendChild(frag);
    $('count').textContent = shown.length + ' / ' + rows.length + ' reports';
  }

  function histogram(title, values, bins) {
    var box = el('div', 'chart');
    box.appendChild(el('h3', null, title));
    var counts = bins.map(function () { return 0; }), none = 0;
    values.forEach(function (v) {
      if (v === null || v === undefined) { none++; return; }
      for (var b = 0; b < bins.length; b++) if (bins[b].test(v)) { counts[b]++; break; }
    });
    var max = Math.max.apply(null, counts.concat([1]));
    var bw = 40, h = 90, top = 14, w = bins.length * bw;
    var s = svg('svg', { width: w, height: h + top + 18, viewBox: '0 0 ' + w + ' ' + (h + top + 18), role: 'img' });
    bins.forEach(function (bin, b) {
      var bh = Math.round(h * counts[b] / max), x = b * bw;
      var g = svg('g');
      g.appendChild(svg('title', {}, bin.label + ': ' + counts[b]));
      g.appendChild(svg('rect', { 'class': 'bar', x: x + 4, y: top + h - bh, width: bw - 8, height: bh }));
      if (counts[b]) g.appendChild(svg('text', { x: x + bw / 2, y: top + h - bh - 3, 'text-anchor': 'middle' }, counts[b]));
      g.appendChild(svg('text', { x: x + bw / 2, y: top + h + 12, 'text-anchor': 'middle' }, bin.label));
      s.appendChild(g);
    });
    box.appendChild(s);
    if (none) box.appendChild(el('div', 'none', none + ' without a value 无数值'));
    return box;
  }

  function range(lo, hi) {
    return { label: lo + '–' + hi, test: function (v) { return v >= lo && v < hi; } };
  }

  function buildCharts() {
    var charts = $('charts');
    charts.appendChild(histogram('预算执行率 Execution rate (%)', rows.map(function (r) { return r.rate; }), [
      { label: '<60', test: function (v) { return v < 60; } },
      range(60, 80), range(80, 90), range(90, 95), range(95, 100),
      { label: '100', test: function (v) { return v === 100; } },
      { label: '>100', test: function (v) { return v > 100; } }
    ]));
    charts.appendChild(histogram('自评总分 Total score', rows.map(function (r) { return r.score; }), [
      { label: '<60', test: function (v) { return v < 60; } },
      range(60, 70), range(70, 80), range(80, 90),
      { label: '90–100', test: function (v) { return v >= 90; } }
    ]));

    var perRule = {};
    rows.forEach(function (r) { r.rules.forEach(function (k) { perRule[k] = (perRule[k] || 0) + 1; }); });
    var box = el('div', 'chart');
    box.appendChild(el('h3', null, '规则 Reports with a finding, per rule'));
    var names = Object.keys(perRule).sort(function (a, b) { return perRule[b] - perRule[a] || (a < b ? -1 : 1); });
    if (!names.length) box.appendChild(el('div', 'none', 'no findings 无问题'));
    else {
      var max = Math.max.apply(null, names.map(function (k) { return perRule[k]; }));
      var lw = 190, bw = 150, rh = 16, s = svg('svg', { width: lw + bw + 40, height: names.length * rh + 4, role: 'img' });
      names.forEach(function (k, n) {
        var g = svg('g', { 'class': 'rule' }), y = n * rh + 2, w = Math.max(2, Math.round(bw * perRule[k] / max));
        var info = data.rules && data.rules[k];
        g.appendChild(svg('title', {}, k + ': ' + perRule[k] + (info ? '\n' + info.zh + '\n' + info.en : '')));
        g.appendChild(svg('text', { x: lw - 6, y: y + 11, 'text-anchor': 'end' }, k));
        g.appendChild(svg('rect', { 'class': 'bar', x: lw, y: y + 2, width: w, height: rh - 5 }));
        g.appendChild(svg('text', { x: lw + w + 4, y: y + 11 }, perRule[k]));
        g.addEventListener('click', function () {
          $('filter-rule').value = k;
          renderRows();
        });
        s.appendChild(g);
      });
      box.appendChild(s);
    }
    charts.appendChild(box);
  }

  function buildFailed() {
    if (!data.errors.length) return;
    var box = $('failed');
    box.appendChild(el('h2', null, '未能处理的文件 Files that failed (' + data.errors.length + ')'));
    var t = el('table', 'grid'), tr = el('tr');
    ['file', 'stage', 'kind', 'message'].forEach(function (k) { tr.appendChild(el('th', null, k)); });
    t.appendChild(tr);
    data.errors.forEach(function (e) {
      var row = el('tr');
      ['file', 'stage', 'kind', 'message'].forEach(function (k) { row.appendChild(el('td', null, e[k] || '')); });
      t.appendChild(row);
    });
    box.appendChild(t);
  }

  // ------------------------------------------------------------------ report view

  var markEls = {};  // mark index -> the <mark> elements showing it (a span cut by a page break has several)

  // Nest the marks of one page: sorted by start, longest first; a mark that crosses
  // the end of the one it starts in is cut there.
  function tree(ps, pe, marks) {
    var root = { s: ps, e: pe, kids: [] }, stack = [root];
    marks.forEach(function (m) {
      var s = Math.max(m.s, ps), e = Math.min(m.e, pe);
      if (e <= s) return;
      while (stack.length > 1 && stack[stack.length - 1].e <= s) stack.pop();
      var top = stack[stack.length - 1];
      e = Math.min(e, top.e);
      if (e <= s) return;
      var node = { s: s, e: e, m: m, kids: [] };
      top.kids.push(node);
      stack.push(node);
    });
    return root;
  }

  function renderNode(parent, node, text) {
    var cur = node.s;
    node.kids.forEach(function (k) {
      if (k.s > cur) parent.appendChild(d.createTextNode(text.slice(cur, k.s)));
      var m = k.m, mk = el('mark', 'hl' + (m.value ? '' : ' factonly'));
      mk.dataset.m = m.idx;
      mk.dataset.start = m.s;
      mk.dataset.end = m.e;
      mk.dataset.keys = m.keys.join('\n');
      if (!markEls[m.idx]) { markEls[m.idx] = []; mk.id = 'm' + m.idx; }
      markEls[m.idx].push(mk);
      renderNode(mk, k, text);
      parent.appendChild(mk);
      cur = k.e;
    });
    if (node.e > cur) parent.appendChild(d.createTextNode(text.slice(cur, node.e)));
  }

  function renderText(box, r, marks) {
    var text = r.text, starts = r.page_starts && r.page_starts.length ? r.page_starts : [0];
    var paged = starts.length > 1 || r.format === 'pdf';
    for (var p = 0; p < starts.length; p++) {
      var ps = starts[p], pe = p + 1 < starts.length ? starts[p + 1] : text.length;
      var page = el('div', 'page');
      page.id = 'page-' + (p + 1);
      if (paged) page.appendChild(el('h3', null, '第 ' + (p + 1) + ' 页 · page ' + (p + 1) + ' / ' + starts.length));
      var pre = el('pre');
      var mine = marks.filter(function (m) { return m.e > ps && m.s < pe; });
      renderNode(pre, tree(ps, pe, mine), text);
      page.appendChild(pre);
      box.appendChild(page);
    }
  }

  function keep(m, node) {
    if (!markEls[m.idx]) { markEls[m.idx] = []; if (!node.id) node.id = 'm' + m.idx; }
    markEls[m.idx].push(node);
    node.dataset.m = m.idx;
    node.dataset.keys = m.keys.join('\n');
  }

  function pct(x, whole) { return (100 * x / whole).toFixed(3) + '%'; }

  // The original pages: each page's image (loaded when scrolled near), the box of every value
  // read on it drawn over it, placed in percent of the page so any zoom keeps them in place.
  function renderPages(box, r, marks) {
    r.pages.forEach(function (p) {
      var page = el('div', 'page');
      page.id = 'page-' + p.page;
      page.appendChild(el('h3', null, '第 ' + p.page + ' 页 · page ' + p.page + ' / ' + r.pages.length));
      var sheet = el('div', 'pageimg');
      sheet.style.aspectRatio = p.width + ' / ' + p.height;  // its place is kept before the image loads
      var img = el('img');
      img.loading = 'lazy';
      img.alt = '第 ' + p.page + ' 页';
      img.src = p.src;
      sheet.appendChild(img);
      marks.forEach(function (m) {
        if (!m.box || m.box[0] !== p.page) return;
        var b = el('mark', 'hl box' + (m.value ? '' : ' factonly'));
        b.style.left = pct(m.box[1], p.width);
        b.style.top = pct(m.box[2], p.height);
        b.style.width = pct(m.box[3] - m.box[1], p.width);
        b.style.height = pct(m.box[4] - m.box[2], p.height);
        keep(m, b);
        sheet.appendChild(b);
      });
      page.appendChild(sheet);
      box.appendChild(page);
    });
  }

  // A workbook's sheets as grids: merged cells as rowspan/colspan, each cell a value was read
  // from highlighted and labelled with its address (自评表!D9).
  function renderGrids(box, r, marks) {
    var byCell = {};
    marks.forEach(function (m) { if (m.cell) (byCell[m.cell] = byCell[m.cell] || []).push(m); });
    r.grids.forEach(function (g, n) {
      var page = el('div', 'page');
      page.id = 'grid-' + (n + 1);
      page.appendChild(el('h3', null, '工作表 Sheet ' + (g.sheet || n + 1) + ' · ' + g.rows + ' × ' + g.cols));
      var t = el('table', 'sheet'), rowsEl = [];
      for (var i = 0; i < g.rows; i++) { rowsEl.push(el('tr')); t.appendChild(rowsEl[i]); }
      g.cells.forEach(function (c) {
        var td = el('td', null, c[4]);
        if (c[2] > 1) td.rowSpan = c[2];
        if (c[3] > 1) td.colSpan = c[3];
        if (c[5]) td.title = c[5];
        td.dataset.cell = c[5];
        var mine = byCell[c[5]] || marks.filter(function (m) { return !m.cell && c[6] >= 0 && m.s >= c[6] && m.e <= c[7]; });
        if (mine.length) {
          td.className = 'hl' + (mine.some(function (m) { return m.value; }) ? '' : ' factonly');
          td.appendChild(el('span', 'addr', c[5]));
          mine.forEach(function (m) { keep(m, td); });
          td.dataset.keys = [].concat.apply([], mine.map(function (m) { return m.keys; })).join('\n');
        }
        if (rowsEl[c[0]]) rowsEl[c[0]].appendChild(td);
      });
      page.appendChild(t);
      box.appendChild(page);
    });
  }

  var VIEWS = { pages: ['原页 Pages', renderPages], grid: ['表格 Sheet', renderGrids], text: ['文本 Text', renderText] };
  var view = null;  // the source view chosen for this report

  function renderSource(box, r) {
    markEls = {};
    box.textContent = '';
    if (r.text_missing || !r.text) {
      box.appendChild(el('div', 'missing-text', '原文不可用 The source text is not available.'));
      return;
    }
    var views = [];
    if (r.pages && r.pages.length) views.push('pages');
    if (r.grids && r.grids.length) views.push('grid');
    views.push('text');
    if (views.indexOf(view) < 0) view = views[0];
    if (views.length > 1) {
      var bar = el('div', 'views');
      views.forEach(function (v) {
        var b = el('button', v === view ? 'on' : null, VIEWS[v][0]);
        b.type = 'button';
        b.dataset.view = v;
        b.addEventListener('click', function () { view = v; renderSource(box, r); });
        bar.appendChild(b);
      });
      box.appendChild(bar);
    }
    var marks = r.marks.map(function (m, idx) {
      return { s: m.s, e: m.e, keys: m.keys, value: m.value, idx: idx, box: m.box, cell: m.cell };
    }).sort(function (a, b) { return a.s - b.s || b.e - a.e; });
    VIEWS[view][1](box, r, marks);
  }

  function clearActive() {
    Array.prototype.forEach.call(d.querySelectorAll('.active, .selected'), function (n) {
      n.classList.remove('active', 'selected', 'flash');
    });
  }

  function emphasise(idxs) {
    var first = null;
    idxs.forEach(function (i) {
      (markEls[i] || []).forEach(function (mk) {
        mk.classList.add('active');
        mk.classList.remove('flash');
        void mk.offsetWidth;  // restart the animation
        mk.classList.add('flash');
        if (!first) first = mk;
      });
    });
    if (first) first.scrollIntoView({ block: 'center' });
    return first;
  }

  function goTo(i) {
    clearActive();
    emphasise([i]);
  }

  function selectFinding(li, f) {
    clearActive();
    li.classList.add('selected');
    emphasise(f.facts.filter(function (x) { return x.m !== null; }).map(function (x) { return x.m; }));
  }

  function where(x) {
    if (x.cell) return x.cell;  // a spreadsheet cell: 自评表!D9
    if (!x.line) return '';
    return (x.page && x.page > 1 ? 'p.' + x.page + ' ' : '') + 'line ' + x.line;
  }

  function renderFindings(side, r) {
    side.appendChild(el('h3', null, '问题 Findings (' + r.findings.length + ')'));
    if (!r.findings.length) {
      side.appendChild(el('p', 'empty', '没有发现问题 No findings.'));
      return;
    }
    var ul = el('ul', 'findings');
    r.findings.forEach(function (f, n) {
      var li = el('li', 'finding ' + f.severity);
      li.dataset.n = n;
      li.dataset.rule = f.rule;
      var top = el('div');
      top.appendChild(el('span', 'sev', f.severity));
      top.appendChild(el('span', 'rule', f.rule));
      li.appendChild(top);
      li.appendChild(el('div', 'msg', f.zh));
      if (f.en) li.appendChild(el('div', 'msg en', f.en));
      if (f.computed || f.reported) {
        var mark = f.ok === true ? ' ✓' : (f.ok === false ? ' ✗' : '');
        var calc = 'computed ' + (f.computed || '?') + (f.ok === false ? ' ≠ ' : ' vs ') +
          'stated ' + (f.reported || '?') + mark;
        var calcEl = el('div', 'calc' + (f.ok === true ? ' ok' : (f.ok === false ? ' bad' : '')), calc);
        calcEl.title = f.intervals;
        li.appendChild(calcEl);
      }
      if (f.facts.length) {
        var facts = el('ul', 'facts');
        f.facts.forEach(function (x) {
          var item = el('li');
          var label = x.key + ' = ' + (x.text || x.value);
          if (x.m !== null) {
            var a = el('a', null, label);
            a.href = '#';
            a.addEventListener('click', function (ev) {
              ev.preventDefault();
              ev.stopPropagation();
              clearActive();
              li.classList.add('selected');
              emphasise([x.m]);
            });
            item.appendChild(a);
          } else item.appendChild(d.createTextNode(label));
          if (x.interval) item.title = x.value + ' ' + x.interval;
          var w = where(x);
          if (w) item.appendChild(d.createTextNode(' (' + w + ')'));
          facts.appendChild(item);
        });
        li.appendChild(facts);
      }
      li.addEventListener('click', function () { selectFinding(li, f); });
      ul.appendChild(li);
    });
    side.appendChild(ul);
  }

  var IND_COLS = [
    ['n', '#'], ['level1', '一级'], ['level2', '二级'], ['name', '指标 Indicator'], ['target', '目标 Target'],
    ['midyear', '年中'], ['actual', '实际 Actual'], ['completion_rate', '完成率'], ['weight', '权重'],
    ['score', '得分'], ['met', '达成']
  ];

  function goCell(td, m) {
    if (m === null || m === undefined) return;
    td.classList.add('go');
    td.addEventListener('click', function () { goTo(m); });
  }

  function renderIndicators(side, r) {
    side.appendChild(el('h3', null, '绩效指标 Indicators (' + r.indicators.length + ')'));
    if (!r.indicators.length) {
      side.appendChild(el('p', 'empty', '未提取到指标 No indicators extracted.'));
      return;
    }
    var t = el('table', 'grid indicators'), tr = el('tr');
    IND_COLS.forEach(function (c) { tr.appendChild(el('th', null, c[1])); });
    t.appendChild(tr);
    r.indicators.forEach(function (row) {
      var line = el('tr');
      IND_COLS.forEach(function (c) {
        if (c[0] === 'n') { line.appendChild(el('td', null, row.n)); return; }
        var cell = row[c[0]] || ['', null];
        var td = el('td', null, cell[0]);
        goCell(td, cell[1]);
        line.appendChild(td);
      });
      t.appendChild(line);
    });
    side.appendChild(t);
  }

  function renderValues(side, r) {
    side.appendChild(el('h3', null, '提取的数值 Extracted values (' + r.values.length + ')'));
    if (r.missing.length) {
      var p = el('p', 'empty', '缺少 Missing required: ' + r.missing.join(', '));
      side.appendChild(p);
    }
    var t = el('table', 'grid values'), tr = el('tr');
    ['key', 'value', 'where'].forEach(function (k) { tr.appendChild(el('th', null, k)); });
    t.appendChild(tr);
    r.values.forEach(function (v) {
      var line = el('tr');
      line.appendChild(el('td', 'key', v.key));
      var td = el('td', null, v.value);
      if (v.raw && v.raw !== v.value) td.appendChild(el('span', 'raw', v.raw));
      goCell(td, v.m);
      line.appendChild(td);
      line.appendChild(el('td', null, where(v)));
      t.appendChild(line);
    });
    side.appendChild(t);
    if (r.notes.length) {
      side.appendChild(el('h3', null, '备注 Notes'));
      var ul = el('ul', 'plain');
      r.notes.forEach(function (n) { ul.appendChild(el('li', null, n)); });
      side.appendChild(ul);
    }
  }

  function plural(n, word) {
    return n + ' ' + word + (n === 1 ? '' : 's');
  }

  function showReport(i) {
    var r = report(i), box = $('report'), row = rows[i];
    if (!r || !row) { location.hash = ''; return; }
    view = null;
    box.textContent = '';
    var head = el('div', 'head');
    if (!data.single) {
      var back = el('a', null, '← 全部报告 all reports');
      back.href = '#';
      head.appendChild(back);
    }
    head.appendChild(el('h2', null, row.unit || row.project || r.file));
    head.appendChild(el('span', 'chip', r.file));
    if (row.project && row.unit) head.appendChild(el('span', 'chip', row.project));
    [row.year, row.kind, row.grade && '等级 ' + row.grade].forEach(function (x) { if (x) head.appendChild(el('span', 'chip', x)); });
    if (row.rate !== null) head.appendChild(el('span', 'chip', '执行率 ' + fmt(row.rate) + '%'));
    if (row.score !== null) head.appendChild(el('span', 'chip', '总分 ' + fmt(row.score)));
    head.appendChild(el('span', 'chip' + (row.errors ? ' error' : ''), plural(row.errors, 'error')));
    head.appendChild(el('span', 'chip' + (row.warnings ? ' warning' : ''), plural(row.warnings, 'warning')));
    if (row.required) head.appendChild(el('span', 'chip', '完整度 ' + row.found + '/' + row.required));
    box.appendChild(head);
    var layout = el('div', 'layout'), source = el('div', 'source'), side = el('div', 'side');
    renderSource(source, r);
    renderFindings(side, r);
    renderIndicators(side, r);
    renderValues(side, r);
    layout.appendChild(source);
    layout.appendChild(side);
    box.appendChild(layout);
    $('page-title').textContent = (data.single ? '' : data.title + ' · ') + r.file;
    $('page-sub').textContent = r.sha256 ? 'sha256 ' + r.sha256.slice(0, 12) + '…' : '';
    $('overview').hidden = true;
    box.hidden = false;
    window.scrollTo(0, 0);
  }

  function showOverview() {
    $('report').hidden = true;
    $('report').textContent = '';
    markEls = {};
    $('overview').hidden = false;
    $('page-title').textContent = data.title || 'jixiao review';
    $('page-sub').textContent = rows.length + ' reports 份报告' +
      (data.errors.length ? ' · ' + data.errors.length + ' files failed 个文件失败' : '');
  }

  function route() {
    var m = /^#report\/(\d+)$/.exec(location.hash);
    if (data.single) showReport(0);
    else if (m) showReport(Number(m[1]));
    else showOverview();
  }

  // Hover label: the flat keys of the innermost highlighted value under the pointer.
  var tip = $('tip');
  d.addEventListener('mouseover', function (ev) {
    var mk = ev.target.closest && ev.target.closest('.hl');
    if (!mk) { tip.hidden = true; return; }
    tip.textContent = mk.dataset.keys;
    tip.hidden = false;
  });
  d.addEventListener('mousemove', function (ev) {
    if (tip.hidden) return;
    var x = Math.min(ev.clientX + 12, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(4, x) + 'px';
    tip.style.top = (ev.clientY + 16) + 'px';
  });

  if (!data.single) buildOverview();
  window.addEventListener('hashchange', route);
  route();
  window.jixiaoReview = { ready: true };
})();
