using Compliance.Api.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Checks;

/// <summary>
/// The check's velocity read (hour totals plus the partial hours at the windows' starts) gives
/// exactly what aggregating every raw entry gives, whatever the entries' times, and after the
/// updates outcomes, cases and disputes make.
/// </summary>
public sealed class VelocityHoursTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // The definition the hour totals must agree with: every counted entry of the customer, aggregated.
    private const string RawVelocitySql = """
        SELECT count(*) FILTER (WHERE occurred_at > @T1h)::int AS Count1h, coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T1h), 0) AS Sum1h,
               count(*) FILTER (WHERE occurred_at > @T24h)::int AS Count24h, coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T24h), 0) AS Sum24h,
               count(*) FILTER (WHERE occurred_at > @T7d)::int AS Count7d, coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T7d), 0) AS Sum7d,
               count(*) FILTER (WHERE occurred_at > @T30d)::int AS Count30d, coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T30d), 0) AS Sum30d,
               count(*) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay)::int AS CountToday,
               coalesce(sum(amount_base) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay), 0) AS SumToday,
               count(*) FILTER (WHERE occurred_at >= @Month AND occurred_at < @NextMonth)::int AS CountMonth,
               coalesce(sum(amount_base) FILTER (WHERE occurred_at >= @Month AND occurred_at < @NextMonth), 0) AS SumMonth,
               count(*) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay AND type = 'withdrawal')::int AS WithdrawalCountToday,
               coalesce(sum(amount_base) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay AND type = 'withdrawal'), 0) AS WithdrawalSumToday,
               count(*) FILTER (WHERE occurred_at > @T30d AND counterparty_key = @CounterpartyKey)::int AS CounterpartyCount30d,
               coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T30d AND counterparty_key = @CounterpartyKey), 0) AS CounterpartySum30d,
               count(DISTINCT counterparty_key) FILTER (WHERE occurred_at > @T24h)::int AS DistinctCounterparties24h
        FROM velocity_entries
        WHERE customer_id = @CustomerId AND counted
        """;

    [Fact]
    public async Task HourTotals_AgreeWithEveryRawEntry_AtWindowEdges_AcrossUpdates_InAnySessionTimeZone()
    {
        using var host = factory.CreateClient(); // starts the service, which migrates the database
        var customer = $"vh-{Guid.NewGuid():N}";
        var now = new DateTimeOffset(2026, 3, 1, 0, 20, 7, TimeSpan.Zero).AddTicks(1234560); // just after a month's and a day's start
        var keys = Enumerable.Range(0, 6).Select(i => new byte[] { (byte)i, 7, 7 }).ToArray();
        var random = new Random(12);
        var times = new List<DateTimeOffset>();
        foreach (var edge in new[] { TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromDays(7), TimeSpan.FromDays(30) })
        {
            // On the window's start, just either side of it, and at the hour boundaries around it.
            var start = now - edge;
            var hour = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
            times.AddRange([start, start.AddTicks(10), start.AddTicks(-10), hour, hour.AddHours(1), hour.AddHours(1).AddTicks(-10)]);
        }

        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        times.AddRange([day, day.AddTicks(-10), day.AddDays(1), day.AddDays(1).AddTicks(-10), day.AddMonths(1), now.AddMinutes(50), now.AddHours(3)]);
        times.AddRange(Enumerable.Range(0, 400).Select(_ => now - TimeSpan.FromSeconds(random.Next(-7_200, 40 * 86_400))));

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var ids = new List<string>();
        foreach (var (at, i) in times.Select((t, i) => (t, i)))
        {
            var id = $"{customer}-{i}";
            ids.Add(id);
            // With its hour's total, as the check's statement stores an entry (through the function
            // the migration's trigger uses for updates).
            await connection.ExecuteAsync("""
                INSERT INTO velocity_entries (transaction_id, customer_id, occurred_at, amount_base, type, channel, counterparty_key, counted)
                VALUES (@Id, @Customer, @At, @Amount, @Type, 'web', @Key, @Counted);
                SELECT velocity_hours_apply(@Customer, @At, @Amount, @Type, 1) WHERE @Counted;
                """, new
            {
                Id = id, Customer = customer, At = at, Amount = Math.Round((decimal)random.NextDouble() * 900m, 4) + 0.0001m,
                Type = random.Next(4) == 0 ? "withdrawal" : "transfer", Key = random.Next(8) == 0 ? null : keys[random.Next(keys.Length)],
                Counted = random.Next(10) > 0,
            });
        }

        await AssertAgreeAsync(connection, customer, now, keys[2]);
        await AssertHoursMatchEntriesAsync(connection, customer);

        // What outcomes, cases and disputes do: stop counting, count again, reduce the amount.
        await connection.ExecuteAsync("UPDATE velocity_entries SET counted = false WHERE transaction_id = ANY(@Ids)", new { Ids = ids.Where((_, i) => i % 7 == 0).ToArray() });
        await connection.ExecuteAsync("UPDATE velocity_entries SET counted = true WHERE transaction_id = ANY(@Ids)", new { Ids = ids.Where((_, i) => i % 21 == 0).ToArray() });
        await connection.ExecuteAsync("UPDATE velocity_entries SET amount_base = GREATEST(amount_base - 100, 0) WHERE transaction_id = ANY(@Ids)",
            new { Ids = ids.Where((_, i) => i % 5 == 0).ToArray() });

        await AssertHoursMatchEntriesAsync(connection, customer);
        await connection.ExecuteAsync("SET TimeZone = 'Asia/Kolkata'"); // a half-hour offset: hours are UTC hours all the same
        // The last probe's month starts before its 30 days do, on an entry (`day`) that only the month counts.
        foreach (var at in new[] { now, now.AddMinutes(39).AddSeconds(53), now.AddDays(-3).AddHours(5), now.AddDays(1), new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero) })
        {
            await AssertAgreeAsync(connection, customer, at, keys[random.Next(keys.Length)]);
            await AssertAgreeAsync(connection, customer, at, null);
        }
    }

    /// <summary>Every hour total equals its entries, aggregated (hours whose entries all stopped counting read zero).</summary>
    internal static async Task AssertHoursMatchEntriesAsync(NpgsqlConnection connection, string? customer)
    {
        var mismatches = await connection.QueryAsync<string>("""
            WITH expected AS (
                SELECT customer_id, date_trunc('hour', occurred_at, 'UTC') AS hour, count(*)::int AS entries, sum(amount_base) AS amount,
                       count(*) FILTER (WHERE type = 'withdrawal')::int AS withdrawals, coalesce(sum(amount_base) FILTER (WHERE type = 'withdrawal'), 0) AS withdrawn
                FROM velocity_entries WHERE counted AND (CAST(@Customer AS text) IS NULL OR customer_id = @Customer) GROUP BY 1, 2),
            kept AS (SELECT * FROM velocity_hours WHERE (entries <> 0 OR amount <> 0) AND (CAST(@Customer AS text) IS NULL OR customer_id = @Customer))
            SELECT coalesce(e.customer_id, k.customer_id) || ' ' || coalesce(e.hour, k.hour)::text
            FROM expected e FULL JOIN kept k ON k.customer_id = e.customer_id AND k.hour = e.hour
            WHERE (e.entries, e.amount, e.withdrawals, e.withdrawn) IS DISTINCT FROM (k.entries, k.amount, k.withdrawals, k.withdrawn)
            """, new { Customer = customer });
        mismatches.Should().BeEmpty("each hour's total is the sum of its counted entries");
    }

    private static async Task AssertAgreeAsync(NpgsqlConnection connection, string customer, DateTimeOffset at, byte[]? counterparty)
    {
        var input = new CheckInput("probe", customer, [1], at, 1m, "transfer", null, counterparty);
        VelocityFacts fromHours;
        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(CheckStatements.Velocity(input));
            await using var reader = await batch.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeTrue();
            fromHours = reader.GetRowParser<VelocityFacts>()(reader);
        }

        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var month = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var raw = await connection.QuerySingleAsync<VelocityFacts>(RawVelocitySql, new
        {
            CustomerId = customer, CounterpartyKey = counterparty, T1h = at.AddHours(-1), T24h = at.AddHours(-24), T7d = at.AddDays(-7), T30d = at.AddDays(-30),
            Day = day, NextDay = day.AddDays(1), Month = month, NextMonth = month.AddMonths(1),
        });

        raw.Count30d.Should().BeGreaterThan(0, "the probe must have entries to compare");
        fromHours.Should().BeEquivalentTo(raw, $"at {at:O} with counterparty {(counterparty is null ? "none" : counterparty[0])}");
    }
}
