using System.Globalization;

namespace LlmsTxt.Bench.Hostile;

/// <summary>Figures of a running Linux process read from /proc (the whole process: every thread, the GC and JIT too).</summary>
internal static class ProcStat
{
    // /proc/PID/stat counts in clock ticks; USER_HZ is 100 on every Linux this runs on.
    private const double MillisecondsPerTick = 10.0;

    /// <summary>utime + stime of <paramref name="pid"/>, in milliseconds.</summary>
    public static double CpuMilliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) * MillisecondsPerTick;
    }
}
