// "Replay": what a candidate version would have decided over a recorded period, against what was
// decided. Nothing is recorded; the live version is untouched.
import { api } from './api.js';
import { amount, esc, label, shortVersion, signed, time } from './format.js';

export const CHANGES_PER_PAGE = 50;

/**
 * Runs a replay as a job (API.md "Replays as jobs") and follows it, telling `onProgress` how far it
 * is; resolves with the finished job and one page of its changes.
 */
export async function replay(request, page = 0, onProgress = () => {}) {
  const body = { candidate: request.candidate };
  for (const key of ['from', 'to', 'type', 'by']) if (request[key]) body[key] = request[key].trim();
  if (request.limit) body.limit = Number(request.limit);
  let job = await api('/api/v1/replays', { method: 'POST', body });
  while (job.status === 'RUNNING') {
    onProgress(job);
    await new Promise(resolve => setTimeout(resolve, 300));
    job = await api(`/api/v1/replays/${encodeURIComponent(job.replayId)}`);
  }
  if (job.status === 'FAILED') throw new Error(`${label('回放失败', 'The replay failed')}: ${job.error}`);
  const changes = await api(`/api/v1/replays/${encodeURIComponent(job.replayId)}/changes?size=${CHANGES_PER_PAGE}&cursor=${page * CHANGES_PER_PAGE}`);
  return { ...job, changes: changes.items, page, size: CHANGES_PER_PAGE };
}

/** Another page of the changes of a replay already run. */
export async function replayPage(result, page) {
  const changes = await api(`/api/v1/replays/${encodeURIComponent(result.replayId)}/changes?size=${CHANGES_PER_PAGE}&cursor=${page * CHANGES_PER_PAGE}`);
  return { ...result, changes: changes.items, page };
}

/** "1,200 / 50,000 · 5,400/s" while a replay runs. */
export function renderReplayProgress(job) {
  const percent = job.total ? Math.floor(100 * job.done / job.total) : 0;
  return `<p id="replay-progress"><progress max="100" value="${percent}"></progress>
    ${label('已回放', 'Replayed')} <b>${job.done}</b> / ${job.total} · ${job.perSecond}/s</p>`;
}

/** How many decisions' payable moved by how much: one bar per range of yuan. */
function renderHistogram(histogram = []) {
  const largest = Math.max(1, ...histogram.map(b => b.count));
  const bars = histogram.filter(b => b.count > 0);
  if (!bars.length) return '';
  return `<table id="replay-histogram" class="histogram"><caption>${label('应付金额变化分布（元）', 'Payable change by range (yuan)')}</caption>
    ${bars.map(b => `<tr><td class="mono">${esc(b.range)}</td>
      <td><span class="bar" style="display:inline-block;background:#4a7;height:0.8em;width:${Math.max(2, 200 * b.count / largest)}px"></span></td>
      <td class="mono">${b.count}</td></tr>`).join('')}</table>`;
}

/** The figures an analyst weighs before activating: also repeated in the confirmation (ids prefixed `prefix`). */
export function renderReplaySummary(result, prefix = 'replay') {
  const transitions = Object.entries(result.transitions ?? {});
  return `
    <p class="replay-counts">${label('比较', 'Compared')} <b id="${prefix}-compared">${result.compared}</b> ·
      ${label('变化', 'Changed')} <b id="${prefix}-changed">${result.changed}</b></p>
    <p>${label('结果变化', 'Transitions')}: <span id="${prefix}-transitions">${transitions.length
      ? transitions.map(([k, v]) => `<span class="transition">${esc(k)}: <b>${v}</b></span>`).join(' ')
      : label('无', 'none')}</span></p>
    <p>${label('应付金额变化', 'Payable change')}:
      ${label('合计', 'total')} <b id="${prefix}-total">${signed(result.payableDelta.total)}</b> ·
      ${label('最大增加', 'largest increase')} <b id="${prefix}-max">${Number(result.payableDelta.max) > 0 ? signed(result.payableDelta.max) : '—'}</b> ·
      ${label('最大减少', 'largest decrease')} <b id="${prefix}-min">${Number(result.payableDelta.min) < 0 ? signed(result.payableDelta.min) : '—'}</b></p>
    ${prefix === 'replay' ? renderHistogram(result.histogram) : ''}`;
}

function side(s) {
  return `<span class="${esc(s.outcome)}">${esc(s.outcome)}</span> <b class="mono">${amount(s.payable)}</b>
    <br><span class="mono muted">${s.reasons.map(esc).join(' ')}</span>`;
}

export function renderReplay(result) {
  const pages = Math.max(1, Math.ceil(result.changed / result.size));
  return `
    <p class="muted">${label('候选版本', 'Candidate')} <code>${esc(shortVersion(result.candidate))}</code></p>
    ${renderReplaySummary(result)}
    ${result.changed ? `
      <table id="replay-changes">
        <thead><tr><th>${label('决策', 'Decision')}</th><th>${label('类型', 'Type')}</th><th>${label('之前', 'Before')}</th>
          <th>${label('之后', 'After')}</th><th>${label('差额', 'Difference')}</th></tr></thead>
        <tbody>${result.changes.map(c => `
          <tr data-decision-id="${esc(c.decisionId)}">
            <td><a href="/api/v1/decisions/${encodeURIComponent(c.decisionId)}/explanation" data-explain="${esc(c.decisionId)}"
              title="查看解释 explanation">${esc(c.claimId ?? c.decisionId.slice(0, 8))}</a></td>
            <td>${esc(c.type)}</td><td class="before">${side(c.before)}</td><td class="after">${side(c.after)}</td>
            <td class="mono">${signed((Number(c.after.payable ?? 0) - Number(c.before.payable ?? 0)).toFixed(2))}</td></tr>`).join('')}</tbody>
      </table>
      ${pages > 1 ? `<div class="pager"><button type="button" class="secondary" data-replay-page="${result.page - 1}" ${result.page === 0 ? 'disabled' : ''}>‹ ${label('上一页', 'Prev')}</button>
        <span>${result.page + 1} / ${pages}</span>
        <button type="button" class="secondary" data-replay-page="${result.page + 1}" ${result.page + 1 >= pages ? 'disabled' : ''}>${label('下一页', 'Next')} ›</button></div>` : ''}`
      : `<p class="ok" id="replay-no-changes">${label('这段时间内没有任何决策会改变', 'No decision of the period would change')}</p>`}`;
}

/** Which timeline entry decided: the decision's policy date and the entry that governed it. */
export function renderPolicyDate(x) {
  if (!x.policyDate && !x.timelineEntry) return '';
  const entry = x.timelineEntry;
  return `<p id="explanation-policy">${label('政策日期', 'Policy date')} <b id="explanation-policy-date">${esc(x.policyDate ?? '—')}</b>
    ${entry ? ` · ${label('时间线条目', 'Timeline entry')} <span id="explanation-entry"><b>${esc(entry.effectiveFrom)}</b> / <code title="${esc(entry.version)}">${esc(shortVersion(entry.version))}</code></span>
      <span class="muted">${label('启用', 'activated')} ${esc(time(entry.activatedAt))} · ${esc(entry.activatedBy ?? '')}</span>` : ''}</p>`;
}

/** A recorded decision explained: reasons, the payout step by step, rules in order, matched rows. */
export async function showExplanation(dialog, decisionId) {
  const body = dialog.querySelector('#explanation-body');
  body.innerHTML = `<p class="muted">${label('加载中…', 'Loading…')}</p>`;
  dialog.showModal();
  try {
    const x = await api(`/api/v1/decisions/${encodeURIComponent(decisionId)}/explanation`);
    body.innerHTML = `
      <h2>${label('决策', 'Decision')} <code>${esc(x.decisionId)}</code></h2>
      <p class="summary"><span class="${esc(x.outcome)}">${esc(x.outcome)}</span> — ${esc(x.summary.zh)}<br><span class="en">${esc(x.summary.en)}</span></p>
      <p class="muted">${label('规则版本', 'Ruleset')} <code>${esc(shortVersion(x.rulesetVersion))}</code></p>
      ${renderPolicyDate(x)}
      <h3>${label('原因', 'Reasons')}</h3>
      ${x.reasons.map(r => `<div class="reason"><code>${esc(r.code)}</code> ${esc(r.message.zh)} <span class="en">${esc(r.message.en)}</span> <span class="muted">— ${esc(r.source)}</span></div>`).join('')}
      ${x.payout.length ? `<h3>${label('赔付计算', 'Payout, step by step')}</h3><table>${x.payout.map(s => `
        <tr><td>${esc(s.description.zh)} <span class="en">${esc(s.description.en)}</span></td><td class="mono">${esc(s.formula)}</td><td class="mono"><b>${amount(s.value)}</b></td></tr>`).join('')}</table>` : ''}
      <h3>${label('触发的规则（按顺序）', 'Rules in the order they fired')}</h3>
      <ol>${x.fired.map(f => f.engine === 'DRL'
        ? `<li><span class="kind">DRL</span> ${esc(f.name)} <span class="muted mono">${esc(f.file)}</span></li>`
        : `<li><span class="kind">DMN</span> ${esc(f.model)} / ${esc(f.decision)} — ${label('第 ' + f.rows.join(', ') + ' 行', 'row ' + f.rows.join(', '))}</li>`).join('')}</ol>`;
  } catch (error) {
    body.innerHTML = `<p class="bad">${esc(error.message)}</p>`;
  }
}
