using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace LlmsTxt.Server.Configuration;

/// <summary>
/// Loads an optional <c>.env</c> file into configuration <em>below</em> the environment variables, so a
/// variable set in the environment always wins over the file. The process environment is not modified.
/// </summary>
public static class DotEnvFile
{
    public const string FileName = ".env";

    public static IConfigurationBuilder AddDotEnvFile(this IConfigurationBuilder configuration, string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return configuration;
        }

        var values = Read(path);
        var source = new MemoryConfigurationSource { InitialData = values };
        var sources = configuration.Sources;
        // The unprefixed environment source is the app's; the .env values go just before it.
        var envIndex = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (envIndex < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(envIndex, source);
        }

        return configuration;
    }

    /// <summary>Parses a .env file (KEY=value lines, comments, quotes) without touching the process environment.</summary>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var pairs = DotNetEnv.Env.NoEnvVars().Load(path);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs)
        {
            values[key] = value;
        }

        return values;
    }
}
