using LlmsTxt.Core.Enhancement;

namespace LlmsTxt.Core.Tests.Enhancement;

/// <summary>Answers as real models write them: fenced, with chatter, as arrays, in lines with various separators.</summary>
public sealed class AnswerParserTests
{
    [Theory]
    [InlineData("{\"descriptions\":{\"https://a.example/x\":\"Installs the tool.\"}}")]
    [InlineData("```json\n{\"descriptions\":{\"https://a.example/x\":\"Installs the tool.\"}}\n```")]
    [InlineData("Here you go:\n{\"https://a.example/x\":\"Installs the tool.\"}")]
    [InlineData("{\"descriptions\":[{\"url\":\"https://a.example/x\",\"description\":\"Installs the tool.\"}]}")]
    [InlineData("https://a.example/x | Installs the tool.")]
    [InlineData("- https://a.example/x: Installs the tool.")]
    [InlineData("1. <https://a.example/x> — Installs the tool.")]
    [InlineData("https://a.example/x\tInstalls the tool.")]
    public void ReadsDescriptionsInEitherFormat(string answer)
    {
        var parsed = AnswerParser.Descriptions(answer);

        Assert.Null(parsed.Failure);
        Assert.Equal("Installs the tool.", Assert.Single(parsed.ByUrl, p => p.Key == "https://a.example/x").Value);
    }

    [Theory]
    [InlineData("I'm sorry, I can't help with that.", "the answer was neither JSON nor \"URL | description\" lines")]
    [InlineData("{\"note\":\"nothing\"}", "the answer's JSON held no descriptions")]
    public void UnreadableDescriptionsSayWhy(string answer, string reason) => Assert.Equal(reason, AnswerParser.Descriptions(answer).Failure);

    [Theory]
    [InlineData("{\"title\":\"Acme\",\"summary\":\"Acme docs in one sentence.\",\"about\":\"About Acme.\"}")]
    [InlineData("TITLE: Acme\nSUMMARY: Acme docs in one sentence.\nABOUT: About Acme.")]
    [InlineData("**Title**: Acme\n**Summary**: Acme docs in one sentence.\n**About**: About Acme.")]
    public void ReadsTheHeaderInEitherFormat(string answer)
    {
        var parsed = AnswerParser.Header(answer);

        Assert.Null(parsed.Failure);
        Assert.Equal(("Acme", "Acme docs in one sentence.", "About Acme."), (parsed.Title, parsed.Summary, parsed.About));
    }

    [Theory]
    [InlineData("The tool reads each page of the documentation and writes a short index of it for language models to use.", "en")]
    [InlineData("Das Werkzeug liest jede Seite der Dokumentation und schreibt für die Sprachmodelle einen kurzen Index, der nicht veraltet.", "de")]
    [InlineData("L'outil lit chaque page de la documentation et écrit pour les modèles un index court dans une forme simple.", "fr")]
    [InlineData("La documentation de la base de données explique les paramètres de configuration et la gestion des sauvegardes.", "fr")]
    [InlineData("De documentatie van het product legt uit hoe je de server installeert en hoe deze wordt bijgewerkt.", "nl")]
    [InlineData("Инструмент читает каждую страницу документации и пишет короткий указатель.", "Cyrl")]
    [InlineData("API", null)]
    public void GuessesTheLanguageOrSaysItCannot(string text, string? language) => Assert.Equal(language, LanguageGuess.Guess(text));

    [Theory]
    [InlineData("Installs the tool on Linux.", 500, null)]
    [InlineData("Short.", 500, "too short")]
    [InlineData("See https://elsewhere.example for details.", 500, "contains a link or URL")]
    [InlineData("A description that runs on for far too long.", 20, "longer than 20 characters")]
    [InlineData("Install guide", 500, "only repeats the title")]
    public void DescriptionRulesSayWhatWasWrong(string text, int max, string? reason)
    {
        var result = AnswerRules.Description(text, "Install guide", max, out var why);

        Assert.Equal(reason, why);
        Assert.Equal(reason is null, result is not null);
    }
}
