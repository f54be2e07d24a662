// The llmstxt page's short-lived WebSocket token: kept in sessionStorage until 15 s before it expires, asked for
// with the API key (POST /auth/token) when there is none, and forgotten when the server refuses it.
'use strict';

window.llmsAuth = (() => {
  const TOKEN_KEY = 'llmstxt.token';

  function storedToken() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
      if (saved && saved.token && saved.expiresAt > Date.now() + 15000) return saved.token;
    } catch (_) { /* unreadable: ask again */ }
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }

  /** A token for the socket: the stored one, or a new one for the key typed into <apiKey>. Errors name the field. */
  async function obtainToken(apiKey) {
    const key = apiKey.value;
    if (!key) {
      const saved = storedToken();
      if (saved) return saved;
      apiKey.focus();
      throw Object.assign(new Error('This server needs an API key: enter it here.'), { field: 'apiKey' });
    }
    let response;
    try {
      response = await fetch('/auth/token', { method: 'POST', headers: { 'X-API-Key': key } });
    } catch (_) {
      throw new Error('Could not reach the server to check the API key.');
    }
    if (response.status === 401) {
      forget();
      apiKey.setAttribute('aria-invalid', 'true');
      apiKey.focus();
      throw Object.assign(new Error('The API key was not accepted. Check it and try again.'), { field: 'apiKey' });
    }
    if (response.status === 429) {
      const wait = response.headers.get('Retry-After');
      throw new Error(`Too many wrong keys from this address; try again${wait ? ` in ${wait} seconds` : ' later'}.`);
    }
    if (!response.ok) throw new Error(`The server could not issue a token (HTTP ${response.status}).`);
    const body = await response.json();
    apiKey.setAttribute('aria-invalid', 'false');
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token: body.token, expiresAt: Date.now() + (body.expires_in || 300) * 1000 }));
    return body.token;
  }

  /** Drops the stored token (the server refused it). */
  function forget() {
    sessionStorage.removeItem(TOKEN_KEY);
  }

  return { obtainToken, forget };
})();
