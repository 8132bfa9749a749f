namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>Reading the one value of a signature header.</summary>
internal static class WebhookHeaders
{
    /// <summary>
    /// Null when the header has exactly one non-blank value; <see cref="WebhookFailure.MissingSignature"/>
    /// when it is absent or blank; <see cref="WebhookFailure.MalformedSignature"/> when it is repeated,
    /// because two headers could be used to smuggle a signature past a parser that reads only one.
    /// </summary>
    public static WebhookFailure? TryGetSingle(IHeaderDictionary headers, string name, out string value)
    {
        value = string.Empty;
        if (headers is null || !headers.TryGetValue(name, out var values) || values.Count == 0)
        {
            return WebhookFailure.MissingSignature;
        }

        if (values.Count > 1)
        {
            return WebhookFailure.MalformedSignature;
        }

        var single = values[0];
        if (string.IsNullOrWhiteSpace(single))
        {
            return WebhookFailure.MissingSignature;
        }

        value = single.Trim();
        return null;
    }
}
