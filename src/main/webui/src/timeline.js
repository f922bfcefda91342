// The policy timeline (POLICY.md §8): which version governs which policy dates. A band of the
// entries that still govern, a table of every entry (replaced and withdrawn ones too), and the
// period an activation with a given effective date would change.
import { api } from './api.js';
import { esc, label, shortVersion, time } from './format.js';

export const STATUS_LABELS = {
  IN_FORCE: ['生效中', 'in force'],
  SCHEDULED: ['已排期', 'scheduled'],
  REPLACED: ['已被取代', 'replaced'],
  WITHDRAWN: ['已撤回', 'withdrawn'],
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written yyyy-MM-dd (2027-02-30 is not: Date would roll it over to March). */
export function isDay(text) {
  if (!DAY.test(text)) return false;
  const date = new Date(text + 'T00:00:00Z');
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** yyyy-MM-dd of the day before `day` (calendar arithmetic in UTC, so no time zone shifts it). */
export function dayBefore(day) {
  const date = new Date(day + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export const fetchTimeline = () => api('/api/v1/rulesets/timeline');

/** Withdraws a scheduled entry; resolves with the withdrawn entry. */
export const withdraw = (effectiveFrom) =>
  api(`/api/v1/rulesets/timeline/${encodeURIComponent(effectiveFrom)}`, { method: 'DELETE' });

/** Entries that decide some policy dates: neither replaced by a later activation nor withdrawn. */
const governing = (timeline) => timeline.entries.filter(e => e.status !== 'REPLACED' && e.status !== 'WITHDRAWN');

/** The entry that governs `day`: the latest effectiveFrom on or before it (of equal dates, the later). */
function governingOn(timeline, day) {
  return governing(timeline).filter(e => e.effectiveFrom <= day).at(-1) ?? null;
}

/**
 * The policy dates an activation would govern: from its effective date (none = the date of the
 * entry in force today, which it replaces) to the day before the next governing entry, or open.
 * {from, to (null when open), next (the entry that ends it), kind: 'replace'|'scheduled'|'correction'|'today'}
 */
export function periodOf(timeline, effectiveFrom) {
  const today = timeline.today;
  const from = effectiveFrom || governingOn(timeline, today)?.effectiveFrom || today;
  const next = governing(timeline).find(e => e.effectiveFrom > from) ?? null;
  const kind = !effectiveFrom ? 'replace' : from > today ? 'scheduled' : from < today ? 'correction' : 'today';
  return { from, to: next ? dayBefore(next.effectiveFrom) : null, next, kind };
}

/** "自 2027-01-01 至 2027-06-30（下一条目）from 2027-01-01 until 2027-06-30 (the next entry)" or "… on". */
export function describePeriod(period) {
  return period.to
    ? `自 <b>${esc(period.from)}</b> 至 <b>${esc(period.to)}</b>（下一条目之前） <span class="en">from ${esc(period.from)} until ${esc(period.to)} (the next entry)</span>`
    : `自 <b>${esc(period.from)}</b> 起 <span class="en">from ${esc(period.from)} on</span>`;
}

const KIND_NOTES = {
  replace: ['替换今天生效的条目，沿用其生效日期', 'replaces the entry in force today, keeping its effective date'],
  today: ['自今天起生效', 'in force from today'],
  scheduled: ['排期生效：在此日期之前不作任何决策', 'scheduled: it decides nothing before that date'],
  correction: ['更正过去的期间：此后作出的决策按此版本；已记录的决策保留其版本（回放可见差异）',
    'a correction of a past period: decisions made from now on use it; recorded decisions keep their version (a replay shows what would change)'],
};

/** The confirmation's sentence: which policy dates change, and what kind of change it is. */
export function renderPeriod(period, id = 'confirm-period') {
  const [zh, en] = KIND_NOTES[period.kind];
  return `<p class="period" data-kind="${period.kind}">${label('将改变的政策日期', 'Policy dates that change')}:
    <span id="${id}">${describePeriod(period)}</span><br><span class="muted">${label(zh, en)}</span></p>`;
}

const statusLabel = (status) => {
  const [zh, en] = STATUS_LABELS[status] ?? [status, status];
  return `<span class="timeline-status status-${esc(status)}" data-status="${esc(status)}">${label(zh, en)}</span>`;
};

function renderBand(timeline) {
  const entries = governing(timeline);
  if (!entries.length) return '';
  const today = governingOn(timeline, timeline.today);
  return `<div class="timeline-band" id="timeline-band">${entries.map(e => `
    <div class="band-entry status-${esc(e.status)}${e === today ? ' today' : ''}"
      data-effective-from="${esc(e.effectiveFrom)}" data-version="${esc(e.version)}" title="${esc(e.version)}">
      <div class="band-dates mono">${esc(e.effectiveFrom)} → ${e.until ? esc(e.until) : '…'}</div>
      <div><code>${esc(shortVersion(e.version))}</code> ${statusLabel(e.status)}</div>
      ${e.note ? `<div class="band-note">${esc(e.note)}</div>` : ''}
    </div>`).join('')}</div>`;
}

export function renderTimeline(timeline) {
  return `
    <p class="muted">${label('今天', 'Today')} <b id="timeline-today">${esc(timeline.today)}</b> ·
      ${label('今天生效', 'in force today')} <code id="timeline-in-force">${esc(shortVersion(timeline.inForceToday))}</code></p>
    ${renderBand(timeline)}
    <table id="timeline-entries">
      <thead><tr><th>${label('生效日期', 'Effective from')}</th><th>${label('至', 'Until')}</th><th>${label('版本', 'Version')}</th>
        <th>${label('状态', 'Status')}</th><th>${label('启用', 'Activated')}</th><th>${label('说明', 'Note')}</th><th></th></tr></thead>
      <tbody>${timeline.entries.map(e => `
        <tr data-effective-from="${esc(e.effectiveFrom)}" data-version="${esc(e.version)}" data-status="${esc(e.status)}">
          <td class="mono">${esc(e.effectiveFrom)}</td>
          <td class="mono">${e.until ? esc(e.until) : '—'}</td>
          <td><code title="${esc(e.version)}">${esc(shortVersion(e.version))}</code></td>
          <td>${statusLabel(e.status)}${e.withdrawnAt ? `<br><span class="muted">${esc(time(e.withdrawnAt))} · ${esc(e.withdrawnBy ?? '')}</span>` : ''}</td>
          <td>${esc(time(e.activatedAt))} · ${esc(e.activatedBy ?? '')}</td>
          <td>${esc(e.note ?? '')}</td>
          <td>${e.status === 'SCHEDULED'
            ? `<button type="button" class="secondary small" data-timeline-action="withdraw">${label('撤回', 'Withdraw')}</button>` : ''}</td>
        </tr>`).join('')}</tbody>
    </table>`;
}
