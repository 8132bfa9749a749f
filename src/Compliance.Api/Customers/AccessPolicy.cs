namespace Compliance.Api.Customers;

/// <summary>Why plaintext PII may be read, and why it may be erased: fixed lists, so the audit log holds codes, not prose.</summary>
internal static class AccessPolicy
{
    public const string PurposeHeader = "X-Access-Purpose";

    public static readonly IReadOnlySet<string> Purposes = new HashSet<string>(StringComparer.Ordinal)
    {
        "kyc_review", "aml_investigation", "customer_request", "regulatory_request", "fraud_investigation",
    };

    public static readonly IReadOnlySet<string> ErasureReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "data_subject_request", "retention_expired", "court_order", "duplicate_record",
    };
}
