using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Server.Tests.Support;

/// <summary>One captured log line with everything a secret could hide in.</summary>
public sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, string State, string Scopes, string? Exception)
{
    public string Everything => $"{Category} {Message} {State} {Scopes} {Exception}";
}

/// <summary>Captures every log line of the app under test and lets a test await one.</summary>
public sealed class LogSink : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private readonly List<(Func<LogLine, bool> Match, TaskCompletionSource<LogLine> Done)> _waiters = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public int Count => _lines.Count;

    /// <summary>Lines logged after the first <paramref name="skip"/> lines.</summary>
    public IReadOnlyList<LogLine> Since(int skip) => _lines.Skip(skip).ToList();

    /// <summary>Completes when a line matching <paramref name="match"/> is (or already was) logged after the first <paramref name="skip"/> lines.</summary>
    public async Task<LogLine> WaitForAsync(Func<LogLine, bool> match, int skip = 0, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<LogLine>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var existing = _lines.Skip(skip).FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((match, done));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await using var registration = timeout.Token.Register(() => done.TrySetException(new TimeoutException("Expected log line never came. Logged:\n" + string.Join("\n", _lines.Skip(skip).Select(l => $"{l.Category}[{l.EventId.Id}] {l.Message}")))));
        return await done.Task;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Add(LogLine line)
    {
        lock (_waiters)
        {
            _lines.Enqueue(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(line);
            }
        }
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => sink._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var stateText = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : state?.ToString() ?? "";
            var scopes = new List<string>();
            sink._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            sink.Add(new LogLine(category, logLevel, eventId, formatter(state, exception), stateText, string.Join(" ", scopes), exception?.ToString()));
        }
    }
}
