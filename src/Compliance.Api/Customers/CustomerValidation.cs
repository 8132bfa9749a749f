using System.Globalization;
using System.Text.RegularExpressions;
using Compliance.Api.Common;

namespace Compliance.Api.Customers;

/// <summary>Checks a create request field by field; every problem is reported at once, by JSON name.</summary>
internal static partial class CustomerValidation
{
    public static readonly IReadOnlySet<string> RiskRatings = new HashSet<string>(StringComparer.Ordinal) { "low", "medium", "high" };

    /// <summary>A create request, or with <paramref name="partial"/> an update: then only the fields given are checked.</summary>
    public static Dictionary<string, string[]> Validate(CreateCustomerRequest request, DateOnly today, bool partial = false)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];

        if (request.Id is not null && !CustomerId.IsValid(request.Id))
        {
            Error("id", "id must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'.");
        }

        if ((!partial || request.FullName is not null) && (string.IsNullOrWhiteSpace(request.FullName) || request.FullName.Trim().Length > 200))
        {
            Error("fullName", "fullName is required, at most 200 characters.");
        }

        if (request.DateOfBirth is not null)
        {
            if (!DateOnly.TryParseExact(request.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob))
            {
                Error("dateOfBirth", "dateOfBirth must be a date as YYYY-MM-DD.");
            }
            else if (dob > today || dob.Year < 1900)
            {
                Error("dateOfBirth", "dateOfBirth must be between 1900-01-01 and today.");
            }
        }

        Length(request.NationalId, "nationalId", 64, Error);
        Length(request.DocumentNumber, "documentNumber", 64, Error);
        Length(request.Address, "address", 500, Error);
        if (request.Email is not null && (request.Email.Length > 254 || !EmailPattern().IsMatch(request.Email)))
        {
            Error("email", "email must be an address like name@example.com.");
        }

        if (request.Phone is not null && !PhonePattern().IsMatch(request.Phone))
        {
            Error("phone", "phone must be 6 to 20 digits, optionally with a leading '+', spaces, dashes or parentheses.");
        }

        if (request.Nationality is not null && !IsoCodes.Countries.Contains(request.Nationality))
        {
            Error("nationality", "nationality must be an ISO 3166-1 alpha-2 country code such as DE.");
        }

        if ((!partial || request.Country is not null) && (request.Country is null || !IsoCodes.Countries.Contains(request.Country)))
        {
            Error("country", "country (of residence) is required: an ISO 3166-1 alpha-2 code such as DE.");
        }

        if (request.RiskRating is not null && !RiskRatings.Contains(request.RiskRating))
        {
            Error("riskRating", "riskRating must be low, medium or high.");
        }

        if (request.Segment is not null && !SegmentPattern().IsMatch(request.Segment))
        {
            Error("segment", "segment must be 1 to 32 lower-case letters, digits or '_', such as retail or business.");
        }

        return errors;
    }

    private static void Length(string? value, string field, int max, Action<string, string> error)
    {
        if (value is not null && (value.Trim().Length == 0 || value.Length > max))
        {
            error(field, $"{field} must be 1 to {max} characters when given.");
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,18}[0-9]$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex SegmentPattern();
}
