using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Auth;

/// <summary>
/// Counts failed authentications per client address in a fixed window (System.Threading.RateLimiting).
/// ASP.NET Core's rate-limiting middleware consults it through <see cref="PolicyName"/>: only failures use
/// up permits, so a client with the right key is never slowed down, and a client over the limit gets
/// <c>429</c> with <c>Retry-After</c> before its request is even looked at.
/// </summary>
public sealed class AuthFailureLimiter : IDisposable
{
    public const string PolicyName = "auth-failures";

    private readonly PartitionedRateLimiter<string> _failures;

    public AuthFailureLimiter(IOptions<ApiKeyOptions> options)
    {
        var limit = options.Value.FailureLimit;
        var window = options.Value.FailureWindow;
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>The partition key: the connection's address (forwarded headers are not trusted; they're easy to forge).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>True when the client has used up its failures; <paramref name="retryAfter"/> says when to come back.</summary>
    public bool IsBlocked(string client, out TimeSpan retryAfter)
    {
        using var probe = _failures.AttemptAcquire(client, 0);
        retryAfter = probe.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.Zero;
        return !probe.IsAcquired;
    }

    public void RecordFailure(string client)
    {
        using var lease = _failures.AttemptAcquire(client, 1);
    }

    public void Dispose() => _failures.Dispose();

    /// <summary>Wires the middleware policy: a stateless gate per address that refuses while the address is blocked.</summary>
    public static void AddPolicy(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.HttpContext.Response.WriteAsJsonAsync(new ErrorDetail($"Too many failed attempts; retry after {seconds} s"), Web.ServerJson.Default.ErrorDetail, cancellationToken: cancellationToken);
        };
        options.AddPolicy(PolicyName, context =>
        {
            var limiter = context.RequestServices.GetRequiredService<AuthFailureLimiter>();
            var client = ClientOf(context);
            return RateLimitPartition.Get(client, key => new BlockedClientGate(limiter, key));
        });
    }

    /// <summary>Grants a request unless its client is blocked; holds no state of its own.</summary>
    private sealed class BlockedClientGate(AuthFailureLimiter limiter, string client) : RateLimiter
    {
        // Stateless, so always idle: the middleware may drop and recreate it whenever it likes.
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            limiter.IsBlocked(client, out var retryAfter) ? new GateLease(false, retryAfter) : new GateLease(true, TimeSpan.Zero);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount));
    }

    private sealed class GateLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
