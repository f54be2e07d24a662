using LlmsTxt.Settings;
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

        if (SettingValues.Number(raw, min, max) is { } value)
        {
            return value;
        }

        Fail(name, SettingValues.NumberProblem(raw, min, max));
        return defaultValue;
    }

    /// <summary>A flag: only true/false/1/0, the rule <see cref="SettingValues.Flag"/> defines for the CLI too.</summary>
    public bool Flag(string name, bool defaultValue)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return defaultValue;
        }

        if (SettingValues.Flag(raw) is { } value)
        {
            return value;
        }

        Fail(name, SettingValues.FlagProblem(raw));
        return defaultValue;
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

        Fail(name, $"must be an absolute {string.Join(" or ", schemes)} URL, got '{SettingValues.Printable(raw)}'");
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
}
