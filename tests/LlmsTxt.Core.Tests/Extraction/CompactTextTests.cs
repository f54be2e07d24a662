using System.Text;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Tests.Extraction;

public sealed class CompactTextTests
{
    private static readonly string[] Samples =
    [
        "",
        "short",
        string.Concat(Enumerable.Repeat("## Heading\n\nA paragraph of documentation with `code` and [a link](https://docs.example/a).\n\n", 400)),
        string.Concat(Enumerable.Repeat("Café – naïve 日本語 text with an emoji \ud83d\ude00 and a tab\t.\n", 300)),
        "a lone surrogate \ud800 in the middle" + new string('x', 1000),
        "ends with a lone high surrogate " + new string('y', 1000) + "\ud83d",
        // Packed a slice of 16 Ki characters at a time: a surrogate pair and a three-byte character across the seams.
        new string('a', 16 * 1024 - 1) + "\ud83d\ude00" + string.Concat(Enumerable.Repeat("日本語 ", 12_000)) + "end",
    ];

    public static TheoryData<string> Texts() => new(Samples);

    [Theory]
    [MemberData(nameof(Texts))]
    public void TextComesBackExactlyAsItWentIn(string text)
    {
        var packed = CompactText.Of(text);

        Assert.Equal(text, packed.ToString());
        Assert.Equal(text.Length, packed.Length);
        var copy = new char[text.Length];
        packed.CopyTo(copy);
        Assert.Equal(text, new string(copy));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void TextPackedFromABuilderIsTheSameAsFromItsString(string text)
    {
        // Appended in pieces, so the builder holds the text in many chunks.
        var builder = new StringBuilder();
        for (var at = 0; at < text.Length; at += 1000)
        {
            builder.Append(text.AsSpan(at, Math.Min(1000, text.Length - at)));
        }

        var packed = CompactText.Of(builder);

        Assert.Equal(CompactText.Of(text), packed);
        Assert.Equal(text, packed.ToString());
    }

    [Fact]
    public void PageMarkdownIsHeldInAFractionOfItsSize()
    {
        var page = new PageExtractor().Extract(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "typical-docs.html")), new Uri("https://docs.example/guide.html"));

        Assert.True(page.Markdown.Length > 2_000, $"{page.Markdown.Length} characters");
        // As a string the Markdown would take two bytes a character.
        Assert.True(page.PackedMarkdown.HeldBytes * 3 < page.Markdown.Length, $"{page.PackedMarkdown.HeldBytes} bytes held for {page.Markdown.Length} characters");
    }

    [Fact]
    public void EqualTextsAreEqualAndTheOrderIsTotal()
    {
        var texts = Samples.Append("short!").Append("shorT").ToList();
        var packed = texts.Select(CompactText.Of).ToList();

        Assert.Equal(CompactText.Of(texts[2]), packed[2]);
        Assert.Equal(CompactText.Of(texts[2]).GetHashCode(), packed[2].GetHashCode());
        for (var i = 0; i < packed.Count; i++)
        {
            for (var j = 0; j < packed.Count; j++)
            {
                var order = CompactText.Compare(packed[i], packed[j]);
                Assert.Equal(texts[i] == texts[j], order == 0);
                Assert.Equal(-Math.Sign(order), Math.Sign(CompactText.Compare(packed[j], packed[i])));
            }
        }
    }

    [Fact]
    public void IncompressibleTextIsNeverHeldInMoreBytesThanItsUtf8()
    {
        var random = new Random(12);
        var text = new string(Enumerable.Range(0, 20_000).Select(_ => (char)random.Next(33, 127)).ToArray());

        Assert.True(CompactText.Of(text).HeldBytes <= Encoding.UTF8.GetByteCount(text));
    }
}
