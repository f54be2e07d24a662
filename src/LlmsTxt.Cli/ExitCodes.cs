namespace LlmsTxt.Cli;

/// <summary>What scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The work failed (unreachable site, invalid file, I/O error); stderr says why.</summary>
    public const int Failure = 1;
    /// <summary>The command line was wrong; stderr says what and points at --help.</summary>
    public const int Usage = 2;
}
