// The result card of the llmstxt page: a header that tells the story in numbers (listed, fetched, failed, left
// out; each file's size and token estimate; what LLM enhancement cost; partial and size-cap warnings), an outline of llms.txt beside its raw
// text, and big files shown truncated with "Show all" so a 4 MB llms-full.txt never freezes the page.
'use strict';

window.llmsResult = (() => {
  // What the <pre> shows before "Show all": enough to read, small enough to lay out in a few milliseconds.
  const PREVIEW_CHARS = 60000;
  const REASONS = {
    duplicate: 'duplicate', otherLanguage: 'in another language', robots: 'disallowed by robots.txt',
    noindex: 'marked noindex', overBudget: 'over the page budget',
  };

  const number = (n) => Number(n || 0).toLocaleString('en-US');
  const plural = (n, word) => `${number(n)} ${word}${Number(n) === 1 ? '' : 's'}`;
  function size(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1048576) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1048576).toFixed(1)} MB`;
  }
  // UTF-8 length without copying the text: 1, 2, 3 bytes per UTF-16 unit, 4 for a surrogate pair.
  function utf8Bytes(text) {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c < 0xdc00) { bytes += 4; i++; } else bytes += 3;
    }
    return bytes;
  }
  // The same estimate as the server's log and the README: characters / 4.
  const tokens = (text) => Math.round(text.length / 4);

  /** Sections of an llms.txt ("## Name") with their link lines ("- [Title](url): note"). */
  function outline(text) {
    const sections = [];
    let current = null;
    for (const line of text.split('\n')) {
      if (line.startsWith('## ')) {
        current = { name: line.slice(3).trim(), links: [] };
        sections.push(current);
      } else if (current) {
        const m = /^- \[([^\]]*)\]\((\S+?)\)(?::\s*(.*))?$/.exec(line);
        if (m) current.links.push({ title: m[1], url: m[2], note: m[3] || '' });
      }
    }
    return sections;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderOutline(container, text) {
    const sections = outline(text);
    container.replaceChildren(...sections.map((section) => {
      const details = el('details');
      const summary = el('summary');
      summary.append(el('span', 'section-name', section.name), el('span', 'count', plural(section.links.length, 'link')));
      const list = el('ul');
      for (const link of section.links) {
        const item = el('li');
        let href = null;
        try { href = new URL(link.url); } catch (_) { href = null; }
        if (href && /^https?:$/.test(href.protocol)) {
          const a = el('a', '', link.title || href.href);
          a.href = href.href; a.target = '_blank'; a.rel = 'noopener';
          item.append(a);
        } else item.append(link.title);
        if (link.note) item.append(el('span', 'note', link.note));
        list.append(item);
      }
      details.append(summary, list);
      return details;
    }));
    return sections.length;
  }

  /** Shows the start of a big file and a button for the rest; the whole text stays available for copy and download. */
  function showText(pre, more, text) {
    if (text.length <= PREVIEW_CHARS) {
      pre.textContent = text;
      more.hidden = true;
      return;
    }
    const cut = text.lastIndexOf('\n', PREVIEW_CHARS);
    const shown = text.slice(0, cut > 0 ? cut : PREVIEW_CHARS);
    pre.textContent = shown;
    more.hidden = false;
    more.textContent = `Show all ${size(utf8Bytes(text))} (the first ${size(utf8Bytes(shown))} are shown; Copy and Download take the whole file)`;
    more.onclick = () => { pre.textContent = text; more.hidden = true; };
  }

  /** The header above the files: what was listed, what the files weigh, and what to watch out for. */
  function renderSummary(container, { done, files, sectionCount, partial }) {
    const lines = [];
    const counts = el('p', 'counts');
    const max = done.maxPages ? ` of ${number(done.maxPages)}` : '';
    counts.append(el('strong', '', `${number(done.listed ?? done.pages)}${max} pages listed`),
      ` · ${number(done.fetched)} fetched · ${number(done.failed)} failed`
      + (sectionCount ? ` · ${plural(sectionCount, 'section')}` : ''));
    lines.push(counts);
    const leftOut = Object.entries(done.leftOut || {}).filter(([, n]) => n > 0);
    if (leftOut.length) {
      lines.push(el('p', 'left-out', 'Left out: ' + leftOut.map(([reason, n]) => `${number(n)} ${REASONS[reason] || reason}`).join(', ')));
    }
    for (const [name, text] of [['llms.txt', files.txt], ['llms-full.txt', files.full]]) {
      if (!text) continue;
      lines.push(el('p', 'file-size', `${name}: ${size(utf8Bytes(text))} · about ${number(tokens(text))} tokens`));
    }
    if (done.llm) lines.push(el('p', 'llm-cost', llmLine(done.llm)));
    if (partial) {
      lines.push(el('p', 'warning', `Partial: the crawl was stopped, so the file lists only the pages fetched before the stop. It was not hosted.`));
    }
    if (done.fullPagesShortened > 0) {
      lines.push(el('p', 'warning', `llms-full.txt reached its size cap: ${plural(done.fullPagesShortened, 'long page')} are shortened so that every page fits.`));
    }
    if (done.fullPagesLeftOut > 0) {
      lines.push(el('p', 'warning', `llms-full.txt reached its size cap: ${plural(done.fullPagesLeftOut, 'page')} are listed at its end instead of inlined.`));
    }
    container.replaceChildren(...lines);
    container.hidden = false;
  }

  /** What LLM enhancement did and cost (done.llm): chunks improved, requests, tokens as the provider counted them. */
  function llmLine(llm) {
    const parts = [`${number(llm.chunksImproved)} of ${plural(llm.chunks, 'chunk')} improved`, plural(llm.requests, 'request')];
    if (llm.promptTokens || llm.completionTokens) parts.push(`${number(llm.promptTokens)} prompt + ${number(llm.completionTokens)} answer tokens`);
    if (llm.descriptionsReused) parts.push(`${plural(llm.descriptionsReused, 'description')} reused from the last run`);
    return 'LLM enhancement: ' + parts.join(' · ');
  }

  /** The validity badge; a partial file is never labelled plain "Valid". */
  function verdictText(valid, problemCount, partial) {
    if (!valid) return `Not valid: ${plural(problemCount, 'problem')}`;
    const notes = problemCount ? ` (${plural(problemCount, 'note')})` : '';
    return partial ? `Partial file, valid format${notes}` : `Valid llms.txt${notes}`;
  }

  return { outline, renderOutline, showText, renderSummary, verdictText, utf8Bytes, PREVIEW_CHARS };
})();
