namespace Compliance.Api.Kyc;

/// <summary>The <c>Kyc</c> configuration section.</summary>
internal sealed class KycOptions
{
    public const string Section = "Kyc";

    /// <summary>Per provider, keyed by the names in <see cref="KycProviders"/>.</summary>
    public Dictionary<string, KycProviderOptions> Providers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How far a signed callback timestamp may be from now (Stripe, Persona, ComplyAdvantage Mesh).</summary>
    public int SignatureToleranceSeconds { get; init; } = 300;

    /// <summary>Callbacks larger than this get 413 without being read further.</summary>
    public int MaxCallbackBytes { get; init; } = 1024 * 1024;

    /// <summary>A verification pending for longer than this is re-read from its provider.</summary>
    public double ReconcileAfterMinutes { get; init; } = 30;

    /// <summary>How often the reconciliation job looks for such verifications; 0 turns it off.</summary>
    public double ReconcileIntervalSeconds { get; init; } = 60;

    /// <summary>Refused callbacks written to the audit log per provider and minute; further refusals are only logged.</summary>
    public int RejectedCallbackAuditPerMinute { get; init; } = 600;

    public KycProviderOptions? For(string provider) => Providers.TryGetValue(provider, out var options) ? options : null;
}
