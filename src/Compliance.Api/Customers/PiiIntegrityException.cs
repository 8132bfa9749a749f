namespace Compliance.Api.Customers;

/// <summary>
/// A stored PII value failed authentication: it was altered, or copied from another customer's
/// row or another column. Nothing of it is returned. Carries the field name, never a value.
/// </summary>
internal sealed class PiiIntegrityException(string customerId, string field, Exception inner)
    // The message is logged with the exception: it names the field, never the customer (the caller's
    // problem details do, and the audit log records the subject).
    : Exception(Describe(field, "a customer"), inner)
{
    /// <summary>What the caller is told: the same sentence, naming the customer it asked about.</summary>
    public string Detail => Describe(Field, $"customer {CustomerId}");

    public string CustomerId { get; } = customerId;

    public string Field { get; } = field;

    private static string Describe(string field, string whose) =>
        $"The stored {field} of {whose} failed integrity verification (altered or copied from elsewhere); it was not returned.";
}
