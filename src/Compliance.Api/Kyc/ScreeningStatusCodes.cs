namespace Compliance.Api.Kyc;

/// <summary>The stable codes stored in <c>customers.screening_status</c> and seen by rules.</summary>
internal static class ScreeningStatusCodes
{
    public static string ToCode(this ScreeningStatus status) => status switch
    {
        ScreeningStatus.NotScreened => "not_screened",
        ScreeningStatus.Clear => "clear",
        ScreeningStatus.PotentialMatch => "potential_match",
        ScreeningStatus.ConfirmedMatch => "confirmed_match",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ScreeningStatus? Parse(string? code) =>
        Enum.GetValues<ScreeningStatus>().Where(s => s.ToCode() == code).Select(s => (ScreeningStatus?)s).FirstOrDefault();
}
