using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sos.Tests.Infrastructure;

/// <summary>Every Sos log entry a host writes, with the scopes it was written in, as a log shipper would get them.</summary>
public sealed class LogRecorder : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Entry> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    /// <summary>What was written so far.</summary>
    public IReadOnlyCollection<Entry> Entries => entries;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>One entry: its category, its text, and every name/value of the scopes around it.</summary>
    public sealed record Entry(string Category, string Message, IReadOnlyDictionary<string, object?> Scopes);

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("Sos", StringComparison.Ordinal) && logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            owner.scopes.ForEachScope(
                (scope, bag) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            bag[key] = value;
                        }
                    }
                },
                values);
            owner.entries.Enqueue(new Entry(category, formatter(state, exception), values));
        }
    }
}
