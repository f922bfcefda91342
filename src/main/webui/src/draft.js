// "Save as draft": the changed files go to the drafts endpoint, on top of the live version. A 422
// names each problem's file and line; a stored draft comes with its scenario test report.
import { api, ApiError } from './api.js';
import { esc, label, shortVersion } from './format.js';
import { nameOf } from './dmn-import-warnings.js';

/** "amounts.payable: expected 9.77, was 9.98" → {field, expected, actual} */
export function parseMismatch(text) {
  const match = /^(.*?): expected (.*), was (.*)$/.exec(text);
  return match ? { field: match[1], expected: match[2], actual: match[3] } : { field: '', expected: '', actual: text };
}

function group(problems) {
  const byFile = {};
  for (const p of problems) (byFile[p.file] ??= []).push({ line: p.line ?? 0, message: p.message });
  return byFile;
}

export function renderTests(tests) {
  const failures = tests.failures ?? [];
  const cases = tests.cases ?? [];
  return `
    <p class="tests-summary ${tests.failed ? 'bad' : 'ok'}" id="tests-summary">
      ${label('场景测试', 'Scenarios')}: ${tests.passed} ${label('通过', 'passed')} · ${tests.failed} ${label('失败', 'failed')}</p>
    ${failures.map(f => `
      <div class="failure" data-file="${esc(f.file)}" data-line="${f.line}">
        <p>✗ <a href="#" data-reveal="${esc(f.file)}" data-line="${f.line}" class="mono">${esc(f.file)}:${f.line}</a> ${esc(f.name)}</p>
        <table class="mismatches"><thead><tr><th>${label('项目', 'Field')}</th><th>${label('期望', 'Expected')}</th><th>${label('实际', 'Actual')}</th></tr></thead>
          <tbody>${f.mismatches.map(parseMismatch).map(m => `
            <tr><td class="mono">${esc(m.field)}</td><td class="mono expected">${esc(m.expected)}</td><td class="mono actual">${esc(m.actual)}</td></tr>`).join('')}</tbody></table>
      </div>`).join('')}
    ${cases.length ? `<details class="cases"><summary>${label('全部场景', 'Every scenario')} (${cases.length})</summary>
      <ul id="scenario-list">${cases.map(c => `
        <li class="${c.passed ? 'pass' : 'fail'}">${c.passed ? '✓' : '✗'} <span class="mono muted">${esc(c.file)}:${c.line}</span> ${esc(c.name)}</li>`).join('')}</ul></details>` : ''}`;
}

/**
 * Posts the changed files; resolves with the stored draft, or null when nothing was stored.
 * Problems and failing scenarios are marked in the workspace at their files and lines.
 */
export async function saveDraft(workspace, out) {
  const lossy = await workspace.lossyEdits();
  if (lossy.length) {
    out.innerHTML = `
      <p class="bad" id="draft-refused">${label('不能保存：编辑器会丢失模型中的元素', 'Not saved: the editor would drop elements of the model')}</p>
      <ul id="draft-lossy">${lossy.flatMap(({ path, lossy: dropped }) => dropped.map(w => `
        <li data-file="${esc(path)}" data-element="${esc(w.element ?? '')}" data-element-id="${esc(w.id ?? '')}"><span class="mono">${esc(path)}</span>:
          <span class="mono">${esc(nameOf(w))}</span></li>`)).join('')}</ul>
      <p class="muted">${label('放弃对该模型的修改，或在仓库中以 XML 编辑它', 'Discard the changes to that model, or edit it as XML in the repository')}</p>`;
    return null;
  }
  const files = await workspace.changedFiles();
  if (Object.keys(files).length === 0) {
    out.innerHTML = `<p class="muted" id="draft-nothing">${label('与生效版本相比没有修改', 'Nothing differs from the active version')}</p>`;
    return null;
  }
  out.innerHTML = `<p class="muted">${label('正在编译、校验并运行场景测试…', 'Compiling, validating and running the scenarios…')}
    <span class="mono">${Object.keys(files).map(esc).join(', ')}</span></p>`;
  try {
    const draft = await api('/api/v1/rulesets/drafts', { method: 'POST', body: { files } });
    const failing = (draft.tests.failures ?? []).map(f => ({ file: f.file, line: f.line, message: `场景失败 scenario fails: ${f.name}` }));
    // Warnings (decision-table analysis) stay in the list below: they do not stop a draft.
    await workspace.showProblems(group(failing), files);
    out.innerHTML = `
      <p id="draft-saved">${label('已保存草稿', 'Draft saved')} <code title="${esc(draft.version)}">${esc(shortVersion(draft.version))}</code>
        <span class="status status-${esc(draft.status)}">${esc(draft.status)}</span>
        <span class="muted">${label('文件', 'files')}: ${Object.keys(files).map(esc).join(', ')}</span></p>
      ${renderTests(draft.tests)}
      ${draft.warnings?.length ? `<details><summary>${label('警告', 'Warnings')} (${draft.warnings.length})</summary><ul>${draft.warnings.map(w => `
        <li><a href="#" data-reveal="${esc(w.file)}" data-line="${w.line}" class="mono">${esc(w.file)}:${w.line}</a> ${esc(w.message)}</li>`).join('')}</ul></details>` : ''}`;
    return draft;
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      const problems = error.body.errors ?? [];
      await workspace.showProblems(group(problems), files);
      out.innerHTML = `
        <p class="bad" id="draft-refused">${label('不能保存：规则未通过编译或校验', 'Not saved: the rules do not compile or validate')}</p>
        <ul id="draft-errors">${problems.map(p => `
          <li><a href="#" data-reveal="${esc(p.file)}" data-line="${p.line}" class="mono">${esc(p.file)}${p.line ? ':' + p.line : ''}</a> ${esc(p.message)}</li>`).join('')}</ul>`;
      return null;
    }
    out.innerHTML = `<p class="bad">${esc(error.message)}</p>`;
    return null;
  }
}
