namespace Compliance.Rules.Expressions;

/// <summary>Thrown by a compiled expression when it exceeds a per-evaluation limit (collection work).</summary>
public sealed class RuleLimitExceededException : Exception
{
    public RuleLimitExceededException()
        : this("a rule evaluation limit was exceeded")
    {
    }

    public RuleLimitExceededException(string message)
        : base(message)
    {
        LimitName = string.Empty;
    }

    public RuleLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
        LimitName = string.Empty;
    }

    public RuleLimitExceededException(string limitName, long limit)
        : base($"{limitName} limit of {limit} exceeded")
    {
        LimitName = limitName;
        Limit = limit;
    }

    /// <summary>Which limit was hit, e.g. "collection work (elements visited per evaluation)".</summary>
    public string LimitName { get; }

    public long Limit { get; }
}
