#!/usr/bin/env python3
"""Counts the word lists (and their entries) and the numeric thresholds of the content rules, so issue 9's
"fewer word lists and thresholds" is a reproducible figure rather than an impression.

    python3 tools/rule-count.py [--files] [ROOT]      (ROOT defaults to src/LlmsTxt.Core)

Scope: the folders that decide what a page is and where it goes (Extraction, Understanding, Planning, Writing,
Generation). Crawling (URL identity, robots), Enhancement and Rendering are other rooms and are not counted.

Method (text-level, no compiler; comments and string contents are ignored where it matters):
  word list   a collection initializer (`new(...) { ... }`, `= [ ... ]`, `(string[])[ ... ]`) holding two or more
              string literals, a `[GeneratedRegex]` whose pattern has three or more alternatives made of letters
              (privacy|cookies|terms ...), or an inline `is "a" or "b" or "c"` chain of three or more literals.
              Entries: the string literals (dictionary keys only), or the regex alternatives.
              A list whose entries are all HTML element/attribute names or ARIA roles is reported apart as
              "markup": it names the HTML standard's vocabulary, not a heuristic choice of words.
  threshold   a numeric `const` (counted once where it is declared), or a bare numeric literal other than 0 and 1
              right after a comparison (`< 40`, `>= 3`, `is > 0 and <= 80`) or as the argument of Take/Skip/Cut/
              Min/Max/Clamp, or a literal ratio (`* 10 >= ... * 6`). Literals inside a const's own line, inside
              strings, comments and attributes are not counted.
"""
import os
import re
import sys

FOLDERS = ["Extraction", "Understanding", "Planning", "Writing", "Generation"]

# Files in those folders that implement a format or plumbing (HTML decoding, Markdown and table writing, the
# llms.txt validator, URL identity, request validation), not a judgement about what a page is or where it goes.
# Their lists and limits (codec names, Markdown escapes, spec rules) are not content heuristics.
NOT_RULES = {
    "Extraction/" + f for f in ["CodeText.cs", "Dom.cs", "ExtractionOptions.cs", "HashRoute.cs", "HtmlEncoding.cs",
                                "MarkdownConverter.cs", "MarkdownText.cs", "MarkdownWriter.cs", "MarkdownWriter.Inline.cs",
                                "MarkdownWriter.Items.cs", "MetaTags.cs", "NestingGuard.cs", "Page.cs", "PageCut.cs",
                                "TableShape.cs", "TableWriter.cs", "TextTools.cs", "UrlResolver.cs"]
} | {
    "Writing/" + f for f in ["FairShare.cs", "LlmsFullWriter.cs", "LlmsTxtInput.cs", "LlmsTxtValidator.cs",
                             "LlmsTxtValidator.Full.cs", "LlmsTxtWriter.cs", "PageHeadings.cs", "SitePlan.cs", "UrlKey.cs"]
} | {"Generation/GenerationRequest.cs"}

# The HTML standard's element and attribute names, ARIA roles and standard meta names (what "markup" lists are made of).
MARKUP = set("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col colgroup
data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head
header hgroup hr html i iframe img input ins kbd label legend li link main map mark math menu meta meter nav noscript
object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search section select slot
small source span strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track
u ul var video wbr
href src data-src alt class id role hidden aria-hidden aria-label lang xml:lang name property content http-equiv rel
hreflang charset data-lang data-language start typeof itemtype type media
navigation menubar complementary banner contentinfo alert tree directory heading
description og:title og:description og:site_name og:locale twitter:title twitter:description application-name robots
""".split())

STRING = re.compile(r'@?"(?:[^"\\\n]|\\.)*"')
LIST_START = re.compile(r'(?:=\s*new\s*(?:\w|<[^=;]*>)*\s*\([^;{]*?\)\s*\{|=\s*\[|\(string\[\]\)\s*\[|=\s*new\s*\w*(?:<[^=;]*>)?\[\]\s*\{)')
OR_CHAIN = re.compile(r'(?:"[^"\n]*"\s+or\s+){2,}"[^"\n]*"')
REGEX_ATTR = re.compile(r'\[GeneratedRegex\((@?"(?:[^"]|"")*"|"""[\s\S]*?""")')
CONST = re.compile(r'\bconst\s+(?:int|long|double|float)\s+([^;]+);')
THRESHOLD = re.compile(
    r'(?:(?:[<>]=?|[!=]=|\bis|\band|\bor)\s*-?\d+(?:\.\d+)?\b'
    r'|\b(?:Take|Skip|Cut|Min|Max|Clamp)\([^()]*?\b\d+(?:\.\d+)?\s*\)'
    r'|\*\s*\d+\s*(?:[<>]=?))')


def strip_comments(code):
    """Blanks comments (keeping line breaks) and leaves strings intact."""
    out, i, n = [], 0, len(code)
    while i < n:
        if code.startswith("//", i):
            j = code.find("\n", i)
            i = n if j < 0 else j
        elif code.startswith("/*", i):
            j = code.find("*/", i)
            chunk = code[i:(n if j < 0 else j + 2)]
            out.append("\n" * chunk.count("\n"))
            i = n if j < 0 else j + 2
        elif code[i] == '"':
            m = STRING.match(code, i)
            if m:
                out.append(m.group(0))
                i = m.end()
            else:
                out.append(code[i])
                i += 1
        elif code[i] == "'" and (m := re.compile(r"'(?:[^'\\\n]|\\.[^']*)'").match(code, i)):
            out.append(m.group(0))
            i = m.end()
        else:
            out.append(code[i])
            i += 1
    return "".join(out)


def matching(code, start, open_ch, close_ch):
    depth = 0
    for k in range(start, len(code)):
        c = code[k]
        if c == '"':
            m = STRING.match(code, k)
            if m:
                continue
        if c == open_ch:
            depth += 1
        elif c == close_ch:
            depth -= 1
            if depth == 0:
                return k
    return len(code)


def literals(body):
    keys = re.findall(r'\[\s*(@?"(?:[^"\\]|\\.)*")\s*\]\s*=', body)
    values = keys if keys else STRING.findall(body)
    return [v for v in (v.lstrip("@").strip('"') for v in values) if v]


def regex_alternatives(pattern):
    inner = pattern.strip('@"')
    alternatives = [a for a in re.split(r'\|', inner) if re.search(r'[a-zA-Z]{3,}', re.sub(r'\\[a-zA-Z]', '', a))]
    return alternatives if len(alternatives) >= 3 else []


def lists_in(code):
    found = []
    for m in LIST_START.finditer(code):
        open_ch = code[m.end() - 1]
        close_ch = "}" if open_ch == "{" else "]"
        end = matching(code, m.end() - 1, open_ch, close_ch)
        entries = literals(code[m.end():end])
        if len(entries) >= 2:
            line = code.count("\n", 0, m.start()) + 1
            found.append((line, entries))
    for m in REGEX_ATTR.finditer(code):
        entries = regex_alternatives(m.group(1))
        if entries:
            found.append((code.count("\n", 0, m.start()) + 1, entries))
    for m in OR_CHAIN.finditer(code):
        found.append((code.count("\n", 0, m.start()) + 1, [s.strip('"') for s in STRING.findall(m.group(0))]))
    return found


def thresholds_in(code):
    count, lines = 0, []
    for number, line in enumerate(code.split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            continue
        const = CONST.search(line)
        if const:
            names = len(re.findall(r'\b\w+\s*=\s*[-\d]', const.group(1)))
            count += names
            lines.append((number, names))
            continue
        without_strings = STRING.sub('""', line)
        hits = [h for h in THRESHOLD.findall(without_strings)
                if not re.fullmatch(r'.*?\b[01](?:\.0)?\s*\)?\s*[<>]?=?', h.strip()) or re.search(r'\d\.\d', h)]
        if hits:
            count += len(hits)
            lines.append((number, len(hits)))
    return count, lines


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "src", "LlmsTxt.Core")
    per_file = "--files" in sys.argv
    totals = {"word lists": 0, "entries": 0, "markup lists": 0, "markup entries": 0, "thresholds": 0}
    for folder in FOLDERS:
        path = os.path.join(root, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith(".cs") or (folder + "/" + name) in NOT_RULES:
                continue
            code = strip_comments(open(os.path.join(path, name), encoding="utf-8").read())
            words = markup = entries = markup_entries = 0
            for _, items in lists_in(code):
                if all(i.lower() in MARKUP for i in items):
                    markup += 1
                    markup_entries += len(items)
                else:
                    words += 1
                    entries += len(items)
            thresholds, _ = thresholds_in(code)
            totals["word lists"] += words
            totals["entries"] += entries
            totals["markup lists"] += markup
            totals["markup entries"] += markup_entries
            totals["thresholds"] += thresholds
            if per_file and (words or thresholds or markup):
                print(f"  {folder}/{name}: {words} word lists ({entries} entries), {markup} markup lists, {thresholds} thresholds")
    print(f"word lists {totals['word lists']} ({totals['entries']} entries); markup lists {totals['markup lists']} "
          f"({totals['markup entries']} entries); thresholds {totals['thresholds']}")


if __name__ == "__main__":
    main()
