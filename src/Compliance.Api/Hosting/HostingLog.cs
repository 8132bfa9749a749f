namespace Compliance.Api.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(3001, LogLevel.Error, "Unhandled {ExceptionType} while handling the request")]
    public static partial void UnhandledException(ILogger logger, string exceptionType, Exception exception);
}
