// The analysts' page: see the active ruleset and its history, edit its files, save a draft, replay
// it over a recorded period, activate it. Plain modules over the service's own API.
import './style.css';
import { api } from './api.js';
import { $, esc, label, shortVersion } from './format.js';
import { Workspace } from './workspace.js';
import { saveDraft } from './draft.js';
import { renderReplay, renderReplayProgress, renderReplaySummary, replay, replayPage, showExplanation } from './replay.js';
import { activate, confirm } from './activation.js';
import { filesOf, renderActive, renderDiff, renderVersions } from './versions.js';

const state = {
  versions: [],
  active: null,   // summary of the live version
  draft: null,    // the draft last saved from this page
  replay: null,   // the replay last run, with the request that made it
};

// The editor is fetched while the versions load, so that the first model shows sooner.
import('./dmn-editor.js').catch(() => {});

const workspace = new Workspace($('#files'), $('#editor-area'), () => updateButtons());

function updateButtons() {
  const draft = state.draft;
  $('#activate-button').disabled = !draft || draft.status !== 'DRAFT' || draft.tests.failed > 0;
  $('#replay-button').disabled = !$('#replay-candidate').value;
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
  const ok = await confirm($('#confirm'),
    `${label('启用草稿', 'Activate the draft')} <code>${esc(shortVersion(draft.version))}</code>？`,
    `<p>${label('场景测试', 'Scenarios')}: ${draft.tests.passed} ✓ ${draft.tests.failed} ✗</p>
     ${replayed
       ? `<p class="muted">${label('回放', 'Replay')} ${esc(replayed.request.from || '…')} — ${esc(replayed.request.to || '…')}</p>${renderReplaySummary(replayed.result, 'confirm')}`
       : `<p class="bad" id="confirm-not-replayed">${label('尚未回放此草稿', 'This draft has not been replayed')}</p>`}
     <p>${label('启用后，新的决策按此版本作出；之前的版本可随时回滚。', 'New decisions will use this version; the previous one can be rolled back to at any time.')}</p>`);
  if (!ok) return;
  const result = await activate(draft.version, $('#activate-result'));
  if (result) {
    state.draft = null;
    await load();
    await openFirstModel();
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
    const ok = await confirm($('#confirm'),
      `${rollback ? label('回滚到版本', 'Roll back to version') : label('启用版本', 'Activate version')} <code>${esc(shortVersion(version))}</code>？`,
      `<p>${label('当前生效', 'Active now')} <code>${esc(shortVersion(state.active.version))}</code> → <code>${esc(shortVersion(version))}</code></p>
       <p>${label('场景测试', 'Scenarios')}: ${summary.testsPassed ?? '?'} ✓ ${summary.testsFailed ?? 0} ✗</p>
       ${state.replay?.result.candidate === version ? renderReplaySummary(state.replay.result, 'confirm') : ''}`);
    if (!ok) return;
    const result = await activate(version, $('#activate-result'));
    if (result) {
      await load();
      await openFirstModel();
    }
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
window.pageSession.start('analyst').then(() => load()).then(async () => {
  performance.mark('analyst-ready');
  document.body.dataset.ready = 'true';
  await openFirstModel();
  performance.mark('analyst-first-model');
}).catch(error => {
  $('#active-summary').innerHTML = `<p class="bad">${esc(error.message)}</p>`;
});
