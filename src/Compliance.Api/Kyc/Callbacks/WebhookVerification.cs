namespace Compliance.Api.Kyc.Callbacks;

/// <summary>The result of checking a callback signature: valid, or why not (a stable code, safe to log).</summary>
internal readonly record struct WebhookVerification(WebhookFailure? Failure)
{
    public static WebhookVerification Valid => new(null);

    public bool IsValid => Failure is null;

    public static WebhookVerification Fail(WebhookFailure failure) => new(failure);
}
