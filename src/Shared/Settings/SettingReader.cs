using LlmsTxt.Core;

namespace LlmsTxt.Settings;

/// <summary>
/// Settings looked up by their environment-variable name through <c>get</c> (the process environment in the CLI,
/// configuration in the server). The first bad value throws an <see cref="InvalidSettingException"/> whose
/// <see cref="InvalidSettingException.Setting"/> is the variable, so either host can name it in its own errors.
/// </summary>
internal sealed class SettingReader(Func<string, string?> get)
{
    /// <summary>The trimmed value, or null when the variable is unset or blank.</summary>
    public string? Raw(string name) => get(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public bool Flag(string name, bool fallback) => Raw(name) is not { } raw
        ? fallback
        : SettingValues.Flag(raw) ?? throw new InvalidSettingException(name, SettingValues.FlagProblem(raw));

    public int Number(string name, int fallback, int min, int max) => Raw(name) is not { } raw
        ? fallback
        : SettingValues.Number(raw, min, max) ?? throw new InvalidSettingException(name, SettingValues.NumberProblem(raw, min, max));
}
