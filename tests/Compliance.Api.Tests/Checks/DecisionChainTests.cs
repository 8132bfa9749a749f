using Compliance.Api.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Compliance.Api.Tests.Checks;

public sealed class DecisionChainTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Verify_AfterConcurrentChecksAcrossCustomers_IsOk()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => checks.CustomerAsync()));

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => checks.DecideAsync(CheckClient.Body($"chain-{i}", customers[i % customers.Length], 20m + i))));

        var result = await Verifier().VerifyAsync(null, CancellationToken.None);
        result.Ok.Should().BeTrue(result.Problem);
        result.Rows.Should().BeGreaterThanOrEqualTo(60);
        result.Chains.Should().BeGreaterThan(1, "decisions are chained per customer shard, not behind one global head");
    }

    [Fact]
    public async Task Check_ConcurrentCustomersOfOneShard_AllStoredAndTheChainIntact()
    {
        // Customers whose checks land in the same chain: their head updates queue on one row.
        var shard = DecisionChain.For("same-shard-0");
        var ids = Enumerable.Range(0, 5000).Select(i => $"same-shard-{i}").Where(id => DecisionChain.For(id) == shard).Take(4).ToList();
        ids.Should().HaveCount(4);
        using var checks = await CheckClient.CreateAsync(factory);
        foreach (var id in ids)
        {
            await checks.CustomerAsync(id);
        }

        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => checks.DecideAsync(CheckClient.Body($"shard-{i}", ids[i % ids.Count], 15m + i))));

        decisions.Should().HaveCount(40);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var seqs = (await connection.QueryAsync<long>("SELECT seq FROM decisions WHERE chain = @Chain ORDER BY seq", new { Chain = shard })).ToList();
        seqs.Should().HaveCount(40).And.Equal(Enumerable.Range(1, 40).Select(i => (long)i), "one gap-free chain");
        (await Verifier().VerifyAsync(null, CancellationToken.None)).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task Check_ShardHeadMissing_CreatedAndTheCheckStoredOnce()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var used = (await connection.QueryAsync<string>("SELECT DISTINCT chain FROM decisions")).ToHashSet();
        var id = Enumerable.Range(0, 5000).Select(i => $"headless-{i}").First(c => !used.Contains(DecisionChain.For(c)));
        await checks.CustomerAsync(id);
        await connection.ExecuteAsync("DELETE FROM chain_heads WHERE chain = @Chain", new { Chain = DecisionChain.For(id) });

        var decision = await checks.DecideAsync(CheckClient.Body("headless-tx", id, 42m));

        decision.GetProperty("transactionId").GetString().Should().Be("headless-tx");
        (await checks.DecisionCountAsync("headless-tx")).Should().Be(1);
        (await connection.ExecuteScalarAsync<long>("SELECT seq FROM chain_heads WHERE chain = @Chain", new { Chain = DecisionChain.For(id) })).Should().Be(1);
        (await Verifier().VerifyAsync(null, CancellationToken.None)).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task Verify_DecisionChangedBySuperuser_ReportsThatTransaction()
    {
        // A host of its own: the tampered row must not fail the other test's verification.
        var own = new ApiFactory();
        await ((IAsyncLifetime)own).InitializeAsync();
        try
        {
            await TamperAndVerifyAsync(own);
        }
        finally
        {
            await ((IAsyncLifetime)own).DisposeAsync();
        }
    }

    private static async Task TamperAndVerifyAsync(ApiFactory own)
    {
        using var checks = await CheckClient.CreateAsync(own);
        await checks.DecideAsync(CheckClient.Body("tamper-1", "unknown-so-blocked", 99m));
        await using var connection = new NpgsqlConnection(own.ConnectionString);

        await connection.ExecuteAsync("""
            SET session_replication_role = replica;
            UPDATE decisions SET response = replace(response, '"decision":"block"', '"decision":"allow"'), decision = 'allow' WHERE transaction_id = 'tamper-1';
            SET session_replication_role = DEFAULT;
            """);

        var result = await new DecisionVerifier(own.Services.GetRequiredService<NpgsqlDataSource>()).VerifyAsync(null, CancellationToken.None);
        result.Ok.Should().BeFalse();
        result.BadRowId.Should().Be("tamper-1");
        result.Problem.Should().Contain("content was changed");
    }

    [Fact]
    public async Task Checkpoint_TailCutAndHeadRewound_IsCaughtThoughTheChainLooksIntact()
    {
        var own = new ApiFactory();
        await ((IAsyncLifetime)own).InitializeAsync();
        try
        {
            using var checks = await CheckClient.CreateAsync(own);
            var customer = await checks.CustomerAsync();
            for (var i = 0; i < 3; i++)
            {
                await checks.DecideAsync(CheckClient.Body($"cut-{i}", customer, 10m));
            }

            var checkpoints = own.Services.GetRequiredService<Compliance.Api.Audit.ChainCheckpoints>();
            await checkpoints.WriteAsync(CancellationToken.None);
            (await checkpoints.VerifyAsync(CancellationToken.None)).Should().BeNull();
            var chain = DecisionChain.For(customer);
            await using var connection = new NpgsqlConnection(own.ConnectionString);

            // Delete the chain's last decision and rewind its head to the row before: the chain's own links still verify.
            await connection.ExecuteAsync("""
                SET session_replication_role = replica;
                DELETE FROM velocity_entries WHERE transaction_id = 'cut-2';
                DELETE FROM decisions WHERE transaction_id = 'cut-2';
                UPDATE chain_heads SET seq = seq - 1, hash = (SELECT hash FROM decisions WHERE chain = @Chain AND seq = chain_heads.seq - 1) WHERE chain = @Chain;
                SET session_replication_role = DEFAULT;
                """, new { Chain = chain });

            (await new DecisionVerifier(own.Services.GetRequiredService<NpgsqlDataSource>()).VerifyAsync(null, CancellationToken.None)).Ok.Should().BeTrue();
            (await checkpoints.VerifyAsync(CancellationToken.None)).Should().StartWith("checkpoint").And.Contain($"chain {chain} at seq 3");
        }
        finally
        {
            await ((IAsyncLifetime)own).DisposeAsync();
        }
    }

    private DecisionVerifier Verifier() => new(factory.Services.GetRequiredService<NpgsqlDataSource>());
}
