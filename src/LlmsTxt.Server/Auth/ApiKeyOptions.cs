using LlmsTxt.Server.Configuration;

namespace LlmsTxt.Server.Auth;

/// <summary>The API key and the brute-force limits around it.</summary>
public sealed class ApiKeyOptions
{
    /// <summary><c>API_KEY</c>: any length. Null means development mode: sockets are open and <c>/auth/token</c> answers 401.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>AUTH_FAILURE_LIMIT</c>: failed authentications allowed per client address per window before 429.</summary>
    public int FailureLimit { get; set; } = 10;

    /// <summary><c>AUTH_FAILURE_WINDOW_SECONDS</c>: length of the failure-counting window.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => ApiKey is not null;

    internal static void Read(EnvSettings env, ApiKeyOptions options)
    {
        // Trimmed, because an HTTP header can't carry surrounding whitespace (a key read from a file often
        // ends in a newline). "API_KEY=" means unset; a key of only spaces is a mistake, not development mode.
        var raw = env.Configuration["API_KEY"];
        options.ApiKey = string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
        if (options.ApiKey is null && !string.IsNullOrEmpty(raw))
        {
            env.Fail("API_KEY", "is blank; set a real key, or leave it empty or unset for development mode");
        }

        options.FailureLimit = env.Number("AUTH_FAILURE_LIMIT", 10, 1, 1_000_000);
        options.FailureWindow = env.Seconds("AUTH_FAILURE_WINDOW_SECONDS", TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    }
}
