// Making a version live, after a confirmation that repeats what the analyst is about to do.
import { api, ApiError } from './api.js';
import { esc, label, shortVersion } from './format.js';
import { renderTests } from './draft.js';

/** Shows the confirmation dialog; resolves true when the analyst confirms. */
export function confirm(dialog, title, bodyHtml, okLabel = label('确认启用', 'Activate')) {
  dialog.querySelector('#confirm-title').innerHTML = title;
  dialog.querySelector('#confirm-body').innerHTML = bodyHtml;
  dialog.querySelector('#confirm-ok').innerHTML = okLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

/**
 * Activates from `effectiveFrom` (none: it replaces the entry in force today); resolves with the
 * timeline entry made, or renders why not (409: failing scenarios; 400: a bad date) and resolves null.
 */
export async function activate(version, out, { effectiveFrom = '', note = '' } = {}) {
  out.innerHTML = `<p class="muted">${label('正在启用…', 'Activating…')}</p>`;
  const body = {};
  if (effectiveFrom) body.effectiveFrom = effectiveFrom;
  if (note) body.note = note;
  try {
    const result = await api(`/api/v1/rulesets/${encodeURIComponent(version)}/activate`,
      { method: 'POST', body: Object.keys(body).length ? body : undefined });
    out.innerHTML = `<p class="ok" id="activated">${label('已启用', 'Activated')} <code>${esc(shortVersion(result.version))}</code>
      ${result.effectiveFrom ? `${label('自', 'from')} <b id="activated-from">${esc(result.effectiveFrom)}</b>` : ''}
      ${result.previous ? `<span class="muted">${label('之前', 'previously')} <code>${esc(shortVersion(result.previous))}</code></span>` : ''}</p>`;
    return result;
  } catch (error) {
    out.innerHTML = error instanceof ApiError && error.status === 409 && error.body?.tests
      ? `<p class="bad" id="activation-refused">${label('不能启用：场景测试未通过', 'Refused: scenarios fail')}</p>${renderTests(error.body.tests)}`
      : `<p class="bad" id="activation-refused">${esc(error.message)}</p>`;
    return null;
  }
}
