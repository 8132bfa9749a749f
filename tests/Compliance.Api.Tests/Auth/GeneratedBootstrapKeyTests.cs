using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Auth;

public sealed class GeneratedBootstrapKeyTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Set("COMPLIANCE_BOOTSTRAP_ADMIN_KEY", "");
        return ((IAsyncLifetime)_factory).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task Start_WithoutBootstrapKey_GeneratesOneAdminKeyOnlyOnce()
    {
        using (_factory.CreateClient())
        {
        }

        // A second host on the same database finds the admin and generates nothing.
        await using (var second = new ApiFactory())
        {
            second.Set("ConnectionStrings:Postgres", _factory.ConnectionString);
            second.Set("COMPLIANCE_BOOTSTRAP_ADMIN_KEY", "");
            using var client = second.CreateClient();
        }

        await using var connection = new NpgsqlConnection(_factory.ConnectionString);
        var admins = await connection.QueryAsync<string[]>("SELECT roles FROM api_keys WHERE revoked_at IS NULL");
        admins.Should().ContainSingle().Which.Should().Equal("admin");
    }
}
