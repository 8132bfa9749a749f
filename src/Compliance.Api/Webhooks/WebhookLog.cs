namespace Compliance.Api.Webhooks;

/// <summary>Ids, states and status codes only: never bodies, URLs' secrets or signatures.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(9001, LogLevel.Information, "Delivered webhook {EventId} ({EventType}) on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, Guid eventId, string eventType, int attempt);

    [LoggerMessage(9002, LogLevel.Warning, "Webhook {EventId} attempt {Attempt} failed ({Failure}); next attempt in {DelaySeconds:F0} s")]
    public static partial void Failed(ILogger logger, Guid eventId, int attempt, string failure, double delaySeconds);

    [LoggerMessage(9003, LogLevel.Error, "Webhook {EventId} is dead after {Attempt} attempts ({Failure}); redeliver it once the receiver is fixed")]
    public static partial void Dead(ILogger logger, Guid eventId, int attempt, string failure);

    [LoggerMessage(9004, LogLevel.Warning, "Webhook dispatch failed ({ExceptionType}); due events stay queued")]
    public static partial void DispatchFailed(ILogger logger, string exceptionType);
}
