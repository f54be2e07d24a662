using AngleSharp.Dom;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Understanding;

/// <summary>What a block of a page is. Only <see cref="Content"/> is read for text, descriptions and Markdown.</summary>
public enum BlockRole
{
    Content,
    /// <summary>Menus, sidebars, tables of contents, breadcrumbs, prev/next bars: read as structure, never as text.</summary>
    Navigation,
    /// <summary>Page furniture: headers, footers, hidden text, forms, heading anchors, edit and copy buttons.</summary>
    Chrome,
    /// <summary>Site-wide extras: cookie and newsletter banners, share buttons, comments, copyright lines, bylines.</summary>
    Boilerplate,
    /// <summary>Not text at all: scripts, styles, media, embedded objects.</summary>
    NotText,
}

/// <summary>One element's role and the named rule that gave it.</summary>
public readonly record struct BlockClass(BlockRole Role, string Reason)
{
    public static readonly BlockClass Content = new(BlockRole.Content, "");
    public bool IsContent => Role == BlockRole.Content;
}

/// <summary>
/// The one classification of a page's blocks, each with its reason: text, descriptions, excerpts and Markdown all
/// skip what is not <see cref="BlockRole.Content"/> (through <see cref="ContentRules.IsSkipped"/>). Generic HTML
/// signals only: element names, ARIA roles, hidden state and the class/id words below.
/// </summary>
public static class BlockClassifier
{
    private static readonly Dictionary<string, BlockRole> ByElement = new(StringComparer.Ordinal)
    {
        ["script"] = BlockRole.NotText, ["style"] = BlockRole.NotText, ["noscript"] = BlockRole.NotText, ["svg"] = BlockRole.NotText,
        ["template"] = BlockRole.NotText, ["iframe"] = BlockRole.NotText, ["object"] = BlockRole.NotText, ["embed"] = BlockRole.NotText,
        ["canvas"] = BlockRole.NotText, ["math"] = BlockRole.NotText, ["audio"] = BlockRole.NotText, ["video"] = BlockRole.NotText,
        ["map"] = BlockRole.NotText, ["head"] = BlockRole.NotText, ["title"] = BlockRole.NotText, ["meta"] = BlockRole.NotText,
        ["link"] = BlockRole.NotText,
        ["nav"] = BlockRole.Navigation, ["aside"] = BlockRole.Navigation,
        ["footer"] = BlockRole.Chrome, ["form"] = BlockRole.Chrome, ["button"] = BlockRole.Chrome, ["select"] = BlockRole.Chrome,
        ["input"] = BlockRole.Chrome, ["textarea"] = BlockRole.Chrome, ["dialog"] = BlockRole.Chrome,
    };

    // Classify runs for every element in every walk of a page: the classes by element name are built once.
    private static readonly Dictionary<string, BlockClass> ByElementClass =
        ByElement.ToDictionary(e => e.Key, e => new BlockClass(e.Value, "<" + e.Key + "> element"), StringComparer.Ordinal);

    private static readonly Dictionary<string, BlockRole> ByRole = new(StringComparer.Ordinal)
    {
        ["navigation"] = BlockRole.Navigation, ["menu"] = BlockRole.Navigation, ["menubar"] = BlockRole.Navigation,
        ["complementary"] = BlockRole.Navigation, ["banner"] = BlockRole.Chrome, ["contentinfo"] = BlockRole.Chrome,
        ["search"] = BlockRole.Chrome, ["dialog"] = BlockRole.Chrome, ["alert"] = BlockRole.Chrome,
    };

    /// <param name="inBodyFallback">True when the page has no main content element and the whole body is read.</param>
    public static BlockClass Classify(IElement element, bool inBodyFallback)
    {
        var name = element.LocalName;
        if (ByElementClass.TryGetValue(name, out var byElement))
        {
            return byElement;
        }
        if (inBodyFallback && name == "header")
        {
            return new BlockClass(BlockRole.Chrome, "<header> of a page without a main element");
        }
        if (name is "table" or "div" && RelationBar.Matches(element))
        {
            return new BlockClass(BlockRole.Navigation, "a bar whose links are only page relations (prev, next, up, home)");
        }
        // One pass over the attributes: most elements have none or only a class.
        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            if (attributes[i] is { } attribute && ByAttribute(attribute.Name, attribute.Value, inBodyFallback) is { } found)
            {
                return found;
            }
        }
        return BlockClass.Content;
    }

    private static BlockClass? ByAttribute(string name, string value, bool inBodyFallback)
    {
        switch (name)
        {
            case "hidden":
                return new BlockClass(BlockRole.Chrome, "hidden attribute");
            case "aria-hidden" when string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase):
                return new BlockClass(BlockRole.Chrome, "aria-hidden=true");
            case "role" when ByRole.TryGetValue(value.Trim().ToLowerInvariant(), out var role):
                return new BlockClass(role, "role=" + value.Trim());
            case "style" when value.Contains("none", StringComparison.OrdinalIgnoreCase)
                && value.Replace(" ", "", StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase):
                return new BlockClass(BlockRole.Chrome, "display:none");
            case "class" or "id":
                return ByWords(value, inBodyFallback) switch
                {
                    BlockRole.Navigation => new BlockClass(BlockRole.Navigation, name + " names navigation (\"" + value.Trim() + "\")"),
                    BlockRole.Chrome => new BlockClass(BlockRole.Chrome, name + " names page chrome (\"" + value.Trim() + "\")"),
                    BlockRole.Boilerplate => new BlockClass(BlockRole.Boilerplate, name + " names site boilerplate (\"" + value.Trim() + "\")"),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>
    /// The role the class/id words name (whole whitespace-separated tokens, case-insensitive): navigation beats
    /// chrome beats boilerplate, whichever token comes first. Navigation rule: a token that starts with "nav"
    /// (navheader, navfooter, navbar, navlinks) names a navigation bar; Prev/Next/Up bars glued to a title are the
    /// worst description a page can get. One pass over the tokens, each lowered once: this runs for every element
    /// with a class or id, in every walk.
    /// </summary>
    private static BlockRole ByWords(string value, bool inBodyFallback)
    {
        var found = BlockRole.Content;
        Span<char> buffer = stackalloc char[40];
        foreach (var range in value.AsSpan().Split(' '))
        {
            var token = value.AsSpan(range).Trim();
            if (token.Length > 3 && token.StartsWith("nav", StringComparison.OrdinalIgnoreCase) && char.IsLetter(token[3]))
            {
                return BlockRole.Navigation;
            }
            if (token.Length is 0 or > 40)
            {
                continue;
            }
            var lower = buffer[..token.Length];
            token.ToLowerInvariant(lower);
            if (NavigationLookup.Contains(lower))
            {
                return BlockRole.Navigation;
            }
            if (ChromeLookup.Contains(lower) || (inBodyFallback && BodyChromeLookup.Contains(lower)))
            {
                found = BlockRole.Chrome;
            }
            else if (found != BlockRole.Chrome && BoilerplateLookup.Contains(lower))
            {
                found = BlockRole.Boilerplate;
            }
        }
        return found;
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NavigationLookup = Words.NavigationTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ChromeLookup = Words.ChromeTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BodyChromeLookup = Words.BodyChromeTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BoilerplateLookup = Words.BoilerplateTokens.GetAlternateLookup<ReadOnlySpan<char>>();
}
