namespace Compliance.Api.Storage;

/// <summary>
/// Start-up cannot go on because of the environment (configuration, database, binaries). Its
/// message is one line a person can act on; the host prints it instead of a stack trace.
/// </summary>
internal sealed class StartupException : Exception
{
    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
