namespace Compliance.Api.Companies;

/// <summary>Company look-up logs: numbers, counts and outcomes; never the names of people.</summary>
internal static partial class CompaniesLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Companies House rate limit: {Limit} requests per {WindowSeconds} s reached; request refused locally")]
    public static partial void RateLimited(ILogger logger, int limit, double windowSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Companies House rate limit: waiting {WaitMs} ms for a slot")]
    public static partial void WaitingForSlot(ILogger logger, double waitMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Company {CompanyNumber} looked up for customer {CustomerId}: {Officers} officer(s), {Pscs} PSC(s), truncated {Truncated}")]
    public static partial void LookedUp(ILogger logger, string companyNumber, [Pseudonym] string customerId, int officers, int pscs, bool truncated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Company look-up for customer {CustomerId} failed: {Failure}")]
    public static partial void LookUpFailed(ILogger logger, [Pseudonym] string customerId, string failure);
}
