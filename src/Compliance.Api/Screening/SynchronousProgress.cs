namespace Compliance.Api.Screening;

/// <summary>
/// Reports progress on the caller's thread. Progress&lt;T&gt; posts to the thread pool, so its lines
/// could print after the result they lead up to.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
