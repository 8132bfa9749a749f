using System.Buffers;

namespace Compliance.Api.Customers;

/// <summary>Customer ids are the client's own identifiers; they are not PII and may appear in logs.</summary>
internal static class CustomerId
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-");

    public static bool IsValid(string id) => id.Length is > 0 and <= 128 && !id.AsSpan().ContainsAnyExcept(Allowed);

    public static string New() => "cus_" + Guid.CreateVersion7().ToString("N");
}
