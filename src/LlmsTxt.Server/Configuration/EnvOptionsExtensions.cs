using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Configuration;

public static class EnvOptionsExtensions
{
    /// <summary>
    /// Registers options read from environment-variable names with <paramref name="read"/>, validated at
    /// start-up (a bad value stops the server with a message naming the variable) and re-read when the
    /// configuration reloads, so <see cref="IOptionsMonitor{TOptions}"/> always sees current values.
    /// Example: <c>services.AddEnvOptions&lt;StorageOptions&gt;((env, o) =&gt; o.DataDir = DataDirectory.Read(env));</c>
    /// </summary>
    public static OptionsBuilder<TOptions> AddEnvOptions<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this IServiceCollection services, Action<EnvSettings, TOptions> read)
        where TOptions : class
    {
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(sp =>
            new ConfigurationChangeTokenSource<TOptions>(sp.GetRequiredService<IConfiguration>()));
        return services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var env = new EnvSettings(configuration);
                read(env, options);
                env.ThrowIfInvalid<TOptions>();
            })
            .ValidateOnStart();
    }
}
