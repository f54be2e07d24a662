using AngleSharp.Html.Parser;
using LlmsTxt.Core.Understanding;

namespace LlmsTxt.Core.Tests.Extraction;

/// <summary>Class and id words: navigation beats chrome beats boilerplate, whatever order the tokens come in.</summary>
public sealed class BlockClassifierTests
{
    [Theory]
    [InlineData("share sidebar", BlockRole.Navigation)]
    [InlineData("Share  NAVLINKS", BlockRole.Navigation)]
    [InlineData("comments headerlink", BlockRole.Chrome)]
    [InlineData("headerlink comments", BlockRole.Chrome)]
    [InlineData("post byline", BlockRole.Boilerplate)]
    [InlineData("nav-item", BlockRole.Content)] // "nav" followed by a non-letter is not a nav… word
    [InlineData("header", BlockRole.Content)] // chrome only when the whole body is read
    [InlineData("", BlockRole.Content)]
    public void ClassWordsNameTheRoleByPrecedence(string classes, BlockRole expected)
    {
        using var document = new HtmlParser().ParseDocument($"<body><div class='{classes}'>x</div></body>");
        Assert.Equal(expected, BlockClassifier.Classify(document.Body!.FirstElementChild!, inBodyFallback: false).Role);
    }

    [Fact]
    public void BodyChromeWordsCountWhenTheWholeBodyIsRead()
    {
        using var document = new HtmlParser().ParseDocument("<body><div id='masthead'>x</div></body>");
        var classified = BlockClassifier.Classify(document.Body!.FirstElementChild!, inBodyFallback: true);
        Assert.Equal(BlockRole.Chrome, classified.Role);
        Assert.Equal("id names page chrome (\"masthead\")", classified.Reason);
    }
}
