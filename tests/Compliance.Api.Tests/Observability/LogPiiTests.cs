using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.Observability;

/// <summary>
/// Every test host's logs are searched for the personal data its tests sent (ApiFactory, on dispose);
/// these tests show that search sees what it must and fails when it should.
/// </summary>
public sealed class LogPiiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheWitness_SeesTheCustomersAndPayeesTheTestsSend_AndTheLogsHoldNoneOfIt()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var id = "pii-" + Guid.NewGuid().ToString("N")[..8];
        (await checks.Http.PostAsJsonAsync("/v1/customers", new
        {
            id, fullName = "Henrietta Quellborn", email = "henrietta.q@example.org", phone = "+44 20 7946 0123", dateOfBirth = "1962-03-14",
            nationalId = "QQ123456C", address = "12 Larkspur Lane, Exeter", country = "GB",
        })).EnsureSuccessStatusCode();
        await checks.DecideAsync(CheckClient.Body("pii-check-" + id, await checks.CustomerAsync(), 90m));

        factory.Witness.Seen.Should().ContainKeys("Henrietta Quellborn", "henrietta.q@example.org", "+44 20 7946 0123", "12 Larkspur Lane, Exeter",
            "QQ123456C", "1962-03-14", "Payee GmbH", "DE44500105175407324931");
        factory.Witness.FindIn(factory.Logs.Lines).Should().BeEmpty();
    }

    [Fact]
    public async Task ACustomerId_IsLoggedAsItsKeyedPseudonym_TheSameForTheSameCustomer()
    {
        using var writer = await factory.CreateClientWithRolesAsync("checks:write");
        using var admin = factory.CreateAdminClient();
        var id = "pseudo-" + Guid.NewGuid().ToString("N")[..8];
        (await writer.PostAsJsonAsync("/v1/customers", new { id, fullName = "Gwendolyn Achterberg", country = "NL" })).EnsureSuccessStatusCode();
        (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/customers/{id}/pii?reason=data_subject_request"))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var pseudonym = factory.Services.GetRequiredService<IRedactorProvider>().GetRedactor(DataClasses.Pseudonym).Redact(id);
        pseudonym.Should().MatchRegex("^p~[A-Za-z0-9_-]{16}$");
        factory.Logs.Lines.Should().Contain(line => line.Contains($"Customer {pseudonym} created with"))
            .And.Contain(line => line.Contains($"Personal data of customer {pseudonym} erased"))
            .And.NotContain(line => line.Contains(id));
    }

    [Fact]
    public void TheSearch_FindsAValueInAnyCase_AndSaysWhichField()
    {
        var witness = new PiiWitness();
        using var body = JsonDocument.Parse("""{"fullName": "Orla Penhaligon", "nationality": "IE", "email": "orla@example.net"}""");
        witness.Record("/v1/customers", body.RootElement);

        var found = witness.FindIn(["Information Compliance.Api.Customers[1] created customer c-1", "Warning Some.Category[2] could not reach ORLA PENHALIGON"]);

        found.Should().ContainSingle().Which.Should().StartWith("fullName 'Orla Penhaligon' in: Warning Some.Category[2]");
        witness.Seen.Should().NotContainKey("IE", "two-letter codes are not searched for");
    }
}
