namespace Compliance.Api.Checks;

/// <summary>Bound from the <c>Checks</c> section.</summary>
internal sealed class CheckOptions
{
    public const string Section = "Checks";

    /// <summary>A check that cannot be decided and stored within this time fails closed with 503.</summary>
    public int TimeoutMilliseconds { get; set; } = 2000;

    /// <summary>
    /// Transactions storing checks at once (<see cref="CheckWriter"/>): each takes every check waiting
    /// when it starts, up to <see cref="MaxBatch"/>. Few, so that checks gather into batches under
    /// load; more than one, so a batch waiting on a customer's lock does not stop the others.
    /// </summary>
    public int BatchWriters { get; set; } = 2;

    /// <summary>Most checks in one transaction; 1 stores each check in a transaction of its own.</summary>
    public int MaxBatch { get; set; } = 32;
}
