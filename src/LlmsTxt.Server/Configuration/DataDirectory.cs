namespace LlmsTxt.Server.Configuration;

/// <summary>
/// <c>DATA_DIR</c>, where hosted files and the SQLite registry live. The default is the user's data folder
/// (<c>$XDG_DATA_HOME/llmstxt</c>, usually <c>~/.local/share/llmstxt</c>; <c>%LOCALAPPDATA%\llmstxt</c> on
/// Windows), never the working directory: a server run from a checkout must not leave files in it.
/// </summary>
public static class DataDirectory
{
    public const string Variable = "DATA_DIR";

    public static string Default { get; } = ComputeDefault();

    /// <summary><c>DATA_DIR</c> when set, else <see cref="Default"/>.</summary>
    public static string Read(EnvSettings env) => env.Text(Variable, Default);

    private static string ComputeDefault()
    {
        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        // No home folder (some containers): a folder next to the server, still outside any source tree's src/.
        return string.IsNullOrEmpty(userData)
            ? Path.Combine(AppContext.BaseDirectory, "data")
            : Path.Combine(userData, "llmstxt");
    }
}
