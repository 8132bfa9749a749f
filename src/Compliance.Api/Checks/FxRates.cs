using System.Collections.Frozen;
using Dapper;
using Npgsql;

namespace Compliance.Api.Checks;

/// <summary>
/// The newest exchange-rate version, in memory: conversions cost a dictionary lookup, and each
/// decision records the version it converted with. Reloaded when a newer version appears.
/// </summary>
internal sealed class FxRates(NpgsqlDataSource dataSource)
{
    private const string SelectLatest = """
        SELECT s.version AS Version, s.base_currency AS BaseCurrency, r.currency AS Currency, r.rate AS Rate
        FROM fx_rate_sets s JOIN fx_rates r ON r.version = s.version
        WHERE s.version = (SELECT max(version) FROM fx_rate_sets)
        """;

    private volatile RateSet? _current;

    public RateSet Current => _current ?? throw new InvalidOperationException("Exchange rates are not loaded yet.");

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(int Version, string BaseCurrency, string Currency, decimal Rate)>(
            new CommandDefinition(SelectLatest, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            throw new Storage.StartupException("no exchange rates: fx_rate_sets is empty");
        }

        _current = new RateSet(rows[0].Version, rows[0].BaseCurrency, rows.ToFrozenDictionary(r => r.Currency, r => r.Rate, StringComparer.Ordinal));
    }

    /// <summary>One immutable version of the rates.</summary>
    internal sealed record RateSet(int Version, string BaseCurrency, FrozenDictionary<string, decimal> Rates)
    {
        /// <summary>The amount in the base currency, to 4 decimal places (banker's rounding); null without a rate.</summary>
        public decimal? ToBase(decimal amount, string currency) =>
            Rates.TryGetValue(currency, out var rate) ? WithoutTrailingZeros(decimal.Round(amount * rate, 4, MidpointRounding.ToEven)) : null;

        // A product keeps the scale of its operands (12000 x 1.000000000000): show 12000, not 12000.0000.
        private static decimal WithoutTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;
    }
}
