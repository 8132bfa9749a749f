namespace Compliance.Api.Customers;

/// <summary>
/// What the masked view shows: enough to recognise a record on a support screen, too little to
/// identify or impersonate the person.
/// </summary>
internal static class PiiMasking
{
    public static CustomerPii Mask(CustomerPii pii) => new(
        Name(pii.FullName),
        pii.DateOfBirth is null ? null : "****-**-**",
        LastFour(pii.NationalId),
        LastFour(pii.DocumentNumber),
        Email(pii.Email),
        LastFour(pii.Phone),
        pii.Address is null ? null : "***",
        pii.Nationality is null ? null : "**");

    /// <summary><c>John Doe</c> → <c>J*** D**</c>: each word's first letter, the rest starred.</summary>
    public static string? Name(string? name) => name is null
        ? null
        : string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[..1] + new string('*', w.Length - 1)));

    /// <summary><c>AB-123-4321</c> → <c>****4321</c>; short values are starred whole.</summary>
    public static string? LastFour(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var alphanumeric = new string([.. value.Where(char.IsLetterOrDigit)]);
        return alphanumeric.Length <= 6 ? "****" : "****" + alphanumeric[^4..];
    }

    /// <summary><c>john.doe@example.com</c> → <c>j***@example.com</c>.</summary>
    public static string? Email(string? email)
    {
        if (email is null)
        {
            return null;
        }

        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : email[..1] + "***" + email[at..];
    }
}
