namespace Compliance.Api.Checks;

/// <summary>
/// The customer's earlier activity (input <c>velocity</c>), in the base currency. Every figure
/// <b>excludes</b> the transaction being checked, so a limit reads
/// <c>velocity.SumToday + transaction.AmountBase &gt; 25000</c>. Transactions that were blocked,
/// reversed or failed do not count. Entries stamped after this transaction (concurrent or
/// out-of-order submissions) count too, so limits hold however timestamps interleave.
/// </summary>
internal sealed class VelocityFacts
{
    public int Count1h { get; init; }

    public decimal Sum1h { get; init; }

    public int Count24h { get; init; }

    public decimal Sum24h { get; init; }

    public int Count7d { get; init; }

    public decimal Sum7d { get; init; }

    public int Count30d { get; init; }

    public decimal Sum30d { get; init; }

    /// <summary>Calendar day (UTC) of the transaction.</summary>
    public int CountToday { get; init; }

    public decimal SumToday { get; init; }

    /// <summary>Calendar month (UTC) of the transaction.</summary>
    public int CountMonth { get; init; }

    public decimal SumMonth { get; init; }

    /// <summary>Cash withdrawals on the calendar day, for ATM limits.</summary>
    public int WithdrawalCountToday { get; init; }

    public decimal WithdrawalSumToday { get; init; }

    /// <summary>With this transaction's counterparty, over 30 days.</summary>
    public int CounterpartyCount30d { get; init; }

    public decimal CounterpartySum30d { get; init; }

    /// <summary>Different counterparties paid in the last 24 hours.</summary>
    public int DistinctCounterparties24h { get; init; }
}
