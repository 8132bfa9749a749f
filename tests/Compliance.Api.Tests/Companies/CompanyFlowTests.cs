using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;
using Compliance.Api.Tests.Kyc.Simulators;
using Compliance.Api.Tests.Screening;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Companies;

/// <summary>The service with Companies House pointed at its simulator and the UN list imported.</summary>
public sealed class CompaniesFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public CompaniesHouseSimulator Simulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await CompaniesHouseSimulator.StartAsync();
        Simulator.Companies["12345678"] = new SimulatedCompany("12345678", "NORTHWIND IMPORTS LIMITED", "active",
        [
            CompaniesHouseSimulator.Officer("SMITH, John"),
            CompaniesHouseSimulator.Officer("AL-ZAWAHIRI, Ayman", nationality: "Egyptian", birthYear: 1951),
            CompaniesHouseSimulator.Officer("DOE, Jane", resignedOn: "2019-01-31"),
        ],
        [
            CompaniesHouseSimulator.Psc("Mr John Smith"),
            CompaniesHouseSimulator.Psc("Al-Rashid Trust", kind: "corporate-entity-person-with-significant-control"),
        ]);
        foreach (var (key, value) in Simulator.Settings())
        {
            Factory.Set(key, value);
        }

        Factory.Set("Screening:RescreenPollSeconds", "1");
        await Factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>
/// A business customer's company looked up at Companies House: stored with its people encrypted,
/// screened with the customer (officers and PSCs like customers), re-screened on list updates, erased with the customer.
/// </summary>
public sealed class CompanyFlowTests(CompaniesFixture fixture) : IClassFixture<CompaniesFixture>
{
    private const string Un = "un-consolidated";

    private ApiFactory Factory => fixture.Factory;

    [Fact]
    public async Task ALookUp_StoresTheCompany_AndScreensItsOfficersAndPscs()
    {
        using var admin = Factory.CreateAdminClient();
        await ImportAsync(admin, ListFixtures.Text("un-consolidated.xml"));
        using var kyc = await Factory.CreateClientWithRolesAsync("kyc:write", "checks:write", "cases:read");
        await CreateAsync(kyc, "co-flow", "Northwind Imports");
        (await ScreeningStatusAsync(kyc, "co-flow")).Should().Be("clear");

        var response = await kyc.PostAsJsonAsync("/v1/customers/co-flow/company", new { companyNumber = "12345678" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var lookup = await response.Content.ReadFromJsonAsync<JsonElement>();
        lookup.GetProperty("companyName").GetString().Should().Be("NORTHWIND IMPORTS LIMITED");
        lookup.GetProperty("incorporatedOn").GetString().Should().Be("2015-03-02");
        (lookup.GetProperty("officers").GetInt32(), lookup.GetProperty("activeOfficers").GetInt32()).Should().Be((3, 2));
        (lookup.GetProperty("pscs").GetInt32(), lookup.GetProperty("activePscs").GetInt32()).Should().Be((2, 2));
        lookup.GetRawText().Should().NotContainAny(["SMITH", "Smith", "DOE"], "the people are not in the look-up's answer (only the list entries they matched)");
        var screening = lookup.GetProperty("screening");
        screening.GetProperty("status").GetString().Should().Be("potential_match");
        var hits = screening.GetProperty("hits").EnumerateArray().Select(h => (h.GetProperty("party").GetString(), h.GetProperty("entryId").GetString())).ToList();
        hits.Should().Contain(("officer:1", "QDi.006")).And.Contain(("psc:4", "QDe.005"));
        hits.Should().NotContain(h => h.Item1 == null, "the customer's own name matches nothing");

        (await ScreeningStatusAsync(kyc, "co-flow")).Should().Be("potential_match");
        var cases = await kyc.GetFromJsonAsync<JsonElement>("/v1/cases?reason=SCREENING_POTENTIAL_MATCH");
        cases.GetProperty("items").EnumerateArray().Should().ContainSingle(c => c.GetProperty("customerId").GetString() == "co-flow");
        var view = await kyc.GetFromJsonAsync<JsonElement>("/v1/customers/co-flow/screening");
        view.GetProperty("screenings")[0].GetProperty("trigger").GetString().Should().Be("companies_house");

        var stored = await kyc.GetFromJsonAsync<JsonElement>("/v1/customers/co-flow/company");
        stored.GetProperty("companyNumber").GetString().Should().Be("12345678");
        stored.GetProperty("lookedUpBy").GetString().Should().NotBeNullOrEmpty();

        // The people: pii:read and a purpose, audited.
        (await kyc.GetAsync("/v1/customers/co-flow/company/parties")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var reader = await Factory.CreateClientWithRolesAsync("pii:read", "audit:read");
        var parties = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/customers/co-flow/company/parties")
        {
            Headers = { { "X-Access-Purpose", "kyc_review" } },
        });
        parties.StatusCode.Should().Be(HttpStatusCode.OK);
        var people = (await parties.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parties").EnumerateArray().ToList();
        people.Select(p => p.GetProperty("name").GetString()).Should().Equal("John SMITH", "Ayman AL-ZAWAHIRI", "Jane DOE", "Mr John Smith", "Al-Rashid Trust");
        people[1].GetProperty("birthYear").GetInt32().Should().Be(1951);
        people[2].GetProperty("active").GetBoolean().Should().BeFalse();
        people[4].GetProperty("isOrganisation").GetBoolean().Should().BeTrue();

        var audit = await reader.GetFromJsonAsync<JsonElement>("/v1/audit?subject=co-flow");
        var actions = audit.GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString(), string.Join(",", e.TryGetProperty("fields", out var f) ? f.EnumerateArray().Select(x => x.GetString()) : [])))
            .ToList();
        actions.Should().Contain(("customer.company.looked_up", "")).And.Contain(("customer.pii.read", "companyParties"));

        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        var envelope = await connection.QuerySingleAsync<byte[]>("SELECT parties FROM customer_company_lookups WHERE customer_id = 'co-flow'");
        System.Text.Encoding.UTF8.GetString(envelope).Should().NotContain("ZAWAHIRI", "the people are stored encrypted");
        Factory.Logs.All.Should().NotContainAny("ZAWAHIRI", "John SMITH", "Jane DOE");
    }

    [Fact]
    public async Task AListUpdate_ReScreensTheCompanysPeople_AndAnErasureTakesThemAway()
    {
        using var admin = Factory.CreateAdminClient();
        await ImportAsync(admin, ListFixtures.Text("un-consolidated.xml"));
        using var kyc = await Factory.CreateClientWithRolesAsync("kyc:write", "checks:write", "cases:read");
        await CreateAsync(kyc, "co-rescreen", "Northwind Imports Two");
        (await kyc.PostAsJsonAsync("/v1/customers/co-rescreen/company", new { companyNumber = "12345678" })).StatusCode.Should().Be(HttpStatusCode.Created);

        var changed = ListFixtures.Text("un-consolidated.xml").Replace("TAi.004", "TAi.004-" + Guid.NewGuid().ToString("N")[..6], StringComparison.Ordinal);
        await ImportAsync(admin, changed, waitForRescreen: true);
        var latest = (await kyc.GetFromJsonAsync<JsonElement>("/v1/customers/co-rescreen/screening")).GetProperty("screenings")[0];
        latest.GetProperty("trigger").GetString().Should().Be("list_update");
        latest.GetProperty("hits").EnumerateArray().Select(h => h.TryGetProperty("party", out var p) ? p.GetString() : null)
            .Should().Contain("officer:1", "the re-screening screens the company's people too");

        (await admin.DeleteAsync("/v1/customers/co-rescreen/pii?reason=data_subject_request")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customer_company_lookups WHERE customer_id = 'co-rescreen'")).Should().Be(0);
        (await kyc.GetAsync("/v1/customers/co-rescreen/company")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await kyc.PostAsJsonAsync("/v1/customers/co-rescreen/company", new { companyNumber = "12345678" })).StatusCode.Should().Be(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task BadLookUps_Get400_403_404_Or503_AndStoreNothing()
    {
        using var kyc = await Factory.CreateClientWithRolesAsync("kyc:write", "checks:write");
        await CreateAsync(kyc, "co-bad", "Bad Lookups Ltd");
        foreach (var number in new[] { "ABC", "", "123456789", "S1234567" })
        {
            var bad = await kyc.PostAsJsonAsync("/v1/customers/co-bad/company", new { companyNumber = number });
            bad.StatusCode.Should().Be(HttpStatusCode.BadRequest, number);
            (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("companyNumber").GetArrayLength().Should().Be(1);
        }

        var unknown = await kyc.PostAsJsonAsync("/v1/customers/co-bad/company", new { companyNumber = "1234" });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("has no company 00001234", "short numbers are padded as the register shows them");
        (await kyc.PostAsJsonAsync("/v1/customers/nobody/company", new { companyNumber = "12345678" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var reader = await Factory.CreateClientWithRolesAsync("checks:write");
        (await reader.PostAsJsonAsync("/v1/customers/co-bad/company", new { companyNumber = "12345678" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        fixture.Simulator.FailNext(20, 503);
        try
        {
            var down = await kyc.PostAsJsonAsync("/v1/customers/co-bad/company", new { companyNumber = "12345678" });
            down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            down.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
        finally
        {
            fixture.Simulator.FailNext(0, 503);
        }

        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customer_company_lookups WHERE customer_id = 'co-bad'")).Should().Be(0);
    }

    private static async Task CreateAsync(HttpClient client, string id, string name)
    {
        var response = await client.PostAsJsonAsync("/v1/customers", new { id, fullName = name, country = "GB", segment = "business" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ScreeningStatusAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/v1/customers/{id}/kyc")).GetProperty("screeningStatus").GetString()!;

    private static async Task ImportAsync(HttpClient admin, string xml, bool waitForRescreen = false)
    {
        var content = new StringContent(xml);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        var response = await admin.PostAsync($"/v1/screening/lists/{Un}/versions?format=un-consolidated-xml", content);
        response.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        if (!waitForRescreen)
        {
            return;
        }

        var reason = $"{Un}:{(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32()}";
        for (var i = 0; i < 300; i++)
        {
            var jobs = await admin.GetFromJsonAsync<JsonElement>("/v1/screening/rescreens");
            if (jobs.EnumerateArray().Any(j => j.GetProperty("reason").GetString() == reason && j.GetProperty("state").GetString() == "done"))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the re-screening after {reason} did not finish within 30 s");
    }
}
