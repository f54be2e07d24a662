// The llmstxt page's two file tabs (llms.txt, llms-full.txt): arrow-key tabs, Copy (with a fallback for plain-http
// pages, which have no clipboard API) and Download of the whole file, whatever part of it is shown.
'use strict';

window.llmsFileTabs = (() => {
  let tabList = [];

  function select(tab) {
    for (const t of tabList) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !selected;
    }
  }

  function onTabKey(e) {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    const shown = tabList.filter((t) => !t.hidden);
    const index = shown.indexOf(e.target);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? shown.length - 1
      : (index + (e.key === 'ArrowRight' ? 1 : -1) + shown.length) % shown.length;
    select(shown[next]);
    shown[next].focus();
    e.preventDefault();
  }

  async function copy(text, button) {
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

  function download(which, text) {
    const blob = new Blob([text], { type: 'text/markdown;charset=utf-8' });
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

  /** Wires the tabs and every [data-copy]/[data-download] button; <textOf>('txt' | 'full') gives a file's whole text. */
  function wire(tabs, textOf) {
    tabList = tabs;
    for (const tab of tabs) {
      tab.addEventListener('click', () => select(tab));
      tab.addEventListener('keydown', onTabKey);
    }
    document.querySelectorAll('[data-copy]').forEach((b) => b.addEventListener('click', () => copy(textOf(b.dataset.copy), b)));
    document.querySelectorAll('[data-download]').forEach((b) => b.addEventListener('click', () => download(b.dataset.download, textOf(b.dataset.download))));
  }

  return { wire, select };
})();
