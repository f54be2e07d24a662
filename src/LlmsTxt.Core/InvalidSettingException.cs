namespace LlmsTxt.Core;

/// <summary>
/// A setting with a value that is not allowed. <see cref="Setting"/> names it the way its reader knows it (an options
/// property for options classes), so a host that reads settings from elsewhere can name its own variable without
/// taking the message apart.
/// </summary>
/// <param name="setting">The setting's name.</param>
/// <param name="problem">What is wrong and what is allowed, to follow the name ("is out of range; allowed: 1-256.").</param>
public sealed class InvalidSettingException(string setting, string problem) : ArgumentException($"{setting} {problem}")
{
    public string Setting { get; } = setting;

    public string Problem { get; } = problem;
}
