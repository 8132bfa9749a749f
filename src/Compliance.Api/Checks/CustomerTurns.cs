namespace Compliance.Api.Checks;

/// <summary>
/// Checks of one customer take turns inside this instance before they take a database connection.
/// The customer's advisory lock in PostgreSQL is what makes limits exact (across instances too);
/// this only keeps a burst on one customer (a merchant, a wallet) from filling the connection pool
/// with transactions that wait on each other's lock while other customers' checks wait for a
/// connection. Striped: two customers may share a stripe, which only orders them.
/// </summary>
internal sealed class CustomerTurns
{
    private const int Stripes = 4096;

    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for this customer's turn; dispose the result to pass it on.</summary>
    public async ValueTask<Turn> WaitAsync(string customerId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(customerId) % Stripes)];
        await stripe.WaitAsync(cancellationToken);
        return new Turn(stripe);
    }

    public readonly struct Turn(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
