// The audit page: plain JavaScript over the service's own API, no build step; its charts (Overview tab)
// are a module built by Vite (src/main/webui/audit/charts.js).
'use strict';

const $ = (selector, root = document) => root.querySelector(selector);
const esc = (value) => String(value ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
// JSON numbers lose their trailing zeros in JavaScript: show amounts with at least two decimals (15200.00, 0.80).
const amount = (value) => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const decimals = text.includes('.') ? text.split('.')[1].length : 0;
  return decimals >= 2 ? text : Number(value).toFixed(2);
};
// Pages by cursor (API.md "Audit trail at volume"): cursors[i] opens page i; the first page has none.
let page = 0;
let cursors = [null];
let lastNext = null;
const size = 20;

async function api(path, options = {}) {
  const response = await fetch(path, {...options, headers: pageSession.headers(options.method, options.headers)});
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const errors = body.errors ? body.errors.map(e => `${e.field ?? e.file}: ${e.messageZh ?? ''} ${e.message}`).join('; ') : (body.message ?? response.status);
    throw new Error(errors);
  }
  return body;
}

function showTab(name) {
  document.querySelectorAll('nav .tab[data-tab]').forEach(tab => tab.classList.toggle('active', tab.dataset.tab === name));
  document.querySelectorAll('main .panel').forEach(panel => { panel.hidden = panel.id !== `tab-${name}`; });
  if (name === 'rulesets') loadRulesets();
  if (name === 'replay') loadCandidates();
}

function filterQuery() {
  const params = new URLSearchParams();
  new FormData($('#filters')).forEach((value, key) => { if (value) params.set(key, value); });
  return params;
}

async function search() {
  const params = filterQuery();
  $('#export-csv').href = `/api/v1/decisions/export?${params}&format=csv`;
  $('#export-jsonl').href = `/api/v1/decisions/export?${params}&format=jsonl`;
  if (cursors[page]) params.set('cursor', cursors[page]);
  params.set('size', size);
  try {
    const result = await api(`/api/v1/decisions?${params}`);
    lastNext = result.next ?? null;
    const total = result.totalIsLowerBound ? `${result.total}+` : `${result.total}`;
    $('#result-count').textContent = `共 ${total} 条 · ${total} decisions`;
    const pages = result.totalIsLowerBound ? `${Math.ceil(result.total / size)}+` : Math.max(1, Math.ceil(result.total / size));
    $('#page-label').textContent = `${page + 1} / ${pages}`;
    $('#next').disabled = !lastNext;
    $('#prev').disabled = page === 0;
    $('#results tbody').innerHTML = result.items.map(item => `
      <tr data-id="${esc(item.decisionId)}">
        <td class="mono">${esc(new Date(item.evaluatedAt).toLocaleString('zh-CN'))}</td>
        <td>${esc(item.type)}</td><td>${esc(item.claimId)}</td>
        <td class="${esc(item.outcome)}">${esc(item.outcome)}</td>
        <td class="mono">${item.reasonCodes.map(esc).join('<br>')}</td>
        <td class="mono">${esc(item.personId)}</td>
      </tr>`).join('');
  } catch (error) {
    $('#result-count').innerHTML = `<span class="bad">${esc(error.message)}</span>`;
  }
}

/** Which timeline entry decided (POLICY.md §8): the decision's policy date and the entry in force on it. */
function policyDateLine(x) {
  if (!x.policyDate && !x.timelineEntry) return '';
  const entry = x.timelineEntry;
  return `<p id="detail-policy">政策日期 <span class="en">Policy date</span> <b id="detail-policy-date">${esc(x.policyDate ?? '—')}</b>${entry ? `
    · 时间线条目 <span class="en">Timeline entry</span> <span id="detail-timeline-entry"><b>${esc(entry.effectiveFrom)}</b> / <code>${esc(entry.version)}</code></span>
    <span class="muted">启用 <span class="en">activated</span> ${esc(entry.activatedAt ? new Date(entry.activatedAt).toLocaleString('zh-CN') : '—')} · ${esc(entry.activatedBy ?? '')}</span>` : ''}</p>`;
}

async function openDecision(id) {
  const detail = $('#detail');
  detail.hidden = false;
  detail.innerHTML = '<p class="muted">加载中… Loading…</p>';
  try {
    const x = await api(`/api/v1/decisions/${encodeURIComponent(id)}/explanation`);
    detail.innerHTML = `
      <h2>决策 <span class="en">Decision</span> <code>${esc(x.decisionId)}</code></h2>
      <p class="summary" id="detail-summary"><span class="${esc(x.outcome)}">${esc(x.outcome)}</span> — ${esc(x.summary.zh)}<br><span class="en">${esc(x.summary.en)}</span></p>
      <p class="muted">规则版本 <span class="en">Ruleset</span> <code>${esc(x.rulesetVersion)}</code> · ${esc(new Date(x.evaluatedAt).toLocaleString('zh-CN'))}</p>
      ${policyDateLine(x)}
      <h2>原因 <span class="en">Reasons</span></h2>
      <div id="detail-reasons">${x.reasons.map(r => `
        <div class="reason" data-code="${esc(r.code)}"><code>${esc(r.code)}</code> <span class="kind">${esc(r.kind)}</span>
          ${esc(r.message.zh)}<br><span class="en">${esc(r.message.en)}</span> <span class="muted">— ${esc(r.source)}</span></div>`).join('') || '<p class="muted">无 None</p>'}</div>
      ${x.payout.length ? `<h2>赔付计算 <span class="en">Payout, step by step</span></h2>
      <table id="detail-payout"><tbody>${x.payout.map(s => `
        <tr><td>${esc(s.description.zh)}<br><span class="en">${esc(s.description.en)}</span></td><td class="mono">${esc(s.formula)}</td><td class="mono"><b>${esc(amount(s.value))}</b></td></tr>`).join('')}</tbody></table>` : ''}
      <h2>触发的规则（按顺序） <span class="en">Rules in the order they fired</span></h2>
      <ol class="fired" id="detail-fired">${x.fired.map(f => f.engine === 'DRL'
        ? `<li><span class="kind">DRL</span> ${esc(f.name)} <span class="muted mono">${esc(f.file)}</span>${f.source ? ` <span class="muted">— ${esc(f.source)}</span>` : ''}</li>`
        : `<li><span class="kind">DMN</span> ${esc(f.model)} / ${esc(f.decision)} — 第 ${f.rows.map(esc).join(', ')} 行 <span class="en">row ${f.rows.map(esc).join(', ')}</span></li>`).join('')}</ol>
      ${x.tables.map(t => `
        <h2>决策表 <span class="en">Decision table</span> ${esc(t.model)} / ${esc(t.decision)} <span class="muted">(${esc(t.hitPolicy)}, ${t.rowCount} rows)</span></h2>
        <table class="dmn-table" data-decision="${esc(t.decision)}"><thead><tr><th>#</th>${t.inputs.map(i => `<th>${esc(i)}</th>`).join('')}${t.outputs.map(o => `<th>→ ${esc(o)}</th>`).join('')}<th>依据 <span class="en">source</span></th></tr></thead>
        <tbody>${t.rows.map(r => `<tr class="table-row${r.matched ? ' matched' : ''}" data-row="${r.number}"><td>${r.number}</td>${r.inputEntries.map(e => `<td class="mono">${esc(e)}</td>`).join('')}${r.outputEntries.map(e => `<td class="mono">${esc(e)}</td>`).join('')}<td class="muted">${esc(r.annotation)}</td></tr>`).join('')}</tbody></table>`).join('')}
      <p><a href="/api/v1/decisions/${encodeURIComponent(x.decisionId)}" target="_blank">原始记录 Raw record (JSON)</a></p>`;
    detail.scrollIntoView({behavior: 'smooth'});
  } catch (error) {
    detail.innerHTML = `<p class="bad">${esc(error.message)}</p>`;
  }
}

/** The full check runs as a job (POST /api/v1/audit/verify/jobs); the page follows its progress. */
async function verify() {
  const result = $('#verify-result');
  result.innerHTML = '<p class="muted">校验中… Verifying…</p>';
  try {
    let job = await api('/api/v1/audit/verify/jobs', {method: 'POST'});
    while (job.status === 'RUNNING') {
      result.innerHTML = `<p class="muted" id="verify-progress">校验中 Verifying… <progress max="${job.total || 1}" value="${job.checked}"></progress>
        ${job.checked} / ${job.total} · ${job.perSecond}/s</p>`;
      await new Promise(resolve => setTimeout(resolve, 500));
      job = await api(`/api/v1/audit/verify/jobs/${encodeURIComponent(job.jobId)}`);
    }
    if (job.status === 'FAILED') throw new Error(job.error);
    const report = job.report;
    result.innerHTML = (report.ok
      ? `<p class="ok" id="verify-ok">完好 OK — 已校验 ${report.checked} 条记录，${report.chains} 条链 · ${report.checked} records in ${report.chains} chain(s) intact</p>`
      : `<p class="bad" id="verify-broken">已被篡改 BROKEN — <code>${esc(report.firstBroken.decisionId)}</code>: ${esc(report.firstBroken.reason)}</p>`)
      + `<p class="muted">${job.perSecond}/s</p>`;
    showLastVerify();
  } catch (error) {
    result.innerHTML = `<p class="bad">${esc(error.message)}</p>`;
  }
}

/** When the trail was last checked, and what came out: an unchecked trail should be visible. */
async function showLastVerify() {
  const last = $('#verify-last');
  try {
    const job = await api('/api/v1/audit/verify/last');
    const minutes = Math.round((Date.now() - Date.parse(job.finishedAt)) / 60000);
    last.innerHTML = `上次校验 Last check: ${esc(job.finishedAt)} (${minutes} 分钟前 min ago) —
      ${job.report?.ok ? '<span class="ok">完好 OK</span>' : '<span class="bad">未通过 NOT OK</span>'}`;
  } catch (error) {
    last.textContent = '本实例启动后尚未校验 · Not checked since this instance started';
  }
}

async function loadRulesets() {
  const rulesets = await api('/api/v1/rulesets');
  $('#rulesets tbody').innerHTML = rulesets.map(r => `
    <tr><td class="mono">${esc(r.version.slice(0, 19))}…</td><td class="${r.active ? 'ok' : ''}">${esc(r.status)}</td><td>${esc(r.origin)} ${esc(r.createdBy ?? '')}</td>
      <td>${r.activatedAt ? esc(new Date(r.activatedAt).toLocaleString('zh-CN')) + ' · ' + esc(r.activatedBy) : '—'}</td>
      <td>${r.testsPassed ?? '?'} ✓ ${r.testsFailed ? `<span class="bad">${r.testsFailed} ✗</span>` : ''}</td>
      <td class="mono">${r.files.map(esc).join('<br>')}</td></tr>`).join('');
  return rulesets;
}

async function loadCandidates() {
  const rulesets = await api('/api/v1/rulesets');
  $('#replay-candidate').innerHTML = rulesets.map(r => `<option value="${esc(r.version)}">${esc(r.status)} ${esc(r.version.slice(7, 19))}</option>`).join('');
}

async function replay(event) {
  event.preventDefault();
  const form = new FormData($('#replay-form'));
  const body = {};
  form.forEach((value, key) => { if (value) body[key] = value; });
  const out = $('#replay-result');
  out.innerHTML = '<p class="muted">回放中… Replaying…</p>';
  try {
    const r = await api('/api/v1/replays', {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
    out.innerHTML = `<p>比较 ${r.compared} 条，变化 ${r.changed} 条 <span class="en">${r.compared} compared, ${r.changed} changed</span></p>
      <p>结果变化 <span class="en">Transitions</span>: ${Object.entries(r.transitions).map(([k, v]) => `${esc(k)}: ${v}`).join(', ') || '—'}</p>
      <p>应付金额变化 <span class="en">Payable change</span>: 合计 total ${esc(amount(r.payableDelta.total))}, 最小 min ${esc(amount(r.payableDelta.min))}, 最大 max ${esc(amount(r.payableDelta.max))}</p>
      <table><thead><tr><th>决策 Decision</th><th>之前 Before</th><th>之后 After</th></tr></thead><tbody>${r.changes.map(c => `
        <tr><td><a href="#" data-open="${esc(c.decisionId)}">${esc(c.claimId ?? c.decisionId)}</a></td>
        <td>${esc(c.before.outcome)} ${esc(amount(c.before.payable))}<br><span class="mono muted">${c.before.reasons.map(esc).join(' ')}</span></td>
        <td>${esc(c.after.outcome)} ${esc(amount(c.after.payable))}<br><span class="mono muted">${c.after.reasons.map(esc).join(' ')}</span></td></tr>`).join('')}</tbody></table>`;
  } catch (error) {
    out.innerHTML = `<p class="bad">${esc(error.message)}</p>`;
  }
}

document.querySelectorAll('nav .tab[data-tab]').forEach(tab => tab.addEventListener('click', () => showTab(tab.dataset.tab)));
$('#filters').addEventListener('submit', event => { event.preventDefault(); page = 0; cursors = [null]; search(); });
$('#prev').addEventListener('click', () => { if (page > 0) { page--; search(); } });
$('#next').addEventListener('click', () => { if (lastNext) { cursors[page + 1] = lastNext; page++; search(); } });
$('#results tbody').addEventListener('click', event => { const row = event.target.closest('tr[data-id]'); if (row) openDecision(row.dataset.id); });
$('#verify-button').addEventListener('click', verify);
showLastVerify();
$('#replay-form').addEventListener('submit', replay);
$('#replay-result').addEventListener('click', event => {
  const link = event.target.closest('[data-open]');
  if (link) { event.preventDefault(); showTab('decisions'); openDecision(link.dataset.open); }
});
pageSession.start('auditor').then(search);
