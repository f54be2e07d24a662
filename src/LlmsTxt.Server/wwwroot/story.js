// The llmstxt page's reading of what people type and of what the crawl says: the site-address rule (the same
// as the CLI's, see the README) and the crawl told as one line of milestones.
'use strict';

window.llmsStory = (() => {
  // The README's rule, as the CLI applies it: http(s) URLs as given; without a scheme, localhost and IP addresses
  // get http:// and names with a dot https://; anything else is refused with a reason, never "fixed".
  function siteAddress(text) {
    const raw = text.trim();
    const example = 'Enter a website address such as https://example.com or example.com';
    if (!raw) return { problem: `${example}.` };
    if (/\s/.test(raw)) return { problem: `"${raw}" is not a website address (it contains spaces). ${example}.` };
    let candidate = raw;
    if (!raw.includes('://')) {
      const host = raw.split(/[/?#]/)[0].replace(/:\d*$/, '');
      const local = /^localhost$/i.test(host) || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^\[[0-9a-f:.]+\]$/i.test(host);
      if (!local && !host.includes('.')) return { problem: `"${raw}" is not a website address (no domain such as example.com). ${example}.` };
      candidate = (local ? 'http://' : 'https://') + raw;
    }
    let url;
    try { url = new URL(candidate); } catch (_) { return { problem: `"${raw}" is not a website address. ${example}.` }; }
    if (!/^https?:$/.test(url.protocol)) return { problem: `Only http:// and https:// sites can be crawled, not ${url.protocol}. ${example}.` };
    if (!url.hostname) return { problem: `"${raw}" has no host name. ${example}.` };
    return { url };
  }

  /** "Found 1,169 pages in the sitemap → fetching up to 200 pages → writing 12 sections → done in 3.1 s". */
  function create(target) {
    const steps = {};
    const render = (end) => {
      target.textContent = [steps.sitemap, steps.fetch, steps.write, end].filter(Boolean).join(' → ') || 'Starting…';
    };
    function note(text) {
      let m;
      if ((m = /^Crawling .* for up to (\d+) pages/.exec(text))) steps.fetch = `fetching up to ${m[1]} pages`;
      else if ((m = /^Sitemap .*: (\d+) URLs/.exec(text))) {
        steps.sitemapCount = Number(m[1]) + (steps.sitemapCount || 0);
        steps.sitemap = `Found ${steps.sitemapCount.toLocaleString('en-US')} pages in the sitemap`;
      } else if (/^No sitemap found/.test(text)) steps.sitemap = 'No sitemap: following links';
      else if ((m = /^Sections: (.*)/.exec(text))) {
        const n = m[1].split(', ').length;
        steps.write = `${steps.partial ? 'stopped: ' : ''}writing ${n} section${n === 1 ? '' : 's'}`;
      } else if (/^Partial result/.test(text)) {
        steps.partial = true;
        steps.write = 'stopped: writing a partial file';
      }
      render();
    }
    render();
    return { note, end: render };
  }

  return { siteAddress, create };
})();
