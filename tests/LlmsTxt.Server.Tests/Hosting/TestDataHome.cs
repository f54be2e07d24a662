using System.Runtime.CompilerServices;

namespace LlmsTxt.Server.Tests.Hosting;

/// <summary>
/// Isolates the test run from the developer's own data: the default <c>DATA_DIR</c> (the user's data folder,
/// from <c>XDG_DATA_HOME</c>) points at a folder of this run. Server processes started by tests inherit it.
/// </summary>
internal static class TestDataHome
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", TestServices.NewTempFolder());
    }
}
