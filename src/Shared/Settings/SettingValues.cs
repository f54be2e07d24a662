using System.Globalization;

namespace LlmsTxt.Settings;

/// <summary>
/// How a setting's text becomes a value, and how a bad one is described: the one rule for flags and whole numbers,
/// shared by the server's start-up checks and the CLI (this folder is compiled into both).
/// </summary>
internal static class SettingValues
{
    /// <summary>
    /// Only <c>true</c>/<c>false</c>/<c>1</c>/<c>0</c> (any case): "yes", "on" or "enabled" silently meaning true
    /// (and a typo meaning false) hides mistakes. Null when the text is none of them.
    /// </summary>
    public static bool? Flag(string raw) => raw.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    public static string FlagProblem(string raw) => $"must be true or false (or 1 or 0), got '{Printable(raw)}'";

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null.</summary>
    public static int? Number(string raw, int min, int max) =>
        int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : null;

    public static string NumberProblem(string raw, int min, int max) =>
        $"must be a whole number from {min} to {max}, got '{Printable(raw)}'";

    /// <summary>
    /// Values are echoed so the user sees the typo; capped and stripped of control characters to keep logs tidy.
    /// Never call it with a secret.
    /// </summary>
    public static string Printable(string raw)
    {
        var clean = new string(raw.Where(c => !char.IsControl(c)).Take(80).ToArray());
        return raw.Length > 80 ? clean + "..." : clean;
    }
}
