// Making a version live, after a confirmation that repeats what the analyst is about to do.
import { api, ApiError } from './api.js';
import { esc, label, shortVersion } from './format.js';
import { renderTests } from './draft.js';

/** Shows the confirmation dialog; resolves true when the analyst confirms. */
export function confirm(dialog, title, bodyHtml) {
  dialog.querySelector('#confirm-title').innerHTML = title;
  dialog.querySelector('#confirm-body').innerHTML = bodyHtml;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

/** Activates; resolves with {version, previous}, or renders why not (409: failing scenarios) and resolves null. */
export async function activate(version, out) {
  out.innerHTML = `<p class="muted">${label('正在启用…', 'Activating…')}</p>`;
  try {
    const result = await api(`/api/v1/rulesets/${encodeURIComponent(version)}/activate`, { method: 'POST' });
    out.innerHTML = `<p class="ok" id="activated">${label('已启用', 'Activated')} <code>${esc(shortVersion(result.version))}</code>
      <span class="muted">${label('之前', 'previously')} <code>${esc(shortVersion(result.previous))}</code></span></p>`;
    return result;
  } catch (error) {
    out.innerHTML = error instanceof ApiError && error.status === 409
      ? `<p class="bad" id="activation-refused">${label('不能启用：场景测试未通过', 'Refused: scenarios fail')}</p>${renderTests(error.body.tests)}`
      : `<p class="bad">${esc(error.message)}</p>`;
    return null;
  }
}
