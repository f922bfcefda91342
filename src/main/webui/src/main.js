// The analysts' page: see the active ruleset, its history and the policy timeline, edit its files,
// save a draft, replay it over a recorded period, activate it from a date. Plain modules over the
// service's own API.
import './style.css';
import { api } from './api.js';
import { $, esc, label, shortVersion } from './format.js';
import { Workspace } from './workspace.js';
import { saveDraft } from './draft.js';
import { renderReplay, renderReplayProgress, renderReplaySummary, replay, replayPage, showExplanation } from './replay.js';
import { activate, confirm } from './activation.js';
import { describePeriod, fetchTimeline, isDay, periodOf, renderPeriod, renderTimeline, withdraw } from './timeline.js';
import { filesOf, renderActive, renderDiff, renderVersions } from './versions.js';

const state = {
  versions: [],
  active: null,   // summary of the live version
  draft: null,    // the draft last saved from this page
  replay: null,   // the replay last run, with the request that made it
  timeline: null, // GET /api/v1/rulesets/timeline
};

// The editor is fetched while the versions load, so that the first model shows sooner.
import('./dmn-editor.js').catch(() => {});

const workspace = new Workspace($('#files'), $('#editor-area'), () => updateButtons());

function updateButtons() {
  const draft = state.draft;
  $('#activate-button').disabled = !draft || draft.status !== 'DRAFT' || draft.tests.failed > 0;
  $('#replay-button').disabled = !$('#replay-candidate').value;
  $('#replay-period-button').disabled = !$('#replay-candidate').value || !activationPeriod();
  $('#discard').disabled = !workspace.hasEdits() && workspace.base?.version === state.active?.version;
}

/** Reads the versions and shows `openVersion` (the active one by default) in the workspace. */
async function load(openVersion = null) {
  state.versions = await api('/api/v1/rulesets');
  state.active = state.versions.find(v => v.active) ?? null;
  $('#active-summary').innerHTML = renderActive(state.active);
  $('#versions tbody').innerHTML = renderVersions(state.versions);
  $('#versions-count').textContent = `(${state.versions.length})`;
  if (!state.active) return;
  const base = state.versions.find(v => v.version === (openVersion ?? state.active.version)) ?? state.active;
  const [baseFiles, liveFiles] = await Promise.all([filesOf(base.version), filesOf(state.active.version)]);
  workspace.load(base, baseFiles, liveFiles);
  $('#base-label').innerHTML = base.active
    ? `${label('生效版本', 'active version')} <code>${esc(shortVersion(base.version))}</code>`
    : `${label('基于版本', 'based on version')} <code>${esc(shortVersion(base.version))}</code> <span class="status status-${esc(base.status)}">${esc(base.status)}</span>`;
  updateButtons();
}

async function loadTimeline() {
  try {
    state.timeline = await fetchTimeline();
    $('#timeline-view').classList.remove('muted');
    $('#timeline-view').innerHTML = renderTimeline(state.timeline);
  } catch (error) {
    state.timeline = null;
    $('#timeline-view').innerHTML = `<p class="bad">${label('时间线不可用', 'The timeline is not available')}: ${esc(error.message)}</p>`;
  }
  showActivationPeriod();
  updateButtons();
}

/** The effective date typed in the Activate panel ('' = none), and the period it would govern, or null if invalid. */
function activationPeriod() {
  const effectiveFrom = $('#effective-from').value.trim();
  if (effectiveFrom && !isDay(effectiveFrom)) return null;
  if (!state.timeline) return effectiveFrom ? { from: effectiveFrom, to: null, kind: 'unknown', effectiveFrom } : null;
  return { ...periodOf(state.timeline, effectiveFrom), effectiveFrom };
}

function showActivationPeriod() {
  const effectiveFrom = $('#effective-from').value.trim();
  const period = activationPeriod();
  $('#activation-period').innerHTML = effectiveFrom && !isDay(effectiveFrom)
    ? `<p class="bad" id="effective-from-invalid">${label('生效日期须为 yyyy-MM-dd', 'The effective date must be yyyy-MM-dd')}</p>`
    : period && period.kind !== 'unknown' ? renderPeriod(period, 'activation-period-dates') : '';
  updateButtons();
}

/** The confirmation's lines about dates: the period that changes, or the date alone without a timeline. */
function periodLines(period) {
  if (!period) return '';
  return period.kind === 'unknown' ? `<p>${label('生效日期', 'Effective from')} <span id="confirm-period">${describePeriod(period)}</span></p>` : renderPeriod(period);
}

const activationOptions = (period) => ({ effectiveFrom: period?.effectiveFrom ?? '', note: $('#activation-note').value.trim() });

async function afterActivation() {
  // The date was for this activation; the next one starts from "today" again.
  $('#activation-form').reset();
  await Promise.all([load(), loadTimeline()]);
  await openFirstModel();
}

/** Fills the replay form with the period the typed effective date would govern, by policy date, and runs it. */
function onReplayPeriod() {
  const period = activationPeriod();
  if (!period) return;
  $('#replay-from').value = period.from;
  $('#replay-to').value = period.to ?? '';
  $('#replay-by').value = 'policyDate';
  $('#replay').scrollIntoView();
  onReplay({ preventDefault() {} });
}

async function onWithdraw(button) {
  const effectiveFrom = button.closest('tr').dataset.effectiveFrom;
  const version = button.closest('tr').dataset.version;
  const ok = await confirm($('#confirm'),
    `${label('撤回排期', 'Withdraw the scheduled entry')} <b>${esc(effectiveFrom)}</b>？`,
    `<p>${label('版本', 'Version')} <code>${esc(shortVersion(version))}</code> ${label('将不会自此日期生效；此前的条目继续适用。', 'will not come into force on that date; the entry before it goes on governing.')}</p>`,
    label('确认撤回', 'Withdraw'));
  if (!ok) return;
  const out = $('#timeline-result');
  try {
    const withdrawn = await withdraw(effectiveFrom);
    out.innerHTML = `<p class="ok" id="withdrawn">${label('已撤回', 'Withdrawn')} <b>${esc(withdrawn.effectiveFrom ?? effectiveFrom)}</b> <code>${esc(shortVersion(withdrawn.version ?? version))}</code></p>`;
  } catch (error) {
    out.innerHTML = `<p class="bad" id="withdraw-refused">${esc(error.message)}</p>`;
  }
  await loadTimeline();
}

async function onSaveDraft() {
  $('#save-draft').disabled = true;
  try {
    const draft = await saveDraft(workspace, $('#draft-result'));
    if (draft) {
      state.draft = draft;
      $('#replay-candidate').value = draft.version;
      state.versions = await api('/api/v1/rulesets');
      $('#versions tbody').innerHTML = renderVersions(state.versions);
    }
  } finally {
    $('#save-draft').disabled = false;
    updateButtons();
  }
}

async function onReplay(event, page = 0) {
  event?.preventDefault();
  const request = event ? Object.fromEntries(new FormData($('#replay-form'))) : state.replay.request;
  const out = $('#replay-result');
  out.innerHTML = `<p class="muted">${label('回放中…', 'Replaying…')}</p>`;
  try {
    const result = event ? await replay(request, page, job => { out.innerHTML = renderReplayProgress(job); })
      : await replayPage(state.replay.result, page);
    state.replay = { request, result };
    out.innerHTML = renderReplay(result);
  } catch (error) {
    out.innerHTML = `<p class="bad">${esc(error.message)}</p>`;
  }
}

async function onActivateDraft() {
  const draft = state.draft;
  const replayed = state.replay?.result.candidate === draft.version ? state.replay : null;
  const period = activationPeriod();
  if ($('#effective-from').value.trim() && !period) return;
  const ok = await confirm($('#confirm'),
    `${label('启用草稿', 'Activate the draft')} <code>${esc(shortVersion(draft.version))}</code>？`,
    `${periodLines(period)}
     <p>${label('场景测试', 'Scenarios')}: ${draft.tests.passed} ✓ ${draft.tests.failed} ✗</p>
     ${replayed
       ? `<p class="muted">${label('回放', 'Replay')} ${esc(replayed.request.from || '…')} — ${esc(replayed.request.to || '…')}
          ${replayed.request.by === 'policyDate' ? label('按政策日期', 'by policy date') : label('按决策时间', 'by decision time')}</p>${renderReplaySummary(replayed.result, 'confirm')}`
       : `<p class="bad" id="confirm-not-replayed">${label('尚未回放此草稿', 'This draft has not been replayed')}</p>`}
     <p>${label('启用后，此期间的新决策按此版本作出；之前的版本可随时回滚。', 'New decisions for this period will use this version; the previous one can be rolled back to at any time.')}</p>`);
  if (!ok) return;
  const result = await activate(draft.version, $('#activate-result'), activationOptions(period));
  if (result) {
    state.draft = null;
    await afterActivation();
  }
  updateButtons();
}

async function onVersionAction(button) {
  const version = button.closest('tr').dataset.version;
  const summary = state.versions.find(v => v.version === version);
  const action = button.dataset.versionAction;
  if (action === 'diff') {
    $('#diff').innerHTML = `<p class="muted">${label('对比中…', 'Comparing…')}</p>`;
    $('#diff').innerHTML = await renderDiff(version, state.active.version);
  } else if (action === 'open') {
    if (workspace.hasEdits() && !window.confirm('放弃未保存的修改？ Discard the changes not saved as a draft?')) return;
    await load(version);
    $('#workspace').scrollIntoView();
    await openFirstModel();
  } else if (action === 'activate') {
    const rollback = summary.status === 'PREVIOUS';
    const period = activationPeriod();
    if ($('#effective-from').value.trim() && !period) return;
    const ok = await confirm($('#confirm'),
      `${rollback ? label('回滚到版本', 'Roll back to version') : label('启用版本', 'Activate version')} <code>${esc(shortVersion(version))}</code>？`,
      `${periodLines(period)}
       <p>${label('当前生效', 'Active now')} <code>${esc(shortVersion(state.active.version))}</code> → <code>${esc(shortVersion(version))}</code></p>
       <p>${label('场景测试', 'Scenarios')}: ${summary.testsPassed ?? '?'} ✓ ${summary.testsFailed ?? 0} ✗</p>
       ${state.replay?.result.candidate === version ? renderReplaySummary(state.replay.result, 'confirm') : ''}`);
    if (!ok) return;
    const result = await activate(version, $('#activate-result'), activationOptions(period));
    if (result) await afterActivation();
    $('#activate').scrollIntoView();
  }
}

function defaultPeriod() {
  const today = new Date();
  const day = (d) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }); // yyyy-MM-dd
  $('#replay-to').value = day(today);
  $('#replay-from').value = day(new Date(today.getTime() - 30 * 86_400_000));
}

$('#save-draft').addEventListener('click', onSaveDraft);
$('#discard').addEventListener('click', () => {
  if (window.confirm('放弃全部未保存的修改？ Discard every change not saved as a draft?')) load().then(openFirstModel);
});
$('#replay-form').addEventListener('submit', event => onReplay(event));
$('#activate-button').addEventListener('click', onActivateDraft);
$('#effective-from').addEventListener('input', showActivationPeriod);
$('#activation-form').addEventListener('submit', event => event.preventDefault());
$('#replay-period-button').addEventListener('click', onReplayPeriod);
$('#timeline-view').addEventListener('click', event => {
  const button = event.target.closest('button[data-timeline-action="withdraw"]');
  if (button) onWithdraw(button);
});
$('#versions').addEventListener('click', event => {
  const button = event.target.closest('button[data-version-action]');
  if (button) onVersionAction(button);
});
document.addEventListener('click', event => {
  const reveal = event.target.closest('[data-reveal]');
  if (reveal) {
    event.preventDefault();
    workspace.reveal(reveal.dataset.reveal, Number(reveal.dataset.line));
  }
  const explain = event.target.closest('[data-explain]');
  if (explain) {
    event.preventDefault();
    showExplanation($('#explanation'), explain.dataset.explain);
  }
  const page = event.target.closest('[data-replay-page]');
  if (page) onReplay(null, Number(page.dataset.replayPage));
});
window.addEventListener('beforeunload', event => {
  if (workspace.hasEdits()) event.preventDefault();
});

/** Opens the first DMN model, so that the page shows a decision diagram from the start. */
async function openFirstModel() {
  const first = workspace.paths().find(path => path.endsWith('.dmn'));
  if (first) await workspace.open(first);
}

defaultPeriod();
window.pageSession.start('analyst').then(() => Promise.all([load(), loadTimeline()])).then(async () => {
  performance.mark('analyst-ready');
  document.body.dataset.ready = 'true';
  await openFirstModel();
  performance.mark('analyst-first-model');
}).catch(error => {
  $('#active-summary').innerHTML = `<p class="bad">${esc(error.message)}</p>`;
});
