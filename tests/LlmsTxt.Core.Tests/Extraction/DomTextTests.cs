using AngleSharp.Html.Parser;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Tests.Extraction;

/// <summary>The length-only text reading (used to count a page's main text) agrees with the text itself.</summary>
public sealed class DomTextTests
{
    [Theory]
    [InlineData("<ul><li> <a href='a'>First</a>\n\t</li><li>Second&nbsp;item </li></ul>")]
    [InlineData("<div>  lead  <b> bold </b><script>no()</script>tail\u200B  </div>")]
    [InlineData("<div>\U0001F600 emoji <span>\ud800 lone</span> end \u00AD</div>")]
    [InlineData("<div>   </div>")]
    [InlineData("<div></div>")]
    public void TextLengthIsTheLengthOfTheCleanText(string html)
    {
        using var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var element = document.Body!.FirstElementChild!;
        Assert.Equal(Dom.Text(element).Length, Dom.TextLength(element));
    }
}
