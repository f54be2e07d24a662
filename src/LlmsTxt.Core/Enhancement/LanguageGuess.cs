using System.Globalization;

namespace LlmsTxt.Core.Enhancement;

/// <summary>
/// A coarse guess of a text's language, enough to refuse an answer written in another language than its pages:
/// the writing system first (Cyrillic, Han, Kana, Hangul, Arabic, ...), then, for Latin script, the most
/// frequent function words of eight common languages. Null when the text is too short or mixed to tell.
/// </summary>
internal static class LanguageGuess
{
    private static readonly (string Language, string[] Words)[] FunctionWords =
    [
        ("en", ["the", "and", "of", "to", "is", "in", "for", "with", "how", "this", "that", "are", "on", "from", "your"]),
        ("de", ["der", "die", "das", "und", "ist", "mit", "für", "von", "zu", "den", "wie", "ein", "eine", "nicht", "auf"]),
        ("fr", ["le", "la", "les", "et", "est", "des", "du", "pour", "avec", "une", "un", "dans", "sur", "que", "comment"]),
        ("es", ["el", "los", "las", "y", "es", "del", "para", "con", "una", "por", "en", "cómo", "que", "se", "su"]),
        ("it", ["il", "lo", "gli", "e", "è", "della", "per", "con", "una", "di", "che", "come", "nel", "sono", "dei"]),
        ("pt", ["o", "os", "as", "e", "é", "do", "da", "para", "com", "uma", "em", "que", "como", "dos", "não"]),
        ("nl", ["deze", "het", "een", "en", "is", "van", "voor", "met", "op", "hoe", "dat", "niet", "zijn", "wordt", "je"]),
        ("pl", ["i", "w", "na", "jest", "się", "do", "z", "nie", "jak", "dla", "oraz", "to", "od", "po", "przez"]),
    ];

    public static string? Guess(string text)
    {
        var scripts = new Dictionary<string, int>(StringComparer.Ordinal);
        var letters = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            var script = Script(c);
            scripts[script] = scripts.GetValueOrDefault(script) + 1;
        }
        if (letters < 20) return null;
        var (top, count) = scripts.OrderByDescending(s => s.Value).First();
        if (count * 10 < letters * 6) return null;
        if (top != "Latn") return top;

        var words = text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '?', '(', ')', '"', '\'', '\n', '\t', '/', '-'], StringSplitOptions.RemoveEmptyEntries);
        var scores = FunctionWords.Select(f => (f.Language, Hits: words.Count(w => Array.IndexOf(f.Words, w) >= 0)))
            .OrderByDescending(s => s.Hits).ToList();
        // Confident only with several hits and a clear lead: short technical notes are often too terse to tell.
        return scores[0].Hits >= 4 && scores[0].Hits >= 2 * scores[1].Hits ? scores[0].Language : null;
    }

    /// <summary>True when both texts have a confident guess and the guesses differ.</summary>
    public static bool Differ(string source, string answer, out string? sourceLanguage, out string? answerLanguage)
    {
        sourceLanguage = Guess(source);
        answerLanguage = Guess(answer);
        return sourceLanguage is not null && answerLanguage is not null && sourceLanguage != answerLanguage;
    }

    private static string Script(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter || c > 0x24F
        ? c switch
        {
            >= '\u0370' and <= '\u03FF' => "Grek",
            >= '\u0400' and <= '\u052F' => "Cyrl",
            >= '\u0590' and <= '\u05FF' => "Hebr",
            >= '\u0600' and <= '\u06FF' => "Arab",
            >= '\u0900' and <= '\u097F' => "Deva",
            >= '\u0E00' and <= '\u0E7F' => "Thai",
            >= '\u3040' and <= '\u30FF' => "Jpan",
            >= '\uAC00' and <= '\uD7AF' => "Kore",
            >= '\u4E00' and <= '\u9FFF' => "Hani",
            >= '\u1E00' and <= '\u1EFF' => "Latn",
            _ => "Other",
        }
        : "Latn";
}
