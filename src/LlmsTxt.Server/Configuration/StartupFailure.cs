using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Configuration;

public static class StartupFailure
{
    /// <summary>
    /// Runs the app; a bad setting ends the process with exit code 1 and one line per offending variable
    /// on stderr (e.g. <c>PORT must be a whole number from 0 to 65535, got 'abc'</c>) instead of a stack trace.
    /// </summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine("llmstxt: the server can't start because of its configuration:");
            foreach (var failure in e.Failures)
            {
                Console.Error.WriteLine($"  {failure}");
            }

            return 1;
        }
    }
}
