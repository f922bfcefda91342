// Signs in with Quarkus form authentication and goes back to the page that asked (only a path of this site).
'use strict';

const form = document.getElementById('sign-in');
const message = document.getElementById('sign-in-message');

function nextPage() {
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  message.textContent = '';
  const response = await fetch('/j_security_check', {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams(new FormData(form)),
  });
  if (response.ok) {
    location.assign(nextPage());
  } else if (response.status === 429) {
    const seconds = response.headers.get('Retry-After') ?? '?';
    message.textContent = `失败次数过多，请 ${seconds} 秒后再试 · Too many failed sign-ins: try again in ${seconds} s`;
  } else {
    message.textContent = '用户名或密码不正确 · Wrong user name or password';
  }
});
