using System.Globalization;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Configuration;

/// <summary>
/// Reads settings by their environment-variable name (<c>PORT</c>, <c>API_KEY</c>, ...) from configuration
/// (environment, then <c>.env</c>) and collects every bad value, so start-up can stop with one message
/// that names each offending variable and says what is allowed.
/// </summary>
public sealed class EnvSettings(IConfiguration configuration)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The underlying configuration, for values that need special handling (secrets).</summary>
    public IConfiguration Configuration => configuration;

    /// <summary>The raw value, or null when the variable is unset or empty.</summary>
    public string? Raw(string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>The first of several names that is set (aliases such as <c>S3_BUCKET</c> / <c>R2_BUCKET</c>).</summary>
    public string? FirstOf(params string[] names) => names.Select(Raw).FirstOrDefault(v => v is not null);

    public string Text(string name, string defaultValue) => Raw(name)?.Trim() ?? defaultValue;

    public int Number(string name, int defaultValue, int min, int max)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return defaultValue;
        }

        if (int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Fail(name, $"must be a whole number from {min} to {max}, got '{Printable(raw)}'");
        return defaultValue;
    }

    public bool Flag(string name, bool defaultValue)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return defaultValue;
        }

        switch (raw.Trim().ToLowerInvariant())
        {
            // Only these four: "yes", "on" or "enabled" silently meaning true (and a typo meaning false) hides mistakes.
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                Fail(name, $"must be true or false (or 1 or 0), got '{Printable(raw)}'");
                return defaultValue;
        }
    }

    /// <summary>A duration given in whole seconds (environment variables carry numbers, options carry <see cref="TimeSpan"/>).</summary>
    public TimeSpan Seconds(string name, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        var seconds = Number(name, (int)defaultValue.TotalSeconds, (int)min.TotalSeconds, (int)max.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>An absolute URL with one of <paramref name="schemes"/>, or null when unset.</summary>
    public Uri? AbsoluteUrl(string name, params string[] schemes)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return null;
        }

        if (Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return uri;
        }

        Fail(name, $"must be an absolute {string.Join(" or ", schemes)} URL, got '{Printable(raw)}'");
        return null;
    }

    /// <summary>A comma-separated list, trimmed, empty entries dropped.</summary>
    public IReadOnlyList<string> List(string name) =>
        Raw(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Records a bad value. The message must never contain a secret's value.</summary>
    public void Fail(string name, string problem) => _errors.Add($"{name} {problem}");

    /// <summary>Stops start-up (through options validation) when any value was bad.</summary>
    public void ThrowIfInvalid<TOptions>()
    {
        if (_errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), _errors);
        }
    }

    // Values are echoed so the user sees the typo; cap and strip control characters to keep logs tidy.
    private static string Printable(string raw)
    {
        var clean = new string(raw.Where(c => !char.IsControl(c)).Take(80).ToArray());
        return raw.Length > 80 ? clean + "..." : clean;
    }
}
