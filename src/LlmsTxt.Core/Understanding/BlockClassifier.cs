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
        if (ByElement.TryGetValue(name, out var byElement))
        {
            return new BlockClass(byElement, "<" + name + "> element");
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
                if (ContentRules.HasToken(value, Words.NavigationTokens) || ContentRules.HasNavigationPrefix(value))
                {
                    return new BlockClass(BlockRole.Navigation, name + " names navigation (\"" + value.Trim() + "\")");
                }
                if (ContentRules.HasToken(value, Words.ChromeTokens) || (inBodyFallback && ContentRules.HasToken(value, Words.BodyChromeTokens)))
                {
                    return new BlockClass(BlockRole.Chrome, name + " names page chrome (\"" + value.Trim() + "\")");
                }
                if (ContentRules.HasToken(value, Words.BoilerplateTokens))
                {
                    return new BlockClass(BlockRole.Boilerplate, name + " names site boilerplate (\"" + value.Trim() + "\")");
                }
                return null;
            default:
                return null;
        }
    }
}
