using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Compliance.Api.Tests.Checks;

/// <summary>One batch writer, so a batch held in the database makes every later check wait for the next one.</summary>
public sealed class OneWriterFactory : ApiFactory
{
    public OneWriterFactory()
    {
        Set("Checks:BatchWriters", "1");
        Set("Checks:TimeoutMilliseconds", "30000"); // the tests hold a batch in the database on purpose
    }
}

/// <summary>
/// Checks that arrive while a batch is in the database are stored together, in one transaction, and
/// each is answered only after that commit; one bad check does not fail its neighbours.
/// </summary>
public sealed class CheckBatchTests(OneWriterFactory factory) : IClassFixture<OneWriterFactory>
{
    [Fact]
    public async Task ChecksQueuedBehindABatch_AreStoredInOneTransaction_AndTheChainVerifies()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var blocker = await checks.CustomerAsync();
        var others = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => checks.CustomerAsync()));

        List<HttpResponseMessage> answers;
        await using (var hold = await HoldCustomerAsync(blocker))
        {
            var first = checks.PostAsync(CheckClient.Body("batch-first", blocker, 10m));
            await WaitForAsync(async () => await LockWaitersAsync() == 1, "the first batch waits on the held customer");
            var queued = others.Select((c, i) => checks.PostAsync(CheckClient.Body($"batch-{i}", c, 20m + i))).ToList();
            await WaitForAsync(() => Task.FromResult(Writer().Waiting == others.Length), "all twelve checks queue behind it");
            queued.Should().OnlyContain(t => !t.IsCompleted, "nothing is answered before its batch commits");

            await hold.CommitAsync();
            answers = [await first, .. await Task.WhenAll(queued)];
        }

        answers.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var ids = others.Select((_, i) => $"batch-{i}").ToArray();
        var transactions = await connection.QueryAsync<string>("SELECT DISTINCT xmin::text FROM decisions WHERE transaction_id = ANY(@Ids)", new { Ids = ids });
        transactions.Should().ContainSingle("the twelve checks that waited together were committed together");
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM velocity_entries WHERE transaction_id = ANY(@Ids)", new { Ids = ids }))
            .Should().Be(12, "each allowed check counts once towards its customer's velocity");
        var verified = await new DecisionVerifier(factory.Services.GetRequiredService<NpgsqlDataSource>()).VerifyAsync(null, CancellationToken.None);
        verified.Ok.Should().BeTrue(verified.Problem);
    }

    [Fact]
    public async Task ATransactionIdSentForTwoCustomersInOneBatch_BatchRetriedOneByOne_OnlyTheSecondConflicts()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var blocker = await checks.CustomerAsync();
        var (a, b) = (await checks.CustomerAsync(), await checks.CustomerAsync());
        var bystanders = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => checks.CustomerAsync()));

        HttpResponseMessage[] dup;
        HttpResponseMessage[] others;
        await using (var hold = await HoldCustomerAsync(blocker))
        {
            var first = checks.PostAsync(CheckClient.Body("dup-first", blocker, 10m));
            await WaitForAsync(async () => await LockWaitersAsync() == 1, "the first batch waits on the held customer");
            var dupA = checks.PostAsync(CheckClient.Body("dup-tx", a, 30m));
            await WaitForAsync(() => Task.FromResult(Writer().Waiting == 1), "the first use of the id queues first");
            var dupB = checks.PostAsync(CheckClient.Body("dup-tx", b, 31m));
            var rest = bystanders.Select((c, i) => checks.PostAsync(CheckClient.Body($"dup-bystander-{i}", c, 40m))).ToList();
            await WaitForAsync(() => Task.FromResult(Writer().Waiting == 5), "all five queue behind the held batch");

            await hold.CommitAsync();
            (await first).StatusCode.Should().Be(HttpStatusCode.OK);
            dup = await Task.WhenAll(dupA, dupB);
            others = await Task.WhenAll(rest);
        }

        dup[0].StatusCode.Should().Be(HttpStatusCode.OK, "the id's first use is stored when the batch is retried one by one");
        dup[1].StatusCode.Should().Be(HttpStatusCode.Conflict, "the same id with another body is a conflict, not a second decision");
        others.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK, "the other checks of the broken batch are stored");
        (await checks.DecisionCountAsync("dup-tx")).Should().Be(1);
        var stored = await (await checks.Http.GetAsync("/v1/checks/dup-tx")).Content.ReadFromJsonAsync<JsonElement>();
        stored.GetProperty("request").GetProperty("customerId").GetString().Should().Be(a);
        factory.Logs.All.Should().Contain("checks was rolled back (23505); storing them one by one");
    }

    private CheckWriter Writer() => factory.Services.GetRequiredService<CheckWriter>();

    /// <summary>Holds <paramref name="customerId"/>'s check lock in a transaction of the test's own until committed.</summary>
    private async Task<HeldLock> HoldCustomerAsync(string customerId)
    {
        var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@Key)", new { Key = CheckStore.LockKey(customerId) }, transaction);
        return new HeldLock(connection, transaction);
    }

    private async Task<long> LockWaitersAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 10;
        while (!await condition())
        {
            TimeProvider.System.GetTimestamp().Should().BeLessThan(deadline, $"within 10 s: {what}");
            await Task.Delay(20);
        }
    }

    private sealed class HeldLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public Task CommitAsync() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
