namespace Compliance.Api.Webhooks;

/// <summary>Delivery of outbound webhooks (section <c>Webhooks</c>).</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How often each instance looks for due deliveries.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Deliveries one instance claims at a time.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>The first wait after a failed delivery; it doubles with each failure, up to <see cref="MaxBackoffSeconds"/>.</summary>
    public double FirstBackoffSeconds { get; set; } = 5;

    public double MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>After this many failed deliveries the event is dead: listed, and delivered again only on request.</summary>
    public int MaxAttempts { get; set; } = 15;

    /// <summary>How long an attempt may take end to end (the resilience handler's total timeout); also the claim's lease.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Hosts webhooks may be sent to: an exact host name or address, or <c>.example.com</c> for it and its
    /// subdomains. Empty: any host (then guard egress outside the service).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Whether <paramref name="url"/>'s host is one webhooks may go to.</summary>
    public bool Allows(Uri url) =>
        AllowedHosts.Count == 0 || AllowedHosts.Any(h => h.StartsWith('.')
            ? url.Host.EndsWith(h, StringComparison.OrdinalIgnoreCase) || url.Host.Equals(h[1..], StringComparison.OrdinalIgnoreCase)
            : url.Host.Equals(h, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether webhooks may go to loopback, private, link-local and other non-public addresses. Off by
    /// default: URLs are the client's choice, and the service's own network is not theirs to reach.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>After a rotation the previous secret keeps signing for this long.</summary>
    public int PreviousSecretHours { get; set; } = 24;
}
