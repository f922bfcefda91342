// Small helpers for writing HTML by hand: escaping, amounts, times, version hashes.

export const $ = (selector, root = document) => root.querySelector(selector);

export const esc = (value) => String(value ?? '').replace(/[&<>"']/g,
  c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** A label in Chinese first, English second. */
export const label = (zh, en) => `${esc(zh)} <span class="en">${esc(en)}</span>`;

// JSON numbers lose their trailing zeros in JavaScript: show money with two decimals (15200.00).
export const amount = (value) => {
  if (value === null || value === undefined) return '—';
  const text = String(value);
  const decimals = text.includes('.') ? text.split('.')[1].length : 0;
  return decimals >= 2 ? text : Number(value).toFixed(2);
};

export const signed = (value) => (Number(value) > 0 ? '+' : '') + amount(value);

export const time = (instant) => instant ? new Date(instant).toLocaleString('zh-CN', { hour12: false }) : '—';

/** sha256:2a988e9b0d49… → 2a988e9b0d49 */
export const shortVersion = (version) => version ? version.replace(/^sha256:/, '').slice(0, 12) : '';
