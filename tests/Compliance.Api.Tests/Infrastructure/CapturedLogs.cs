using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Compliance.Api.Tests.Infrastructure;

/// <summary>Every log line the host writes, formatted with its scopes, for tests that check what logs must never hold.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}[{eventId.Id}]");
            owner._scopes.ForEachScope((scope, builder) => builder.Append(" => ").Append(scope), line);
            owner._lines.Enqueue(line.Append(' ').Append(formatter(state, exception)).Append(' ').Append(exception).ToString());
        }
    }
}
