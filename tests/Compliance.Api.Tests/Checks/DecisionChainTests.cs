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

    private DecisionVerifier Verifier() => new(factory.Services.GetRequiredService<NpgsqlDataSource>());
}
