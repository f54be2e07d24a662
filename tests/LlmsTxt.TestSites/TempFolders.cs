namespace LlmsTxt.TestSites;

/// <summary>
/// Temporary folders for tests. Every folder of one test process lives under one run folder, removed when the
/// process exits, so a run leaves nothing behind in /tmp (server processes started by tests are killed before then).
/// </summary>
public static class TempFolders
{
    private static readonly Lazy<string> RunFolder = new(CreateRunFolder);

    /// <summary>A fresh, empty folder, removed with the run folder at exit.</summary>
    public static string New()
    {
        var path = Path.Combine(RunFolder.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string CreateRunFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "llmstxt-tests", $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root);
        return root;
    }

    private static void Remove(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a child that outlived the run; /tmp cleaning gets it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
