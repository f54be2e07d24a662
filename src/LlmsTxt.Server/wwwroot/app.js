// The llmstxt web page: reads /api/config, opens /ws/crawl, and shows the crawl as it happens.
// Plain browser JavaScript, no build step and nothing loaded from elsewhere.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const TOKEN_KEY = 'llmstxt.token';
  const MAX_LOG_LINES = 3000;

  const form = $('crawl-form');
  const els = {
    url: $('url'), urlError: $('url-error'), maxPages: $('max-pages'), descLength: $('desc-length'),
    full: $('full'), autoUpdate: $('auto-update'), interval: $('interval'),
    llm: $('llm-enhance'), llmHint: $('llm-hint'), render: $('render-js'), renderHint: $('render-hint'),
    apiKeyField: $('api-key-field'), apiKey: $('api-key'),
    generate: $('generate'), stop: $('stop'), error: $('error'),
    activity: $('activity'), status: $('status'), progress: $('progress'), progressText: $('progress-text'), log: $('log'),
    results: $('results'), verdict: $('verdict'), hosted: $('hosted'), problems: $('problems'),
    tabTxt: $('tab-txt'), tabFull: $('tab-full'), panelTxt: $('panel-txt'), panelFull: $('panel-full'),
    outTxt: $('output-txt'), outFull: $('output-full'),
  };

  let config = { apiKeyRequired: false, llmEnhancementAvailable: false, renderingAvailable: false, limits: {} };
  let socket = null;
  let run = null; // state of the crawl in progress: { done, cancelled, error }
  const files = { txt: '', full: '' };

  // ---- configuration -------------------------------------------------------------------------
  async function loadConfig() {
    try {
      const response = await fetch('/api/config', { headers: { Accept: 'application/json' } });
      if (response.ok) config = Object.assign(config, await response.json());
    } catch (_) {
      showError('Could not read the server configuration; the page may not work.');
    }
    applyConfig();
  }

  function applyConfig() {
    els.apiKeyField.hidden = !config.apiKeyRequired;
    setAvailable(els.llm, els.llmHint, config.llmEnhancementAvailable);
    setAvailable(els.render, els.renderHint, config.renderingAvailable);
    const limits = config.limits || {};
    applyRange(els.maxPages, limits.maxPages);
    applyRange(els.descLength, limits.descLength);
    if (config.renderingAvailable && config.renderingDefault) els.render.checked = true;
    document.body.dataset.ready = 'true';
  }

  function setAvailable(input, hint, available) {
    input.disabled = !available;
    if (!available) input.checked = false;
    hint.hidden = available;
  }

  function applyRange(input, range) {
    if (!range) return;
    input.min = range.min; input.max = range.max;
    if (range.default !== undefined && !input.dataset.touched) input.value = range.default;
    const hint = document.getElementById(input.getAttribute('aria-describedby'));
    if (hint) hint.textContent = input === els.descLength ? `${range.min}–${range.max} characters per page` : `${range.min}–${range.max}`;
  }

  // ---- request -------------------------------------------------------------------------------
  function readRequest() {
    const errors = [];
    const raw = els.url.value.trim();
    let url = null;
    try {
      const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
      url = new URL(withScheme);
      if (!raw || !/^https?:$/.test(url.protocol) || !url.hostname) url = null;
    } catch (_) { url = null; }
    setFieldError(els.url, els.urlError, url ? '' : 'Enter a website address such as https://example.com (http or https).');
    if (!url) errors.push(els.url);
    const maxPages = readNumber(els.maxPages, 'Max pages', errors);
    const descLength = readNumber(els.descLength, 'Description length', errors);
    if (errors.length) { errors[0].focus(); return null; }
    if (url.href !== raw) els.url.value = url.href;
    return {
      url: url.href, maxPages, descLength,
      full: els.full.checked,
      enableAutoUpdate: els.autoUpdate.checked,
      recrawlIntervalMinutes: Number(els.interval.value),
      llmEnhance: els.llm.checked && !els.llm.disabled,
      useBrightdata: els.render.checked && !els.render.disabled,
    };
  }

  function readNumber(input, name, errors) {
    const value = Number(input.value);
    const min = Number(input.min), max = Number(input.max);
    const ok = input.value !== '' && Number.isInteger(value) && value >= min && value <= max;
    input.setAttribute('aria-invalid', String(!ok));
    if (!ok) { errors.push(input); showError(`${name} must be a whole number from ${min} to ${max}.`); }
    return value;
  }

  function setFieldError(input, el, message) {
    input.setAttribute('aria-invalid', String(Boolean(message)));
    el.textContent = message;
    el.hidden = !message;
  }

  // ---- authentication ------------------------------------------------------------------------
  function storedToken() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
      if (saved && saved.token && saved.expiresAt > Date.now() + 15000) return saved.token;
    } catch (_) { /* unreadable: ask again */ }
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }

  async function obtainToken() {
    const key = els.apiKey.value;
    if (!key) {
      const saved = storedToken();
      if (saved) return saved;
      els.apiKey.focus();
      throw new Error('This server needs an API key: enter it above.');
    }
    let response;
    try {
      response = await fetch('/auth/token', { method: 'POST', headers: { 'X-API-Key': key } });
    } catch (_) {
      throw new Error('Could not reach the server to check the API key.');
    }
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      els.apiKey.setAttribute('aria-invalid', 'true');
      els.apiKey.focus();
      throw new Error('The API key was not accepted. Check it and try again.');
    }
    if (response.status === 429) {
      const wait = response.headers.get('Retry-After');
      throw new Error(`Too many wrong keys from this address; try again${wait ? ` in ${wait} seconds` : ' later'}.`);
    }
    if (!response.ok) throw new Error(`The server could not issue a token (HTTP ${response.status}).`);
    const body = await response.json();
    els.apiKey.setAttribute('aria-invalid', 'false');
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token: body.token, expiresAt: Date.now() + (body.expires_in || 300) * 1000 }));
    return body.token;
  }

  // ---- the crawl -----------------------------------------------------------------------------
  async function start(event) {
    event.preventDefault();
    if (run && !run.done) return;
    hideError();
    const request = readRequest();
    if (!request) return;

    let token = null;
    if (config.apiKeyRequired) {
      try { token = await obtainToken(); } catch (e) { showError(e.message); return; }
    }
    resetOutput(request.maxPages);
    setRunning(true);
    run = { done: false, cancelled: false, error: false, sawResult: false };

    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = token ? `?token=${encodeURIComponent(token)}` : '';
    const current = run;
    socket = new WebSocket(`${scheme}//${location.host}/ws/crawl${query}`);
    socket.onopen = () => socket.send(JSON.stringify(request));
    socket.onmessage = (e) => { if (run === current) handle(e.data); };
    socket.onerror = () => { /* the close event follows and explains */ };
    socket.onclose = (e) => { if (run === current) finish(e); };
  }

  function stop() {
    if (!socket || socket.readyState !== WebSocket.OPEN || !run || run.done) return;
    run.cancelled = true;
    socket.send(JSON.stringify({ type: 'cancel' }));
    els.stop.disabled = true;
    els.status.textContent = 'Stopping… building the file from the pages fetched so far';
  }

  function handle(data) {
    let message;
    try { message = JSON.parse(data); } catch (_) { return; }
    const content = message.content;
    switch (message.type) {
      case 'log': appendLog(String(content)); break;
      case 'progress': showProgress(content || {}); break;
      case 'result': showFile('txt', String(content)); break;
      case 'full': showFile('full', String(content)); break;
      case 'url': showHosted(String(content), 'llms.txt'); break;
      case 'full_url': showHosted(String(content), 'llms-full.txt'); break;
      case 'validation': showVerdict(content || {}); break;
      case 'error':
        run.error = true;
        appendLog(String(content), 'error');
        showError(String(content));
        break;
      case 'done': showDone(content || {}); break;
      default: break; // types this page does not know are ignored, as the protocol asks
    }
  }

  function finish(event) {
    const wasDone = run.done;
    run.done = true;
    socket = null;
    setRunning(false);
    if (event.code === 1008) {
      sessionStorage.removeItem(TOKEN_KEY);
      showError(config.apiKeyRequired
        ? 'The server refused the credentials (invalid or expired token). Enter the API key and try again.'
        : 'The server refused the connection: it now requires an API key. Reload the page.');
      if (!config.apiKeyRequired) loadConfig();
    } else if (event.code === 1009) {
      showError('The request was too large for the server.');
    } else if (event.code === 1013) {
      showError(event.reason || 'The server is busy; try again in a minute.');
    } else if (!wasDone && !run.error) {
      showError(event.code === 1006
        ? 'The connection to the server was lost before the crawl finished.'
        : `The server closed the connection (${event.code}${event.reason ? `: ${event.reason}` : ''}).`);
    }
    if (!els.status.textContent || els.status.textContent.startsWith('Stopping') || els.status.textContent.startsWith('Crawling')) {
      els.status.textContent = run.error ? 'Failed' : (run.cancelled ? 'Stopped' : 'Finished');
    }
  }

  // ---- rendering -----------------------------------------------------------------------------
  function resetOutput(maxPages) {
    els.log.replaceChildren();
    els.progress.max = maxPages; els.progress.value = 0;
    els.progressText.textContent = `0 / ${maxPages} pages`;
    els.activity.hidden = false;
    els.results.hidden = true;
    els.hosted.hidden = true; els.hosted.replaceChildren();
    els.verdict.textContent = ''; els.verdict.className = 'verdict';
    els.problems.hidden = true; els.problems.replaceChildren();
    files.txt = ''; files.full = '';
    els.outTxt.textContent = ''; els.outFull.textContent = '';
    els.tabFull.hidden = true;
    selectTab(els.tabTxt);
    els.status.textContent = 'Crawling…';
  }

  function setRunning(running) {
    els.generate.disabled = running;
    els.stop.disabled = !running;
    form.setAttribute('aria-busy', String(running));
  }

  function appendLog(text, kind) {
    const log = els.log;
    // Follow the tail only when the reader is already at the bottom; don't yank them back up.
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 24;
    const li = document.createElement('li');
    li.textContent = text;
    if (kind) li.className = kind;
    else if (/^(warning|skipped|failed)\b/i.test(text)) li.className = 'warn';
    log.append(li);
    while (log.childElementCount > MAX_LOG_LINES) log.firstElementChild.remove();
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  function showProgress(p) {
    const max = Number(p.maxPages) || Number(els.progress.max) || 1;
    const crawled = Number(p.crawled) || 0;
    els.progress.max = max;
    els.progress.value = Math.min(crawled, max);
    const extra = [p.failed ? `${p.failed} failed` : '', p.queued ? `${p.queued} queued` : ''].filter(Boolean).join(', ');
    els.progressText.textContent = `${crawled} / ${max} pages${extra ? ` (${extra})` : ''}`;
  }

  function showFile(which, text) {
    files[which] = text;
    (which === 'txt' ? els.outTxt : els.outFull).textContent = text;
    if (which === 'full') els.tabFull.hidden = false;
    els.results.hidden = false;
    run.sawResult = true;
  }

  function showHosted(url, label) {
    let safe;
    try { safe = new URL(url, location.href); } catch (_) { return; }
    if (!/^https?:$/.test(safe.protocol)) return;
    if (!els.hosted.childElementCount) els.hosted.append('Hosted: ');
    else els.hosted.append(' · ');
    const a = document.createElement('a');
    a.href = safe.href; a.textContent = label === 'llms.txt' ? safe.href : label;
    a.target = '_blank'; a.rel = 'noopener';
    a.dataset.file = label;
    els.hosted.append(a);
    els.hosted.hidden = false;
    els.results.hidden = false;
  }

  function showVerdict(v) {
    const problems = Array.isArray(v.problems) ? v.problems : [];
    els.verdict.className = `verdict ${v.valid ? 'ok' : 'bad'}`;
    els.verdict.textContent = v.valid
      ? (problems.length ? `Valid llms.txt (${problems.length} note${problems.length > 1 ? 's' : ''})` : 'Valid llms.txt')
      : `Not valid: ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    els.problems.replaceChildren(...problems.map((p) => {
      const li = document.createElement('li');
      li.textContent = `${p.line ? `line ${p.line}: ` : ''}${p.message || p}`;
      return li;
    }));
    els.problems.hidden = problems.length === 0;
  }

  function showDone(d) {
    run.done = true;
    const seconds = typeof d.seconds === 'number' ? d.seconds.toFixed(1) : d.seconds;
    const prefix = run.error ? 'Failed' : (run.cancelled ? 'Stopped' : 'Done');
    els.status.textContent = `${prefix}: ${d.pages ?? 0} pages, ${d.failed ?? 0} failed, ${seconds ?? '?'} s`;
  }

  function showError(message) {
    els.error.textContent = message;
    els.error.hidden = false;
  }

  function hideError() {
    els.error.hidden = true;
    els.error.textContent = '';
  }

  // ---- tabs, copy, download ------------------------------------------------------------------
  function selectTab(tab) {
    for (const t of [els.tabTxt, els.tabFull]) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !selected;
    }
  }

  function onTabKey(e) {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    const tabs = [els.tabTxt, els.tabFull].filter((t) => !t.hidden);
    const index = tabs.indexOf(e.target);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1
      : (index + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length;
    selectTab(tabs[next]);
    tabs[next].focus();
    e.preventDefault();
  }

  async function copy(which, button) {
    const text = files[which];
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(text); ok = true; }
    } catch (_) { ok = false; }
    if (!ok) {
      // Plain-http pages have no clipboard API; the old selection trick still works there.
      const area = document.createElement('textarea');
      area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
      document.body.append(area); area.select();
      try { ok = document.execCommand('copy'); } catch (_) { ok = false; }
      area.remove();
    }
    flash(button, ok ? 'Copied' : 'Copy failed');
  }

  function download(which) {
    const blob = new Blob([files[which]], { type: 'text/markdown;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = which === 'txt' ? 'llms.txt' : 'llms-full.txt';
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  function flash(button, text) {
    const original = button.dataset.label || button.textContent;
    button.dataset.label = original;
    button.textContent = text;
    setTimeout(() => { button.textContent = original; }, 1500);
  }

  // ---- wiring --------------------------------------------------------------------------------
  form.addEventListener('submit', start);
  els.stop.addEventListener('click', stop);
  els.autoUpdate.addEventListener('change', () => { els.interval.disabled = !els.autoUpdate.checked; });
  els.url.addEventListener('input', () => setFieldError(els.url, els.urlError, ''));
  els.maxPages.addEventListener('input', () => { els.maxPages.dataset.touched = '1'; });
  els.descLength.addEventListener('input', () => { els.descLength.dataset.touched = '1'; });
  for (const tab of [els.tabTxt, els.tabFull]) {
    tab.addEventListener('click', () => selectTab(tab));
    tab.addEventListener('keydown', onTabKey);
  }
  document.querySelectorAll('[data-copy]').forEach((b) => b.addEventListener('click', () => copy(b.dataset.copy, b)));
  document.querySelectorAll('[data-download]').forEach((b) => b.addEventListener('click', () => download(b.dataset.download)));
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && run && !run.done) stop(); });
  loadConfig();
})();
