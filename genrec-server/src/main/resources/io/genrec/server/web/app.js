// The GenRec web page: one module, no build step. Every number shown comes from the JSON API of the same server.
const K = 10;
const main = document.getElementById('main');
const statusBar = document.getElementById('status');
let pageTimer = null; // a page's refresh loop, stopped when the page changes
let caps = {};

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, options) {
  let r;
  try {
    r = await fetch(path, options);
  } catch (e) {
    showStatus('The server is not answering. Is "genrec serve" still running?', true);
    throw new ApiError(0, 'the server is not answering');
  }
  const body = await r.json().catch(() => null);
  if (!r.ok) throw new ApiError(r.status, body && body.error ? body.error.message : 'HTTP ' + r.status);
  return body;
}

function post(path, body) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

function showStatus(text, error) {
  statusBar.textContent = text || '';
  statusBar.className = error ? 'error' : '';
}

/** Readiness in the banner: models still fitting, load failures, server down. */
async function checkReady() {
  try {
    const r = await fetch('/ready');
    const body = await r.json().catch(() => null);
    if (r.ok) {
      const d = body.detail || '';
      showStatus(d.includes('still fitting') ? 'Some models are still training: ' + d : '');
    } else {
      showStatus('Models are still training: ' + (body && body.error ? body.error.message : 'not ready') + '. Lists appear once they are ready.');
    }
    return r.ok;
  } catch (e) {
    showStatus('The server is not answering. Is "genrec serve" still running?', true);
    return false;
  }
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

function notice(text, kind, id) {
  return el('div', { class: 'notice' + (kind ? ' ' + kind : ''), id, role: kind === 'error' ? 'alert' : null }, text);
}

function fmt(x, digits = 3) {
  return typeof x === 'number' && isFinite(x) ? x.toFixed(digits) : '–';
}

function itemLink(id, title) {
  return el('a', { href: '#/item/' + encodeURIComponent(id), class: 'title' }, title || id);
}

function categoryBadges(cats) {
  return (cats || []).slice(0, 3).map(c => el('span', { class: 'badge' }, c));
}

/** Navigates to {@code hash}, re-rendering when it is already the current one (no hashchange then). */
function go(hash) {
  if (location.hash === hash) render(); else location.hash = hash;
}

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [pathPart, query] = hash.split('?');
  const parts = pathPart.split('/').map(decodeURIComponent);
  return { page: parts[0] || 'explore', arg: parts.slice(1).join('/'), params: new URLSearchParams(query || '') };
}

async function render() {
  if (pageTimer) { clearInterval(pageTimer); pageTimer = null; }
  const r = route();
  const nav = r.page === 'item' ? 'search' : r.page;
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.page === nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  main.replaceChildren();
  const pages = { explore, search, item, models, experiments };
  const page = pages[r.page];
  if (!page) { main.append(notice('No such page: ' + r.page, 'error')); return; }
  document.title = 'GenRec · ' + r.page;
  try {
    await page(r);
  } catch (e) {
    main.append(notice(e.message, 'error', 'page-error'));
  }
}

// ---------------- Explore ----------------

const explore_ = { user: null, models: null, excludeSeen: true, category: '', dismissed: new Map(), last: new Map() };

function newVisitorId() {
  const b = new Uint8Array(4);
  crypto.getRandomValues(b);
  return 'visitor-' + Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

async function explore(r) {
  main.append(el('h2', {}, 'Explore'));
  let served;
  try {
    served = (await api('/v1/models')).models;
  } catch (e) {
    main.append(notice(e.status === 503 ? 'The models are still training; this page fills in once the first is ready.' : e.message,
      e.status === 503 ? 'warn' : 'error', 'explore-empty'));
    if (e.status === 503) pageTimer = setInterval(async () => { if (await checkReady()) render(); }, 2000);
    return;
  }
  const names = served.map(m => m.name);
  if (!explore_.models || explore_.models.some(m => !names.includes(m)) || explore_.models.length === 0)
    explore_.models = names.slice(0, Math.min(3, names.length));
  const [users, cats] = await Promise.all([api('/v1/users?limit=50'), api('/v1/categories')]);
  const wanted = r.params.get('user');
  if (wanted) explore_.user = wanted;
  if (!explore_.user) explore_.user = users.users.length ? users.users[0].user : newVisitorId();

  const userInput = el('input', { type: 'text', id: 'user-input', list: 'user-list', value: explore_.user, 'aria-label': 'User id', autocomplete: 'off' });
  const dl = el('datalist', { id: 'user-list' }, users.users.map(u => el('option', { value: u.user }, u.interactions + ' interactions')));
  const form = el('form', { class: 'controls', id: 'user-form', onsubmit: ev => {
    ev.preventDefault();
    const u = userInput.value.trim();
    if (u) { explore_.user = u; go('#/explore?user=' + encodeURIComponent(u)); }
  } },
    el('label', {}, 'User (type an id)', userInput), dl,
    el('button', { type: 'submit', id: 'user-go', class: 'primary' }, 'Show'),
    el('button', { type: 'button', id: 'new-visitor', onclick: () => {
      explore_.user = newVisitorId();
      go('#/explore?user=' + encodeURIComponent(explore_.user));
    } }, 'A new visitor'));

  const modelBoxes = el('fieldset', { id: 'model-choice' }, el('legend', {}, 'Models side by side (2–4)'),
    served.map(m => el('label', { class: 'inline' }, el('input', { type: 'checkbox', name: 'model', value: m.name,
      checked: explore_.models.includes(m.name), onchange: ev => {
        const chosen = [...document.querySelectorAll('input[name=model]:checked')].map(x => x.value);
        if (chosen.length > 4 || chosen.length < 1) { ev.target.checked = !ev.target.checked; return; }
        explore_.models = chosen;
        refreshLists();
      } }), m.name)));
  const exclude = el('label', { class: 'inline' }, el('input', { type: 'checkbox', id: 'exclude-seen', checked: explore_.excludeSeen,
    onchange: ev => { explore_.excludeSeen = ev.target.checked; refreshLists(); } }), 'Exclude seen items');
  const category = el('select', { id: 'category', onchange: ev => { explore_.category = ev.target.value; refreshLists(); } },
    el('option', { value: '' }, 'All categories'),
    cats.categories.map(c => el('option', { value: c.category, selected: c.category === explore_.category }, c.category + ' (' + c.items + ')')));
  main.append(el('div', { class: 'card' }, form,
    el('div', { class: 'controls' }, modelBoxes, exclude, el('label', {}, 'Category', category)),
    served.length < 2 ? el('p', { class: 'muted' }, 'One model is ready: others may still be training (see the banner above), or start with e.g. --models ease,itemknn to compare side by side.') : null));
  main.append(el('section', { class: 'card', id: 'history', 'aria-label': 'History' }));
  main.append(el('div', { id: 'change-area', 'aria-live': 'polite' }));
  main.append(el('div', { class: 'columns', id: 'lists' }));
  explore_.last = new Map();
  await refreshLists();
}

async function refreshHistory() {
  const box = document.getElementById('history');
  if (!box) return;
  const h = await api('/v1/users/' + encodeURIComponent(explore_.user));
  box.replaceChildren(el('h3', {}, 'User ' + h.user + ' · ' + h.interactions + ' interactions'));
  if (h.interactions === 0) {
    box.append(el('p', { class: 'muted', id: 'history-empty' }, 'No history yet: this user gets a cold-start list (popularity). Like or watch a few items and the lists personalise at once.'));
    return;
  }
  box.append(el('p', { class: 'muted' }, 'Most recent first:'),
    el('ul', { class: 'history' }, h.recent.map(it => el('li', { 'data-item': it.item }, itemLink(it.item, it.title)))));
}

async function refreshLists(feedback) {
  const lists = document.getElementById('lists');
  if (!lists) return;
  const user = explore_.user;
  const dismissed = explore_.dismissed.get(user) || new Set();
  const q = (model) => '/v1/users/' + encodeURIComponent(user) + '/recommendations?k=' + Math.min(1000, K + dismissed.size)
    + '&model=' + encodeURIComponent(model) + '&exclude_seen=' + explore_.excludeSeen
    + (explore_.category ? '&filter=' + encodeURIComponent(explore_.category) : '');
  const historyDone = refreshHistory();
  const answers = await Promise.all(explore_.models.map(m => api(q(m)).then(a => ({ m, a }), e => ({ m, e }))));
  await historyDone;
  const columns = [];
  let added = 0;
  for (const { m, a, e } of answers) {
    const col = el('section', { class: 'card model-list', 'data-model': m, 'aria-label': 'Recommendations of ' + m });
    columns.push(col);
    if (e) {
      col.append(el('h3', {}, m), notice(e.status === 503 ? m + ' is still training.' : e.message, e.status === 503 ? 'warn' : 'error'));
      continue;
    }
    const items = a.items.filter(it => !dismissed.has(it.item)).slice(0, K);
    const before = explore_.last.get(m);
    const ids = items.map(it => it.item);
    explore_.last.set(m, ids);
    col.append(el('h3', {}, m, ' ', el('span', { class: 'badge', title: 'model that answered and its served version' }, a.model + ' ' + a.modelVersion)));
    if (a.fallback) col.append(el('p', { class: 'notice warn fallback' }, a.fallback));
    if (dismissed.size) col.append(el('p', { class: 'muted' }, dismissed.size + ' dismissed item(s) hidden on this page (the server stores the dismiss event; it is not a positive).'));
    if (items.length === 0) col.append(el('p', { class: 'muted empty' }, 'No items' + (explore_.category ? ' in ' + explore_.category : '') + '.'));
    const ol = el('ol', { class: 'items' });
    for (const it of items) {
      // "new" marks what feedback brought in, not what a filter change did
      const isNew = feedback && before && !before.includes(it.item);
      if (isNew) added++;
      ol.append(el('li', { 'data-item': it.item, class: isNew ? 'new' : null },
        el('div', {}, it.rank + '. ', itemLink(it.item, it.title), isNew ? el('span', { class: 'badge new' }, 'new') : null, ' ', categoryBadges(it.categories)),
        el('div', { class: 'muted' }, 'score ' + fmt(it.score) + (it.source ? ' (' + it.source + ')' : '')),
        el('div', { class: 'why', 'data-why': it.item }, ''),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'like', onclick: () => feedback_(it, 'like') }, 'Like'),
          el('button', { type: 'button', class: 'watched', onclick: () => feedback_(it, 'view') }, 'Watched'),
          el('button', { type: 'button', class: 'dismiss', onclick: () => feedback_(it, 'dismiss') }, 'Dismiss'))));
    }
    col.append(ol);
    explain(col, m, items);
  }
  lists.replaceChildren(...columns);
  const area = document.getElementById('change-area');
  if (feedback && area) {
    area.replaceChildren(notice(added > 0
      ? 'After your ' + feedback + ': ' + added + ' new item(s) across the lists (marked “new”).'
      : 'After your ' + feedback + ': the lists did not change.', added > 0 ? null : 'warn', 'change-notice'));
  }
}

function explain(col, model, items) {
  for (const it of items) {
    api('/v1/users/' + encodeURIComponent(explore_.user) + '/recommendations/' + encodeURIComponent(it.item) + '/explanation?model=' + encodeURIComponent(model))
      .then(x => { const w = col.querySelector('[data-why="' + CSS.escape(it.item) + '"]'); if (w) w.textContent = x.text; },
        e => { const w = col.querySelector('[data-why="' + CSS.escape(it.item) + '"]'); if (w) w.textContent = 'no explanation: ' + e.message; });
  }
}

async function feedback_(it, type) {
  const user = explore_.user;
  try {
    await post('/v1/events', { user, item: it.item, type });
  } catch (e) {
    document.getElementById('change-area')?.replaceChildren(notice('Could not record the event: ' + e.message, 'error'));
    return;
  }
  if (type === 'dismiss') {
    if (!explore_.dismissed.has(user)) explore_.dismissed.set(user, new Set());
    explore_.dismissed.get(user).add(it.item);
  }
  const label = { like: 'like', view: '“watched”', dismiss: 'dismiss' }[type];
  await refreshLists(label + ' of “' + (it.title || it.item) + '”');
}

// ---------------- Search and item ----------------

async function search(r) {
  main.append(el('h2', {}, 'Search the catalogue'));
  const q = r.params.get('q') || '';
  const input = el('input', { type: 'search', id: 'search-input', value: q, 'aria-label': 'Search text', placeholder: 'e.g. a funny space adventure' });
  main.append(el('form', { class: 'controls', id: 'search-form', role: 'search', onsubmit: ev => {
    ev.preventDefault();
    if (input.value.trim()) go('#/search?q=' + encodeURIComponent(input.value.trim()));
  } }, el('label', {}, 'Describe what you want', input), el('button', { type: 'submit', class: 'primary' }, 'Search')));
  const out = el('section', { class: 'card', id: 'search-results', 'aria-live': 'polite' });
  main.append(out);
  if (!q) { out.append(el('p', { class: 'muted' }, 'Dense retrieval over titles and descriptions: type in plain words.')); input.focus(); return; }
  let a;
  try {
    a = await api('/v1/search?k=20&q=' + encodeURIComponent(q));
  } catch (e) {
    out.append(notice(e.status === 503 ? 'The search index is still being built; try again in a minute.' : e.message, e.status === 503 ? 'warn' : 'error'));
    return;
  }
  out.append(el('h3', {}, a.items.length + ' results for “' + q + '”'), el('p', { class: 'muted' }, 'encoder ' + a.modelVersion));
  if (a.items.length === 0) out.append(el('p', { class: 'muted' }, 'Nothing matched.'));
  out.append(el('ol', { class: 'items' }, a.items.map(it => el('li', { 'data-item': it.item },
    it.rank + '. ', itemLink(it.item, it.title), ' ', categoryBadges(it.categories), el('div', { class: 'muted' }, 'similarity ' + fmt(it.score))))));
}

async function item(r) {
  let it;
  try {
    it = await api('/v1/items/' + encodeURIComponent(r.arg));
  } catch (e) {
    main.append(notice(e.status === 404 ? 'Unknown item “' + r.arg + '”.' : e.message, 'error', 'item-error'));
    return;
  }
  const texts = Object.entries(it.text || {});
  main.append(el('section', { class: 'card', id: 'item-detail' }, el('h2', {}, it.title || it.id),
    el('p', {}, 'id ', el('code', {}, it.id), ' ', categoryBadges(it.categories)),
    texts.map(([k, v]) => el('p', {}, el('span', { class: 'muted' }, k + ': '), v))));
  let served = [];
  try { served = (await api('/v1/models')).models.slice(0, 4); } catch (e) { main.append(notice(e.message, 'warn')); }
  const cols = el('div', { class: 'columns', id: 'similar' });
  main.append(el('h3', {}, 'Similar items, by model'), cols);
  await Promise.all(served.map(async m => {
    const col = el('section', { class: 'card model-list', 'data-model': m.name });
    cols.append(col);
    try {
      const a = await api('/v1/items/' + encodeURIComponent(it.id) + '/similar?k=' + K + '&model=' + encodeURIComponent(m.name));
      col.append(el('h3', {}, m.name, ' ', el('span', { class: 'badge' }, a.model + ' ' + a.modelVersion)));
      if (a.fallback) col.append(el('p', { class: 'notice warn' }, a.fallback));
      col.append(el('ol', { class: 'items' }, a.items.map(x => el('li', { 'data-item': x.item }, x.rank + '. ', itemLink(x.item, x.title),
        el('div', { class: 'muted' }, 'score ' + fmt(x.score))))));
    } catch (e) {
      col.append(el('h3', {}, m.name), notice(e.message, e.status === 503 ? 'warn' : 'error'));
    }
  }));
}

// ---------------- Models and results ----------------

let echartsModule = null;
async function charts() {
  if (!echartsModule) echartsModule = await import('/webjars/echarts/5.3.1/dist/echarts.esm.min.js');
  return echartsModule;
}

async function models() {
  main.append(el('h2', {}, 'Models & results'));
  const servedBox = el('section', { class: 'card', id: 'served-models' }, el('h3', {}, 'Served models'));
  main.append(servedBox);
  try {
    const ms = (await api('/v1/models')).models;
    const metricNames = [...new Set(ms.flatMap(m => Object.keys(m.validation || {})))];
    servedBox.append(el('div', { class: 'scroll' }, el('table', { id: 'models-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'model'), el('th', {}, 'version'), el('th', {}, 'fitted at'), el('th', { class: 'num' }, 'fit s'),
        metricNames.map(n => el('th', { class: 'num' }, 'validation ' + n)), el('th', {}, 'provenance'))),
      el('tbody', {}, ms.map(m => el('tr', {}, el('td', {}, m.name), el('td', {}, m.version), el('td', {}, m.fittedAt),
        el('td', { class: 'num' }, fmt(m.fitSeconds, 1)), metricNames.map(n => el('td', { class: 'num' }, fmt((m.validation || {})[n], 4))),
        el('td', {}, el('details', {}, el('summary', {}, 'show'), el('pre', {}, JSON.stringify(m.provenance, null, 1))))))))));
    if (!metricNames.length) servedBox.append(el('p', { class: 'muted' }, 'No validation metrics: they are recorded for models fitted with early stopping.'));
  } catch (e) {
    servedBox.append(notice(e.status === 503 ? 'The models are still training.' : e.message, e.status === 503 ? 'warn' : 'error'));
  }

  const box = el('section', { class: 'card', id: 'results' }, el('h3', {}, 'Evaluation leaderboards'));
  main.append(box);
  const res = await api('/v1/results');
  for (const s of res.skipped) box.append(el('p', { class: 'muted' }, 'skipped ' + s.file + ': ' + s.reason));
  if (!res.files.length) {
    box.append(el('p', { id: 'results-empty' }, res.dir ? 'No results.json files under ' + res.dir + '. Write some with: genrec eval --output DIR, then serve with --results DIR.'
      : 'No results directory. Serve with --results DIR (files written by genrec eval --output DIR).'));
    return;
  }
  const fileSel = el('select', { id: 'results-file' }, res.files.map((f, i) => el('option', { value: i }, f.file + ' (' + f.results.length + ' models)')));
  const metricSel = el('select', { id: 'metric' });
  const info = el('p', { class: 'muted' });
  const bars = el('div', { class: 'chart', id: 'chart-bars', role: 'img' });
  const diff = el('div', { class: 'chart', id: 'chart-diff', role: 'img' });
  const time = el('div', { class: 'chart', id: 'chart-time', role: 'img' });
  const table = el('div', { class: 'scroll' });
  box.append(el('div', { class: 'controls' }, el('label', {}, 'Results file', fileSel), el('label', {}, 'Metric', metricSel)), info,
    el('div', { class: 'columns' }, bars, diff, time), table);
  const best = res.files.reduce((b, f, i) => f.results.length > res.files[b].results.length ? i : b, 0);
  fileSel.value = String(best);
  let ec;
  try { ec = await charts(); } catch (e) { box.append(notice('Charts could not load: ' + e.message, 'error')); }
  const instances = [];
  const draw = () => {
    const f = res.files[Number(fileSel.value)];
    const metrics = Object.keys(f.results[0].metrics);
    if (!metrics.includes(metricSel.value)) {
      metricSel.replaceChildren(...metrics.map(m => el('option', { value: m }, m)));
      // open on a metric the file has confidence intervals for, ndcg@10 when it does
      const withCi = metrics.filter(m => (f.comparisons || []).some(c => c.metric === m));
      metricSel.value = withCi.includes('ndcg@10') ? 'ndcg@10' : withCi[0] || (metrics.includes('ndcg@10') ? 'ndcg@10' : metrics[0]);
    }
    const metric = metricSel.value;
    info.textContent = [f.dataset && f.dataset.name, f.split, f.createdAt && 'run ' + f.createdAt, f.machine].filter(Boolean).join(' · ');
    table.replaceChildren(el('table', { id: 'results-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'model'), metrics.map(m => el('th', { class: 'num' }, m)), el('th', { class: 'num' }, 'fit s'))),
      el('tbody', {}, f.results.map(r => el('tr', {}, el('td', {}, r.model), metrics.map(m => el('td', { class: 'num' }, fmt(r.metrics[m], 4))),
        el('td', { class: 'num' }, fmt(r.fitSeconds, 2)))))));
    if (!ec) return;
    instances.splice(0).forEach(c => c.dispose());
    const names = f.results.map(r => r.model);
    const c1 = ec.init(bars);
    c1.setOption({ title: { text: metric + ' by model', textStyle: { fontSize: 14 } }, tooltip: {}, grid: { containLabel: true, left: 8, right: 8 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } }, yAxis: { type: 'value' },
      series: [{ type: 'bar', data: f.results.map(r => r.metrics[metric]) }] });
    bars.setAttribute('aria-label', 'bar chart of ' + metric + ' by model');
    instances.push(c1);
    // results.json has paired bootstrap CIs of differences to a reference model, not per-model intervals: chart those
    const cmp = (f.comparisons || []).filter(c => c.metric === metric);
    const c2 = ec.init(diff);
    if (cmp.length) {
      const against = [...new Set(cmp.map(c => c.against))].join(', ');
      c2.setOption({ title: { text: metric + ': difference to ' + against + ' (95% CI)', textStyle: { fontSize: 14 } },
        tooltip: { formatter: p => { const c = cmp[p.dataIndex]; return c.model + ' − ' + c.against + ': ' + fmt(c.meanDifference, 4) + ' [' + fmt(c.ciLow, 4) + ', ' + fmt(c.ciHigh, 4) + '], p=' + c.pValue.toExponential(2); } },
        grid: { containLabel: true, left: 8, right: 8 },
        xAxis: { type: 'category', data: cmp.map(c => c.model), axisLabel: { interval: 0 } }, yAxis: { type: 'value' },
        series: [{ type: 'bar', data: cmp.map(c => c.meanDifference) },
          { type: 'custom', data: cmp.map((c, i) => [i, c.ciLow, c.ciHigh]), z: 10, renderItem: (params, api) => {
            const lo = api.coord([api.value(0), api.value(1)]), hi = api.coord([api.value(0), api.value(2)]);
            const w = api.size([1, 0])[0] * 0.15, style = { stroke: '#222', lineWidth: 1.5 };
            return { type: 'group', children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
              { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style },
              { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style }] };
          } }] });
      diff.setAttribute('aria-label', 'differences in ' + metric + ' to ' + against + ' with 95% confidence intervals');
    } else {
      c2.setOption({ title: { text: 'No confidence intervals for ' + metric + ' in this file', textStyle: { fontSize: 14 } } });
    }
    instances.push(c2);
    const c3 = ec.init(time);
    c3.setOption({ title: { text: metric + ' vs fit time', textStyle: { fontSize: 14 } }, grid: { containLabel: true, left: 8, right: 24 },
      tooltip: { formatter: p => p.data[2] + ': ' + fmt(p.data[1], 4) + ' in ' + fmt(p.data[0], 2) + ' s' },
      xAxis: { type: 'log', name: 'fit seconds', nameLocation: 'middle', nameGap: 28 }, yAxis: { type: 'value', name: metric },
      series: [{ type: 'scatter', symbolSize: 12, label: { show: true, formatter: p => p.data[2], position: 'right' },
        data: f.results.filter(r => r.fitSeconds > 0).map(r => [r.fitSeconds, r.metrics[metric], r.model]) }] });
    time.setAttribute('aria-label', metric + ' against fit time');
    instances.push(c3);
  };
  fileSel.addEventListener('change', draw);
  metricSel.addEventListener('change', draw);
  draw();
  window.addEventListener('resize', () => instances.forEach(c => c.resize()));
}

// ---------------- Experiments ----------------

async function experiments() {
  main.append(el('h2', {}, 'Experiments'));
  const box = el('section', { id: 'experiments', 'aria-live': 'polite' });
  main.append(box);
  if (!caps.experiments) { box.append(notice('This server runs no experiment service.', 'warn')); return; }
  const load = async () => {
    let list;
    try { list = (await api('/v1/experiments')).experiments; } catch (e) { box.replaceChildren(notice(e.message, 'error')); return; }
    if (!list.length) {
      box.replaceChildren(el('p', { class: 'card', id: 'experiments-empty' }, 'No experiments yet. Create one with POST /v1/experiments (see docs/online-evaluation.md); its arms show here with live metrics.'));
      return;
    }
    const reports = await Promise.all(list.map(x => api('/v1/experiments/' + encodeURIComponent(x.id)).catch(e => ({ error: e.message, experiment: x }))));
    box.replaceChildren(...reports.map(rep => {
      const x = rep.experiment || {};
      const card = el('section', { class: 'card experiment', 'data-experiment': x.id }, el('h3', {}, x.id + ' ', el('span', { class: 'badge' }, rep.status || '')));
      if (rep.error) { card.append(notice(rep.error, 'error')); return card; }
      card.append(el('p', { class: 'muted' }, (x.method || '') + ' · ' + rep.impressions + ' impressions · ' + rep.attributedEvents + ' attributed events · refreshed ' + new Date().toLocaleTimeString()));
      const rate = r => r && r.value !== null ? fmt(r.value, 3) + ' [' + fmt(r.low, 3) + ', ' + fmt(r.high, 3) + ']' : '–';
      card.append(el('div', { class: 'scroll' }, el('table', { class: 'arms' },
        el('thead', {}, el('tr', {}, el('th', {}, 'arm'), el('th', { class: 'num' }, 'impressions'), el('th', { class: 'num' }, 'clicks'),
          el('th', { class: 'num' }, 'conversions'), el('th', { class: 'num' }, 'CTR [95% CI]'), el('th', { class: 'num' }, 'conversion [95% CI]'))),
        el('tbody', {}, rep.arms.map(a => el('tr', { 'data-arm': a.arm }, el('td', {}, a.arm), el('td', { class: 'num' }, a.impressions),
          el('td', { class: 'num' }, a.clicks), el('td', { class: 'num' }, a.conversions), el('td', { class: 'num' }, rate(a.ctr)),
          el('td', { class: 'num' }, rate(a.conversionRate))))))));
      const il = rep.interleaving;
      if (il) card.append(el('p', {}, il.armA + ' vs ' + il.armB + ': ' + il.wins + ' wins, ' + il.ties + ' ties, ' + il.losses + ' losses, '
        + il.noClicks + ' without clicks; Δ = ' + (il.delta === null ? '–' : fmt(il.delta, 3)) + ', sign test p = ' + fmt(il.signTestP, 3)));
      return card;
    }));
  };
  await load();
  pageTimer = setInterval(load, 3000);
}

// ---------------- Chat (only when the server offers it) ----------------

function chatPanel() {
  let session = null;
  const log = el('div', { id: 'chat-log', 'aria-live': 'polite' });
  const input = el('input', { type: 'text', id: 'chat-input', 'aria-label': 'Message', placeholder: 'e.g. something like Alien but funny' });
  const form = el('form', { class: 'controls', id: 'chat-form', onsubmit: async ev => {
    ev.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    input.value = '';
    log.append(el('p', { class: 'msg me' }, message));
    try {
      const a = await post('/v1/chat', { session, message });
      session = a.session;
      log.append(el('div', { class: 'msg' }, el('p', {}, a.reply, a.fallback ? el('span', { class: 'badge' }, 'fallback answer') : null),
        el('ol', { class: 'items' }, (a.items || []).map(x => el('li', { 'data-item': x.item }, itemLink(x.item, x.title), x.reason ? el('div', { class: 'why' }, x.reason) : null)))));
    } catch (e) {
      log.append(notice(e.message, 'error'));
    }
    log.scrollTop = log.scrollHeight;
  } }, input, el('button', { type: 'submit', class: 'primary' }, 'Send'));
  return el('aside', { id: 'chat', class: 'card', 'aria-label': 'Chat' }, el('h3', {}, 'Ask for recommendations'), log, form);
}

async function start() {
  try { caps = await api('/v1/capabilities'); } catch (e) { caps = {}; }
  if (caps.chat === true) document.querySelector('.layout').append(chatPanel());
  checkReady();
  setInterval(checkReady, 5000);
  window.addEventListener('hashchange', () => { render().then(() => main.focus({ preventScroll: true })); });
  await render();
}

start();
