namespace Compliance.Api.Customers;

/// <summary>
/// A stored PII value failed authentication: it was altered, or copied from another customer's
/// row or another column. Nothing of it is returned. Carries the field name, never a value.
/// </summary>
internal sealed class PiiIntegrityException(string customerId, string field, Exception inner)
    : Exception($"The stored {field} of customer {customerId} failed integrity verification (altered or copied from elsewhere); it was not returned.", inner)
{
    public string CustomerId { get; } = customerId;

    public string Field { get; } = field;
}
