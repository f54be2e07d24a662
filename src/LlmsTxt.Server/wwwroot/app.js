// The llmstxt web page: reads /api/config, opens /ws/crawl, and shows the crawl as it happens.
// Plain browser JavaScript, no build step and nothing loaded from elsewhere.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const MAX_LOG_LINES = 3000;
  // A line about one page (the crawler's per-page events); everything else is a milestone of the story.
  const PER_PAGE_LINE = /^(Fetched|Skipped|Retrying|Failed|Rendered) /;
  // One column below this width (see app.css): the crawl and the result are below the form, off screen.
  const SMALL_SCREEN = window.matchMedia('(max-width: 63.99rem)');
  const R = window.llmsResult;
  const auth = window.llmsAuth;
  const tabs = window.llmsFileTabs;

  const form = $('crawl-form');
  const els = {
    url: $('url'), urlError: $('url-error'), maxPages: $('max-pages'), descLength: $('desc-length'),
    maxPagesError: $('max-pages-error'), descLengthError: $('desc-length-error'), apiKeyError: $('api-key-error'),
    story: $('story'), pageLog: $('page-log'), pageLogCount: $('page-log-count'), pageLogDetails: $('page-log-details'),
    summary: $('summary'), outline: $('outline'), moreTxt: $('more-txt'), moreFull: $('more-full'),
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
  let run = null; // state of the crawl in progress: { done, cancelled, error, verdict, story, origin }
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
    const { url, problem } = window.llmsStory.siteAddress(els.url.value);
    setFieldError(els.url, els.urlError, problem || '');
    if (!url) errors.push(els.url);
    const maxPages = readNumber(els.maxPages, els.maxPagesError, 'Max pages', errors);
    const descLength = readNumber(els.descLength, els.descLengthError, 'Description length', errors);
    if (errors.length) { errors[0].focus(); return null; }
    if (url.href !== els.url.value.trim()) els.url.value = url.href;
    return {
      url: url.href, maxPages, descLength,
      full: els.full.checked,
      enableAutoUpdate: els.autoUpdate.checked,
      recrawlIntervalMinutes: Number(els.interval.value),
      llmEnhance: els.llm.checked && !els.llm.disabled,
      useBrightdata: els.render.checked && !els.render.disabled,
    };
  }

  function readNumber(input, errorEl, name, errors) {
    const value = Number(input.value);
    const min = Number(input.min), max = Number(input.max);
    const ok = input.value !== '' && Number.isInteger(value) && value >= min && value <= max;
    setFieldError(input, errorEl, ok ? '' : `${name} must be a whole number from ${min} to ${max}.`);
    if (!ok) errors.push(input);
    return value;
  }

  /** A server error that names a request field is shown at that field; the rest go to the alert below the form. */
  function showServerError(message) {
    const field = /^(url|maxPages|descLength)\b/.exec(message);
    const targets = { url: [els.url, els.urlError], maxPages: [els.maxPages, els.maxPagesError], descLength: [els.descLength, els.descLengthError] };
    if (field) setFieldError(...targets[field[1]], message);
    else showError(message);
  }

  function setFieldError(input, el, message) {
    input.setAttribute('aria-invalid', String(Boolean(message)));
    el.textContent = message;
    el.hidden = !message;
  }

  // ---- the crawl -----------------------------------------------------------------------------
  async function start(event) {
    event.preventDefault();
    if (run && !run.done) return;
    hideError();
    // A new attempt clears the last one's cards, so an old result never sits next to a new error.
    els.activity.hidden = true;
    els.results.hidden = true;
    setFieldError(els.apiKey, els.apiKeyError, '');
    const request = readRequest();
    if (!request) return;

    let token = null;
    if (config.apiKeyRequired) {
      try { token = await auth.obtainToken(els.apiKey); } catch (e) {
        if (e.field === 'apiKey') setFieldError(els.apiKey, els.apiKeyError, e.message); else showError(e.message);
        return;
      }
    }
    run = { done: false, cancelled: false, error: false, sawResult: false, verdict: null, story: window.llmsStory.create(els.story), origin: new URL(request.url).origin, maxPages: request.maxPages };
    resetOutput(request.maxPages);
    setRunning(true);
    if (SMALL_SCREEN.matches) els.activity.scrollIntoView({ block: 'start' });

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
        showServerError(String(content));
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
      auth.forget();
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
    els.pageLog.replaceChildren(); els.pageLogCount.textContent = '0'; els.pageLogDetails.open = false;
    els.story.textContent = 'Starting…';
    els.summary.hidden = true; els.summary.replaceChildren(); els.outline.replaceChildren();
    els.moreTxt.hidden = true; els.moreFull.hidden = true;
    els.progress.max = maxPages; els.progress.value = 0;
    els.progressText.textContent = `0 / ${maxPages} pages listed`;
    els.activity.hidden = false;
    els.results.hidden = true;
    els.hosted.hidden = true; els.hosted.replaceChildren();
    els.verdict.textContent = ''; els.verdict.className = 'verdict';
    els.problems.hidden = true; els.problems.replaceChildren();
    files.txt = ''; files.full = '';
    els.outTxt.textContent = ''; els.outFull.textContent = '';
    els.tabFull.hidden = true;
    tabs.select(els.tabTxt);
    els.status.textContent = 'Crawling…';
  }

  function setRunning(running) {
    els.generate.disabled = running;
    els.stop.disabled = !running;
    form.setAttribute('aria-busy', String(running));
  }

  function appendLog(text, kind) {
    const perPage = !kind && PER_PAGE_LINE.test(text);
    if (perPage) {
      // The site's origin on every line is noise: show the path.
      text = text.split(run.origin).join('');
      els.pageLogCount.textContent = String(Number(els.pageLogCount.textContent) + 1);
    } else run.story.note(text);
    const log = perPage ? els.pageLog : els.log;
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
    // listed never passes maxPages; older servers send only crawled (pages read), so cap that.
    const listed = Math.min(Number(p.listed ?? p.crawled) || 0, max);
    els.progress.max = max;
    els.progress.value = listed;
    const extra = [p.fetched ?? p.crawled ? `${p.fetched ?? p.crawled} fetched` : '', p.failed ? `${p.failed} failed` : ''].filter(Boolean).join(', ');
    els.progressText.textContent = `${listed} / ${max} pages listed${extra ? ` (${extra})` : ''}`;
  }

  function showFile(which, text) {
    files[which] = text;
    R.showText(which === 'txt' ? els.outTxt : els.outFull, which === 'txt' ? els.moreTxt : els.moreFull, text);
    if (which === 'txt') run.sections = R.renderOutline(els.outline, text);
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
    run.verdict = { valid: Boolean(v.valid), count: problems.length };
    renderVerdict(run.cancelled);
    els.problems.replaceChildren(...problems.map((p) => {
      const li = document.createElement('li');
      li.textContent = `${p.line ? `line ${p.line}: ` : ''}${p.message || p}`;
      return li;
    }));
    els.problems.hidden = problems.length === 0;
  }

  function renderVerdict(partial) {
    if (!run.verdict) return;
    const { valid, count } = run.verdict;
    els.verdict.className = `verdict ${!valid ? 'bad' : partial ? 'partial' : 'ok'}`;
    els.verdict.textContent = R.verdictText(valid, count, partial);
  }

  function showDone(d) {
    run.done = true;
    const seconds = typeof d.seconds === 'number' ? d.seconds.toFixed(1) : d.seconds;
    const prefix = run.error ? 'Failed' : (run.cancelled || d.partial ? 'Stopped' : 'Done');
    const listed = d.listed ?? d.pages ?? 0;
    els.status.textContent = `${prefix}: ${listed} pages listed, ${d.failed ?? 0} failed, ${seconds ?? '?'} s`;
    run.story.end(run.error ? 'failed' : `${run.cancelled || d.partial ? 'stopped after' : 'done in'} ${seconds} s`);
    if (!run.sawResult) return;
    const partial = Boolean(d.partial || run.cancelled);
    renderVerdict(partial);
    R.renderSummary(els.summary, { done: { ...d, maxPages: run.maxPages }, files, sectionCount: run.sections, partial });
    if (SMALL_SCREEN.matches) els.results.scrollIntoView({ block: 'start' });
  }

  function showError(message) {
    els.error.textContent = message;
    els.error.hidden = false;
  }

  function hideError() {
    els.error.hidden = true;
    els.error.textContent = '';
  }

  // ---- wiring --------------------------------------------------------------------------------
  form.addEventListener('submit', start);
  els.stop.addEventListener('click', stop);
  els.autoUpdate.addEventListener('change', () => { els.interval.disabled = !els.autoUpdate.checked; });
  els.url.addEventListener('input', () => setFieldError(els.url, els.urlError, ''));
  els.maxPages.addEventListener('input', () => { els.maxPages.dataset.touched = '1'; setFieldError(els.maxPages, els.maxPagesError, ''); });
  els.descLength.addEventListener('input', () => { els.descLength.dataset.touched = '1'; setFieldError(els.descLength, els.descLengthError, ''); });
  els.apiKey.addEventListener('input', () => setFieldError(els.apiKey, els.apiKeyError, ''));
  tabs.wire([els.tabTxt, els.tabFull], (which) => files[which]);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && run && !run.done) stop(); });
  loadConfig();
})();
