// The ruleset versions: the active one, earlier ones and drafts, each with a file-by-file diff
// against the active version, and a button to go back to it.
import { structuredPatch } from 'diff';
import { api } from './api.js';
import { esc, label, shortVersion, time } from './format.js';
import { normalizeXml } from './xml-normal-form.js';

const cache = new Map();

/** A version's files, path → text (fetched once: a version never changes). */
export async function filesOf(version) {
  if (!cache.has(version)) {
    cache.set(version, api(`/api/v1/rulesets/${encodeURIComponent(version)}`).then(detail => detail.files)
      .catch(error => { cache.delete(version); throw error; }));
  }
  return cache.get(version);
}

export function renderActive(active) {
  if (!active) return `<p class="bad">${label('没有生效的规则版本', 'No ruleset is active')}</p>`;
  return `
    <dl class="facts" id="active-facts">
      <dt>${label('版本', 'Version')}</dt><dd><code id="active-version">${esc(active.version)}</code></dd>
      <dt>${label('启用时间', 'Activated at')}</dt><dd id="active-at">${esc(time(active.activatedAt))}</dd>
      <dt>${label('启用人', 'Activated by')}</dt><dd id="active-by">${esc(active.activatedBy ?? '—')}</dd>
      <dt>${label('来源', 'Origin')}</dt><dd>${esc(active.origin ?? '')} ${esc(active.createdBy ?? '')}</dd>
      <dt>${label('场景测试', 'Scenarios')}</dt><dd>${active.testsPassed ?? '?'} ✓ ${active.testsFailed ? `<span class="bad">${active.testsFailed} ✗</span>` : ''}</dd>
      <dt>${label('文件', 'Files')}</dt><dd class="mono">${active.files.map(esc).join(' · ')}</dd>
    </dl>`;
}

export function renderVersions(versions) {
  return versions.map(v => `
    <tr data-version="${esc(v.version)}" class="${v.active ? 'active-row' : ''}">
      <td><code title="${esc(v.version)}">${esc(shortVersion(v.version))}</code></td>
      <td class="status status-${esc(v.status)}">${esc(v.status)}</td>
      <td>${esc(v.origin ?? '')} ${esc(v.createdBy ?? '')}<br><span class="muted">${esc(time(v.firstLoadedAt))}</span></td>
      <td>${v.activatedAt ? `${esc(time(v.activatedAt))} · ${esc(v.activatedBy)}` : '—'}</td>
      <td>${v.testsPassed ?? '?'} ✓ ${v.testsFailed ? `<span class="bad">${v.testsFailed} ✗</span>` : ''}</td>
      <td class="row-buttons">
        <button type="button" class="secondary small" data-version-action="open">${label('打开', 'Open')}</button>
        ${v.active ? '' : `<button type="button" class="secondary small" data-version-action="diff">${label('对比', 'Diff')}</button>
          ${v.testsFailed ? '' : `<button type="button" class="small" data-version-action="activate">${v.status === 'PREVIOUS' ? label('回滚到此版本', 'Roll back') : label('启用', 'Activate')}</button>`}`}
      </td></tr>`).join('');
}

const LARGEST_DIFFED = 300_000;

function renderPatch(path, before, after) {
  if (before === undefined || after === undefined) {
    return `<div class="file-diff" data-file="${esc(path)}"><h4 class="mono">${esc(path)}</h4><p class="muted">${before === undefined ? label('新文件', 'new file') : label('此版本没有该文件', 'not in this version')}</p></div>`;
  }
  const small = before.length + after.length <= LARGEST_DIFFED;
  const xml = path.endsWith('.dmn');
  const patch = small ? structuredPatch(path, path, xml ? normalizeXml(before) : before, xml ? normalizeXml(after) : after, '', '',
    { context: 3, timeout: 2000 }) : null;
  if (!patch) {
    return `<div class="file-diff" data-file="${esc(path)}"><h4 class="mono">${esc(path)}</h4>
      <p class="muted">${label('文件太大，不逐行对比', 'Too large to compare line by line')}: ${before.split('\n').length} → ${after.split('\n').length} ${label('行', 'lines')}</p></div>`;
  }
  if (patch.hunks.length === 0) {
    return `<div class="file-diff" data-file="${esc(path)}"><h4 class="mono">${esc(path)}</h4><p class="muted">${label('仅格式不同', 'Differs in layout only')}</p></div>`;
  }
  return `<div class="file-diff" data-file="${esc(path)}"><h4 class="mono">${esc(path)}${xml ? ` <span class="muted">${label('按规范化的 XML 对比', 'compared as normalized XML')}</span>` : ''}</h4>${patch.hunks.map(hunk => `
    <pre class="hunk"><span class="hunk-head">@@ −${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@</span>${hunk.lines.map(line =>
      `<span class="${line[0] === '+' ? 'added' : line[0] === '-' ? 'removed' : 'same'}">${esc(line)}</span>`).join('')}</pre>`).join('')}</div>`;
}

/** The files of `version` that differ from the active version, line by line (active → version). */
export async function renderDiff(version, activeVersion) {
  const [theirs, live] = await Promise.all([filesOf(version), filesOf(activeVersion)]);
  const paths = [...new Set([...Object.keys(live), ...Object.keys(theirs)])].sort().filter(path => live[path] !== theirs[path]);
  return `<h3>${label('与生效版本的差异', 'Differences from the active version')}: <code>${esc(shortVersion(activeVersion))}</code> → <code>${esc(shortVersion(version))}</code>
      <span class="muted">(${paths.length} ${label('个文件', 'files')})</span></h3>
    ${paths.length ? paths.map(path => renderPatch(path, live[path], theirs[path])).join('') : `<p class="muted">${label('文件相同', 'Same files')}</p>`}`;
}
