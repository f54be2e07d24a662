using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>Where the main content of a page is, and which elements are page chrome rather than content.</summary>
internal static class ContentRules
{
    /// <summary>Deeper subtrees are flattened or skipped: hostile nesting must not exhaust the stack.</summary>
    public const int MaxDepth = 400;

    // Candidates for the main content, best first: main, [role=main], article, then common ids and classes.
    private static readonly string[] RootIds = Understanding.Words.MainContentIds;
    private static readonly string[] RootClasses = Understanding.Words.MainContentClasses;

    /// <summary>The element holding the main content: main, [role=main], a single article, common ids, else body.</summary>
    public static (IElement Root, bool IsBody) FindRoot(IDocument document)
    {
        var body = document.Body ?? document.DocumentElement;
        // One pass over the tree collects every candidate (a selector per candidate would walk it ten times).
        var candidates = new IElement?[2 + 1 + RootIds.Length + RootClasses.Length];
        IElement? firstArticle = null;
        var articles = 0;
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((body, 0));
        while (stack.Count > 0)
        {
            var (element, depth) = stack.Pop();
            Consider(element, candidates, ref firstArticle, ref articles);
            if (depth >= MaxDepth)
            {
                continue;
            }
            var children = element.ChildNodes; // not Children: that allocates a collection per call
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push((child, depth + 1));
                }
            }
        }
        if (articles > 1 && firstArticle is not null)
        {
            // A listing of several articles: their container is the content.
            candidates[2] = firstArticle.ParentElement ?? firstArticle;
        }
        foreach (var candidate in candidates)
        {
            if (candidate is not null && HasText(candidate))
            {
                return (candidate, false);
            }
        }
        return (body, true);
    }

    private static void Consider(IElement element, IElement?[] candidates, ref IElement? firstArticle, ref int articles)
    {
        switch (element.LocalName)
        {
            case "main":
                candidates[0] ??= element;
                break;
            case "article":
                articles++;
                firstArticle ??= element;
                candidates[2] ??= element;
                break;
        }
        if (candidates[1] is null && string.Equals(element.GetAttribute("role"), "main", StringComparison.OrdinalIgnoreCase))
        {
            candidates[1] = element;
        }
        var id = element.Id;
        if (!string.IsNullOrEmpty(id))
        {
            var index = Array.IndexOf(RootIds, id);
            if (index >= 0)
            {
                candidates[3 + index] ??= element;
            }
        }
        var classes = element.GetAttribute("class");
        if (!string.IsNullOrEmpty(classes))
        {
            // One split of the class list for all root classes (this runs on every element of the page).
            foreach (var range in classes.AsSpan().SplitAny(" \t\n"))
            {
                var token = classes.AsSpan(range);
                for (var i = 0; i < RootClasses.Length; i++)
                {
                    if (token.SequenceEqual(RootClasses[i]))
                    {
                        candidates[3 + RootIds.Length + i] ??= element;
                    }
                }
            }
        }
    }

    /// <summary>True at the first non-blank text inside (TextContent would build the whole text first).</summary>
    private static bool HasText(INode node, int depth = 0)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            if (child is IText text ? !text.Data.AsSpan().IsWhiteSpace()
                : child is IElement && depth < MaxDepth && HasText(child, depth + 1))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the element is not content (navigation, chrome, boilerplate, scripts): see <see cref="Understanding.BlockClassifier"/>.</summary>
    public static bool IsSkipped(IElement element, bool inBodyFallback) => !Understanding.BlockClassifier.Classify(element, inBodyFallback).IsContent;

    /// <summary>True when any token, or any '-'/'_'-separated part of a token, is in the set.</summary>
    public static bool HasTokenPart(string? attribute, HashSet<string> parts)
    {
        if (string.IsNullOrEmpty(attribute))
        {
            return false;
        }
        Span<char> lower = stackalloc char[Math.Min(attribute.Length, 256)];
        var length = attribute.AsSpan(0, lower.Length).ToLowerInvariant(lower);
        var lookup = parts.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = lower[..length];
        foreach (var range in span.SplitAny(" \t\n-_"))
        {
            if (lookup.Contains(span[range]))
            {
                return true;
            }
        }
        if (!span.ContainsAny('-', '_'))
        {
            return false; // the whole tokens were the parts just looked up
        }
        foreach (var range in span.SplitAny(" \t\n"))
        {
            if (lookup.Contains(span[range]))
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsHeading(string localName) =>
        localName.Length == 2 && localName[0] == 'h' && localName[1] is >= '1' and <= '6';
}
