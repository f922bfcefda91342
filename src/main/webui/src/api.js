// The service's own API, called with the page's sign-in session (/session.js): the session cookie, and
// the CSRF token on every change.

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body;
  }
}

export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(path, {
    method,
    headers: window.pageSession.headers(method, body === undefined ? { ...headers } : { 'content-type': 'application/json', ...headers }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

function describe(status, body) {
  if (status === 413) {
    return '草稿超过服务接受的大小（quarkus.http.limits.max-body-size，默认 32 MB）· The draft is larger than the service accepts (quarkus.http.limits.max-body-size, 32 MB by default)';
  }
  if (body?.errors) {
    return body.errors.map(e => `${e.field ?? e.file}${e.line ? ':' + e.line : ''}: ${e.messageZh ? e.messageZh + ' ' : ''}${e.message}`).join('; ');
  }
  return body?.message ?? `HTTP ${status}`;
}
