using System.Text;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// A parsed robots.txt (RFC 9309). Groups start with one or more <c>user-agent</c> lines; all groups
/// naming our product token are merged, else all <c>*</c> groups, else nothing applies. The longest
/// matching pattern wins and Allow beats Disallow on ties; <c>*</c> and <c>$</c> are supported. Like
/// Google's parser we also accept a missing colon (<c>disallow /</c>), cut user-agent values at the first
/// space, and treat an allowed <c>/dir/index.html</c> as allowing <c>/dir/</c>.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>Google cuts lines at 8 × 2083 bytes; we do the same so long patterns match identically.</summary>
    private const int MaxLineLength = 2083 * 8 - 1;

    private readonly List<Group> _groups = [];
    private readonly List<string> _sitemaps = [];

    private RobotsTxt()
    {
    }

    /// <summary>An empty file: everything allowed.</summary>
    public static RobotsTxt AllowAll { get; } = new();

    /// <summary>Absolute URLs of <c>Sitemap:</c> lines, in file order.</summary>
    public IReadOnlyList<string> Sitemaps => _sitemaps;

    public static RobotsTxt Parse(string content)
    {
        var robots = new RobotsTxt();
        content = content.TrimStart('\uFEFF');
        Group? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in SplitLines(content))
        {
            var line = rawLine.Length > MaxLineLength ? rawLine[..MaxLineLength] : rawLine;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }
            line = line.Trim();
            if (!TrySplit(line, out var key, out var value))
            {
                continue;
            }
            switch (key)
            {
                case "user-agent":
                    if (current is null || !lastWasAgent)
                    {
                        current = new Group();
                        robots._groups.Add(current);
                    }
                    current.Agents.Add(AgentToken(value));
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow" when current is not null:
                    if (value.Length > 0)
                    {
                        var pattern = EscapePattern(value);
                        current.Rules.Add(new Rule(pattern, key == "allow"));
                        if (key == "allow" && pattern.EndsWith("/index.html", StringComparison.Ordinal))
                        {
                            current.Rules.Add(new Rule(pattern[..^"index.html".Length] + "$", true));
                        }
                    }
                    break;
                case "crawl-delay" when current is not null:
                    if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 86400)
                    {
                        current.CrawlDelay = TimeSpan.FromSeconds(seconds);
                    }
                    break;
                case "sitemap" or "site-map":
                    robots._sitemaps.Add(value);
                    break;
            }
            lastWasAgent = false;
        }
        return robots;
    }

    /// <summary>RFC 9309 product tokens: letters, '_' and '-' only.</summary>
    public static bool IsValidProductToken(string? token) =>
        !string.IsNullOrEmpty(token) && token.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or '-');

    /// <summary>Whether <paramref name="userAgent"/> may fetch <paramref name="url"/> (an encoded URL or path).</summary>
    public bool IsAllowed(string userAgent, string url)
    {
        var rules = RulesFor(userAgent);
        if (rules.Count == 0)
        {
            return true;
        }
        var path = PathParamsQuery(url);
        var bestAllow = -1;
        var bestDisallow = -1;
        foreach (var rule in rules)
        {
            var length = rule.Pattern.Length;
            if (length <= (rule.Allow ? bestAllow : bestDisallow) || !Matches(path, rule.Pattern))
            {
                continue;
            }
            if (rule.Allow)
            {
                bestAllow = length;
            }
            else
            {
                bestDisallow = length;
            }
        }
        return bestDisallow < 0 || bestAllow >= bestDisallow;
    }

    /// <summary>The Crawl-delay of the group that applies to <paramref name="userAgent"/>, if any.</summary>
    public TimeSpan? CrawlDelay(string userAgent) =>
        GroupsFor(userAgent).Select(g => g.CrawlDelay).FirstOrDefault(d => d is not null);

    /// <summary>Rules that apply to <paramref name="userAgent"/> (for logging).</summary>
    public int RuleCount(string userAgent) => RulesFor(userAgent).Count;

    /// <summary>The path, parameters and query of a URL as robots.txt matching sees it (no fragment, always starting with '/').</summary>
    public static string PathParamsQuery(string url)
    {
        var searchStart = url.StartsWith("//", StringComparison.Ordinal) ? 2 : 0;
        var earlyPath = url.IndexOfAny(['/', '?', ';'], searchStart);
        var protocolEnd = url.IndexOf("://", searchStart, StringComparison.Ordinal);
        protocolEnd = protocolEnd < 0 || (earlyPath >= 0 && earlyPath < protocolEnd) ? searchStart : protocolEnd + 3;
        var pathStart = url.IndexOfAny(['/', '?', ';'], protocolEnd);
        if (pathStart < 0)
        {
            return "/";
        }
        var hash = url.IndexOf('#', searchStart);
        if (hash >= 0 && hash < pathStart)
        {
            return "/";
        }
        var path = url[pathStart..(hash < 0 ? url.Length : hash)];
        return path[0] == '/' ? path : "/" + path;
    }

    /// <summary>Percent-encodes non-ASCII characters (as UTF-8) and upper-cases existing escapes.</summary>
    public static string EscapePattern(string pattern)
    {
        var builder = new StringBuilder(pattern.Length);
        var bytes = Encoding.UTF8.GetBytes(pattern);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == '%' && i + 2 < bytes.Length && Uri.IsHexDigit((char)bytes[i + 1]) && Uri.IsHexDigit((char)bytes[i + 2]))
            {
                builder.Append('%').Append(char.ToUpperInvariant((char)bytes[i + 1])).Append(char.ToUpperInvariant((char)bytes[i + 2]));
                i += 2;
            }
            else if (b >= 0x80)
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }
        return builder.ToString();
    }

    /// <summary>Pattern matching with '*' (any run of characters) and a final '$' (end of path).</summary>
    internal static bool Matches(string path, string pattern)
    {
        // Positions in path that the pattern prefix read so far can end at, kept sorted and unique.
        Span<int> positions = path.Length < 1024 ? stackalloc int[path.Length + 1] : new int[path.Length + 1];
        positions[0] = 0;
        var count = 1;
        for (var p = 0; p < pattern.Length; p++)
        {
            var c = pattern[p];
            if (c == '$' && p == pattern.Length - 1)
            {
                return positions[count - 1] == path.Length;
            }
            if (c == '*')
            {
                var first = positions[0];
                count = path.Length - first + 1;
                for (var i = 0; i < count; i++)
                {
                    positions[i] = first + i;
                }
                continue;
            }
            var next = 0;
            for (var i = 0; i < count; i++)
            {
                var at = positions[i];
                if (at < path.Length && path[at] == c)
                {
                    positions[next++] = at + 1;
                }
            }
            if (next == 0)
            {
                return false;
            }
            count = next;
        }
        return true;
    }

    private List<Rule> RulesFor(string userAgent) => GroupsFor(userAgent).SelectMany(g => g.Rules).ToList();

    private IEnumerable<Group> GroupsFor(string userAgent)
    {
        var specific = _groups.Where(g => g.Agents.Any(a => a != "*" && a.Length > 0 && string.Equals(a, userAgent, StringComparison.OrdinalIgnoreCase))).ToList();
        return specific.Count > 0 ? specific : _groups.Where(g => g.Agents.Contains("*"));
    }

    private static string AgentToken(string value)
    {
        var end = 0;
        while (end < value.Length && !char.IsWhiteSpace(value[end]))
        {
            end++;
        }
        return value[..end];
    }

    private static bool TrySplit(string line, out string key, out string value)
    {
        key = value = "";
        if (line.Length == 0)
        {
            return false;
        }
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            // "disallow /": the colon is obviously meant (Google accepts it too).
            var space = line.IndexOfAny([' ', '\t']);
            if (space < 0)
            {
                return false;
            }
            colon = space;
        }
        key = NormaliseKey(line[..colon].Trim().ToLowerInvariant());
        value = line[(colon + 1)..].Trim();
        return key.Length > 0;
    }

    private static string NormaliseKey(string key) => key switch
    {
        "useragent" or "user agent" => "user-agent",
        "dissallow" or "dissalow" or "disalow" or "diasllow" or "disallaw" => "disallow",
        _ => key,
    };

    private static IEnumerable<string> SplitLines(string content)
    {
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] is '\n' or '\r')
            {
                yield return content[start..i];
                if (content[i] == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
                {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < content.Length)
        {
            yield return content[start..];
        }
    }

    private sealed record Rule(string Pattern, bool Allow);

    private sealed class Group
    {
        public List<string> Agents { get; } = [];
        public List<Rule> Rules { get; } = [];
        public TimeSpan? CrawlDelay { get; set; }
    }
}
