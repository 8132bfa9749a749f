namespace Compliance.Api.Kyc;

/// <summary>Sanctions / PEP screening of the customer (spec §7), a dimension separate from identity.</summary>
internal enum ScreeningStatus
{
    NotScreened,
    Clear,
    PotentialMatch,
    ConfirmedMatch,
}
