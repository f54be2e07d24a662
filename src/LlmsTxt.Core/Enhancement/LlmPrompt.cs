namespace LlmsTxt.Core.Enhancement;

/// <summary>What the model is told. The rules mirror <see cref="LlmOutputCheck"/>: anything else gets the answer refused.</summary>
internal static class LlmPrompt
{
    public const string System = """
        You edit llms.txt files (the llmstxt.org format: Markdown that tells language models what a website offers).
        Improve the wording of three things only:
        1. the one-line summary blockquote ("> ...") right after the H1: one clear sentence, at most 200 characters;
        2. the paragraph(s) between the blockquote and the first "## " section: what the site is, who it is for, what to read first;
        3. the note after each link ("- [Title](url): note"): one short, specific sentence saying what the page contains.
        Rules you must keep:
        - Keep every URL exactly as written, character for character. Do not add, remove, merge or reorder links or URLs.
        - Keep the H1 line exactly as it is; there is exactly one H1 and exactly one blockquote.
        - Keep every "## " section heading and order. Inside sections, only "- [Title](url): note" lines are allowed.
        - Keep the link titles unless one is clearly broken. Do not invent facts that the file does not support.
        - Answer with the complete file only: no explanation, no code fence.
        """;

    public static string User(string llmsTxt) => "Improve this llms.txt:\n\n" + llmsTxt;
}
