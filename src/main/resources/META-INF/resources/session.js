// The pages' sign-in session, shared by the audit page and the analyst page (a plain script, no build step).
// A page that is not signed in goes to the sign-in page and comes back; every change it sends carries the
// CSRF token of its session (X-CSRF-TOKEN), without which the service refuses it (403).
'use strict';

window.pageSession = (() => {
  let current = null;

  async function start(role) {
    const response = await fetch('/api/v1/session', {headers: {accept: 'application/json'}});
    if (response.status === 401) {
      location.assign('/login.html?next=' + encodeURIComponent(location.pathname + location.search + location.hash));
      return new Promise(() => {});
    }
    current = await response.json();
    showUser(role);
    return current;
  }

  function showUser(role) {
    const nav = document.querySelector('header nav');
    if (!nav) return;
    const who = document.createElement('span');
    who.className = 'signed-in';
    who.id = 'signed-in';
    who.textContent = current.username + (role && !current.roles.includes(role) ? `（无 ${role} 角色 · lacks role ${role}）` : '');
    const out = document.createElement('button');
    out.className = 'tab';
    out.id = 'sign-out';
    out.type = 'button';
    out.innerHTML = '退出 <span class="en">Sign out</span>';
    out.addEventListener('click', signOut);
    nav.append(who, out);
  }

  async function signOut() {
    await fetch('/api/v1/session/sign-out', {method: 'POST', headers: headers('POST')});
    location.assign('/login.html');
  }

  /** The headers a request needs: the CSRF token for anything but a read. */
  function headers(method, extra = {}) {
    const safe = ['GET', 'HEAD', 'OPTIONS'].includes((method ?? 'GET').toUpperCase());
    return safe || !current ? {...extra} : {...extra, 'X-CSRF-TOKEN': current.csrfToken};
  }

  return {start, headers};
})();
