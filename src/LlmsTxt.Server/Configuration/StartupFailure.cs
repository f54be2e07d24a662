using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Configuration;

public static class StartupFailure
{
    /// <summary>Exit code for a setting that can't work (fix the configuration and start again).</summary>
    public const int ConfigurationExitCode = 2;

    /// <summary>Exit code for a failure while running (port in use, a dependency refusing at start-up).</summary>
    public const int RuntimeExitCode = 1;

    /// <summary>
    /// Validates every options class first (all bad settings at once, one line each, exit code 2), then runs
    /// the app. A port already in use or another start-up failure ends with one plain line and exit code 1,
    /// never a stack trace.
    /// </summary>
    public static int RunOrExplain(this WebApplication app)
    {
        var port = "";
        try
        {
            // The host validates options too, but stops at the first failing class and logs a stack trace first.
            app.Services.GetService<IStartupValidator>()?.Validate();
            // Read now: the services are disposed once Run fails.
            port = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            app.Run();
            return 0;
        }
        catch (Exception e) when (ConfigurationFailures(e) is { Count: > 0 } failures)
        {
            Console.Error.WriteLine("llmstxt: the server can't start because of its configuration:");
            foreach (var failure in failures)
            {
                Console.Error.WriteLine($"  {failure}");
            }

            return ConfigurationExitCode;
        }
        catch (Exception e) when (IsAddressInUse(e))
        {
            Console.Error.WriteLine($"llmstxt: port {port} is already in use; set PORT to a free port (or 0 to pick one)");
            return RuntimeExitCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"llmstxt: the server stopped: {e.GetBaseException().Message}");
            return RuntimeExitCode;
        }
    }

    /// <summary>Every failure line of every options class that failed (validation throws one exception per class).</summary>
    internal static List<string> ConfigurationFailures(Exception e) => e switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(ConfigurationFailures).Distinct().ToList(),
        _ => [],
    };

    private static bool IsAddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException || e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}
