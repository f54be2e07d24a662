using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace LlmsTxt.Server.Configuration;

/// <summary>
/// Loads optional <c>.env</c> files into configuration <em>below</em> the environment variables, so a
/// variable set in the environment always wins over a file. The process environment is not modified.
/// </summary>
public static class DotEnvFile
{
    public const string FileName = ".env";

    /// <summary>
    /// The one rule: the working directory's <c>.env</c>; and when the working directory is a project folder
    /// (it holds a <c>.csproj</c>, as under <c>dotnet run --project src/LlmsTxt.Server</c>, which runs the server
    /// there), below it the <c>.env</c> at the root of the git checkout, where the README and <c>.gitignore</c>
    /// point. A published server or a test host never reads a file outside its working directory.
    /// </summary>
    public static IConfigurationBuilder AddDotEnvFiles(this IConfigurationBuilder configuration, string workingDirectory)
    {
        var root = Directory.EnumerateFiles(workingDirectory, "*.csproj").Any() ? RepositoryRoot(workingDirectory) : null;
        if (root is not null && !SameFolder(root, workingDirectory))
        {
            configuration.AddDotEnvFile(root);
        }

        // Added second, so it sits above the root's file: the nearer file wins.
        return configuration.AddDotEnvFile(workingDirectory);
    }

    /// <summary>The nearest folder at or above <paramref name="directory"/> holding <c>.git</c> (a folder, or a file in a worktree).</summary>
    public static string? RepositoryRoot(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            var git = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static bool SameFolder(string a, string b) =>
        Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar).Equals(Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

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
