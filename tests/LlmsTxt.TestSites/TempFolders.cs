namespace LlmsTxt.TestSites;

/// <summary>
/// Temporary folders for tests. Every folder of one test process lives under one run folder, removed when the
/// process exits; the test host is sometimes ended before its exit handlers run, so each run also removes the run
/// folders of test processes that no longer exist. At most the folders of the last run are left in /tmp.
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
        var parent = Path.Combine(Path.GetTempPath(), "llmstxt-tests");
        Directory.CreateDirectory(parent);
        foreach (var stale in Directory.EnumerateDirectories(parent, "run-*"))
        {
            if (OwnerGone(Path.GetFileName(stale)))
            {
                Remove(stale);
            }
        }
        var root = Path.Combine(parent, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root);
        return root;
    }

    /// <summary>"run-PID-guid" of a process that has exited (a folder of a live run, this one or a parallel one, is kept).</summary>
    private static bool OwnerGone(string name)
    {
        var parts = name.Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
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
