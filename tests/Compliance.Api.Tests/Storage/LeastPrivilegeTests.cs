using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Storage;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Npgsql;

namespace Compliance.Api.Tests.Storage;

/// <summary>
/// The service as deployed (compose.yaml): the schema migrated by its owner, the service logged in
/// as a member of compliance_app with Database:MigrateOnStart=false. Every feature exercised here
/// must work with the rights the migrations grant, and no more.
/// </summary>
public sealed class LeastPrivilegeTests(LeastPrivilegeTests.Fixture fixture) : IClassFixture<LeastPrivilegeTests.Fixture>
{
    [Fact]
    public async Task TheAppRole_ServesCustomersChecksCasesPiiReadsAndErasure()
    {
        var factory = fixture.Factory;
        using var checks = await CheckClient.CreateAsync(factory);
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "cases:write", "pii:read");
        var pending = await checks.CustomerAsync(kycStatus: "pending");

        var body = CheckClient.Body("lp-1", pending, 120m);
        var review = await checks.DecideAsync(body);
        review.GetProperty("decision").GetString().Should().Be("review");
        (await checks.PostAsync(body)).StatusCode.Should().Be(HttpStatusCode.OK, "a replay reads the stored decision");

        var cases = await officer.GetFromJsonAsync<JsonElement>("/v1/cases?state=open");
        var opened = cases.GetProperty("items").EnumerateArray().Should().ContainSingle(c => c.GetProperty("customerId").GetString() == pending).Subject;
        var caseId = opened.GetProperty("id").GetGuid();
        (await officer.PostAsJsonAsync($"/v1/cases/{caseId}/comments", new { text = "Looked at the payer's history." })).StatusCode.Should().Be(HttpStatusCode.Created);

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/v1/customers/{pending}/pii") { Headers = { { "X-Access-Purpose", "kyc_review" } } };
        (await officer.SendAsync(read)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var admin = factory.CreateAdminClient();
        (await admin.DeleteAsync($"/v1/customers/{pending}/pii?reason=data_subject_request")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var auditor = await factory.CreateClientWithRolesAsync("audit:read");
        var audit = await auditor.GetFromJsonAsync<JsonElement>($"/v1/audit?subject={pending}");
        audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Contain("customer.pii.read");
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly string _role = "lp_api_" + Guid.NewGuid().ToString("N")[..10];
        private string _owner = "";

        public ApiFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            _owner = await TestPostgres.CreateDatabaseAsync();
            await using (var owner = NpgsqlDataSource.Create(_owner))
            {
                await new MigrationRunner(owner, Migration.LoadEmbedded(), Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance)
                    .RunAsync(CancellationToken.None);
                await using var command = owner.CreateCommand(
                    $"CREATE ROLE {_role} LOGIN IN ROLE compliance_app; GRANT CONNECT ON DATABASE {new NpgsqlConnectionStringBuilder(_owner).Database} TO {_role}");
                await command.ExecuteNonQueryAsync();
            }

            Factory.Set("ConnectionStrings:Postgres", new NpgsqlConnectionStringBuilder(_owner) { Username = _role }.ConnectionString);
            Factory.Set("Database:MigrateOnStart", "false");
            await Factory.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await ((IAsyncLifetime)Factory).DisposeAsync();
            await TestPostgres.DropDatabaseAsync(_owner);
            await using var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_owner) { Database = "postgres" }.ConnectionString);
            await using var command = admin.CreateCommand($"DROP ROLE IF EXISTS {_role}");
            await command.ExecuteNonQueryAsync();
        }
    }
}
