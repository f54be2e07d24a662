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
        // Not trimmed: the key is a secret byte string; only "unset" and "empty" mean no key.
        options.ApiKey = string.IsNullOrEmpty(env.Raw("API_KEY")) ? null : env.Raw("API_KEY");
        options.FailureLimit = env.Number("AUTH_FAILURE_LIMIT", 10, 1, 1_000_000);
        options.FailureWindow = env.Seconds("AUTH_FAILURE_WINDOW_SECONDS", TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    }
}
