using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.Screening;

/// <summary>
/// Sanctions lists through the HTTP surface: import, versions with their diff, a refused file
/// leaving the previous version serving, the index swapped on every instance's notification, and
/// a screening that explains its hits.
/// </summary>
public sealed class ScreeningListApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Import_Reimport_Change_Refuse_TheDiffIsRecordedAndTheLastGoodVersionServes()
    {
        using var admin = factory.CreateAdminClient();

        var first = await ImportAsync(admin, "ofac-sdn", "ofac-sdn-csv", ListFixtures.OfacZip());
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        first.Headers.Location!.ToString().Should().Be("/v1/screening/lists/ofac-sdn/versions/1");
        var v1 = await first.Content.ReadFromJsonAsync<JsonElement>();
        v1.GetProperty("version").GetInt32().Should().Be(1);
        v1.GetProperty("entryCount").GetInt32().Should().Be(7);
        v1.GetProperty("sourceSha256").GetString().Should().HaveLength(64);
        v1.GetProperty("importedBy").GetString().Should().StartWith("key:");

        var again = await ImportAsync(admin, "ofac-sdn", "ofac-sdn-csv", ListFixtures.OfacZip());
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the same file again is the version it already is");
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().Should().Be(1);

        // Version 2: Aerocaribbean delisted, Kim's birth date corrected, a new vessel listed.
        var sdn = ListFixtures.Text("ofac/sdn.csv").Split('\n').Where(l => !l.StartsWith("36,", StringComparison.Ordinal))
            .Select(l => l.Replace("DOB 08 Jan 1984", "DOB 08 Jan 1983", StringComparison.Ordinal));
        var changed = string.Join('\n', sdn) + "27001,\"DARYA STAR\",\"vessel\",\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,\"Iran\",-0- ,-0- \n";
        var second = await ImportAsync(admin, "ofac-sdn", "ofac-sdn-csv", ListFixtures.OfacZip(sdn: changed));
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        var v2 = await second.Content.ReadFromJsonAsync<JsonElement>();
        (v2.GetProperty("version").GetInt32(), v2.GetProperty("added").GetInt32(), v2.GetProperty("removed").GetInt32(), v2.GetProperty("changed").GetInt32())
            .Should().Be((2, 1, 1, 1));
        var changes = await admin.GetFromJsonAsync<JsonElement>("/v1/screening/lists/ofac-sdn/versions/2/changes");
        changes.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("entryId").GetString(), c.GetProperty("change").GetString()))
            .Should().Equal(("20280", "changed"), ("27001", "added"), ("36", "removed"));

        var broken = ListFixtures.OfacZip(sdn: changed + "99,\"BROKEN\",\"robot\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n");
        var refused = await ImportAsync(admin, "ofac-sdn", "ofac-sdn-csv", broken);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("The list file was refused; the previous version keeps serving.");
        problem.GetProperty("location").GetString().Should().Be("sdn.csv line 8");
        problem.GetProperty("detail").GetString().Should().Contain("SDN_Type 'robot'");

        var versions = await admin.GetFromJsonAsync<JsonElement>("/v1/screening/lists/ofac-sdn/versions");
        versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).Should().Equal(2, 1);
        await WaitUntilServingAsync(admin, "ofac-sdn:2");
        using var auditor = await factory.CreateClientWithRolesAsync("audit:read");
        var imported = await auditor.GetFromJsonAsync<JsonElement>("/v1/audit?action=screening.list.imported");
        imported.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("subject").GetString()).Should().Contain(["ofac-sdn:1", "ofac-sdn:2"]);
        var refusals = await auditor.GetFromJsonAsync<JsonElement>("/v1/audit?action=screening.list.import_refused");
        refusals.GetProperty("items").EnumerateArray().Should().Contain(e => e.GetProperty("detail").GetString()!.Contains("sdn.csv line 8"));
    }

    [Fact]
    public async Task Search_FindsTheListedPartyAndExplainsTheHit()
    {
        using var admin = factory.CreateAdminClient();
        await ImportAsync(admin, "un-consolidated", "un-consolidated-xml", ListFixtures.Read("un-consolidated.xml"));
        await ImportAsync(admin, "uk-sanctions", "uk-sanctions-csv", ListFixtures.Read("uk-conlist.csv"));
        await WaitUntilServingAsync(admin, "uk-sanctions:1");
        using var officer = await factory.CreateClientWithRolesAsync("screening:read");

        var response = await officer.PostAsJsonAsync("/v1/screening/search",
            new { name = "Рамзан Кадыров", kind = "person", birthDate = "1976-10-05", countries = new[] { "RU" } });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("status").GetString().Should().Be("potential_match");
        var hit = result.GetProperty("hits")[0];
        hit.GetProperty("list").GetString().Should().Be("uk-sanctions");
        hit.GetProperty("entryId").GetString().Should().Be("14001");
        hit.GetProperty("primaryName").GetString().Should().Be("Ramzan Akhmatovich KADYROV");
        hit.GetProperty("score").GetDouble().Should().BeGreaterThan(0.9);
        hit.GetProperty("contributions").EnumerateArray().Select(c => c.GetProperty("feature").GetString())
            .Should().Equal("name", "birth_date", "country", "cap");

        var clear = await officer.PostAsJsonAsync("/v1/screening/search", new { name = "Emma Johnson" });
        (await clear.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("clear");
    }

    [Fact]
    public async Task ACheckPayingAListedCounterparty_IsHeldForReview_WithTheMatchInItsFacts_AndOpensACase()
    {
        using var admin = factory.CreateAdminClient();
        // Its own list name: the class's other tests count the versions of ofac-sdn.
        await ImportAsync(admin, "ofac-checks", "ofac-sdn-csv", ListFixtures.OfacZip());
        await WaitUntilServingAsync(admin, "ofac-checks:1");
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        var body = new
        {
            transactionId = "scr-cp-1",
            customerId = customer,
            type = "transfer",
            direction = "outbound",
            amount = 120m,
            currency = "EUR",
            channel = "online",
            counterparty = new { name = "Nicolás Maduro", country = "VE", account = "VE00123" },
        };

        var decision = await checks.DecideAsync(body);
        var clean = await checks.DecideAsync(CheckClient.Body("scr-cp-2", customer, 120m));

        decision.GetProperty("decision").GetString().Should().Be("review");
        CheckClient.ReasonCodes(decision).Should().Contain("SANCTIONS_POSSIBLE_MATCH");
        CheckClient.ReasonCodes(clean).Should().NotContain("SANCTIONS_POSSIBLE_MATCH");
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "audit:read");
        var stored = await officer.GetFromJsonAsync<JsonElement>("/v1/checks/scr-cp-1");
        stored.GetProperty("caseId").ValueKind.Should().Be(JsonValueKind.String, "every review opens a case");
        var @case = await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{stored.GetProperty("caseId").GetGuid()}");
        @case.GetProperty("case").GetProperty("inbox").GetString().Should().Be("sanctions");
        var counterparty = @case.GetProperty("decisions")[0].GetProperty("facts").GetProperty("counterparty");
        counterparty.GetProperty("screeningStatus").GetString().Should().Be("potential_match");
        counterparty.GetProperty("screeningMatches").EnumerateArray().Select(m => m.GetString()).Should().Contain("ofac-checks:7140");
        counterparty.GetProperty("screeningScore").GetDouble().Should().BeGreaterThan(0.85);
    }

    [Fact]
    public async Task ANewCustomerOnTheList_IsAPossibleMatch_OpensACase_AndIsHeldByTheRules_WithNoPiiInTheRecord()
    {
        using var admin = factory.CreateAdminClient();
        await ImportAsync(admin, "ofac-customers", "ofac-sdn-csv", ListFixtures.OfacZip());
        await WaitUntilServingAsync(admin, "ofac-customers:1");
        using var checks = await CheckClient.CreateAsync(factory);
        var listed = "scr-cust-" + Guid.NewGuid().ToString("N")[..8];
        var other = "scr-cust-" + Guid.NewGuid().ToString("N")[..8];

        (await checks.Http.PostAsJsonAsync("/v1/customers", new
        {
            id = listed, fullName = "Nicolás Maduro Moros", dateOfBirth = "1962-11-23", nationality = "VE", country = "VE",
        })).EnsureSuccessStatusCode();
        (await checks.Http.PostAsJsonAsync("/v1/customers", new { id = other, fullName = "Emma Johnson", country = "GB" })).EnsureSuccessStatusCode();

        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        var statuses = (await Dapper.SqlMapper.QueryAsync<(string Id, string Status)>(connection,
            "SELECT id, screening_status FROM customers WHERE id = ANY(@Ids)", new { Ids = new[] { listed, other } })).ToDictionary(r => r.Id, r => r.Status);
        statuses.Should().Equal(new Dictionary<string, string> { [listed] = "potential_match", [other] = "clear" });
        var hits = await Dapper.SqlMapper.QuerySingleAsync<string>(connection, "SELECT hits::text FROM customer_screenings WHERE customer_id = @Id AND trigger = 'created'", new { Id = listed });
        hits.Should().Contain("\"entryId\": \"7140\"").And.NotContain("Nicolás").And.NotContain("1962").And.NotContain("\"VE\"",
            "a hit names the list entry and how it scored, not the customer's data");

        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "audit:read");
        var cases = await officer.GetFromJsonAsync<JsonElement>("/v1/cases?reason=SCREENING_POTENTIAL_MATCH&limit=200");
        cases.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("customerId").GetString()).Should().Contain(listed).And.NotContain(other);
        var audit = await officer.GetFromJsonAsync<JsonElement>($"/v1/audit?subject={listed}&action=customer.screened");
        audit.GetProperty("items")[0].GetProperty("detail").GetString().Should().MatchRegex("^created: potential_match, [12] hit\\(s\\), best ofac-customers:7140 ");

        var body = new
        {
            transactionId = "scr-cust-tx-" + listed,
            customerId = listed,
            type = "transfer",
            direction = "outbound",
            amount = 50m,
            currency = "EUR",
            counterparty = new { name = "Payee GmbH", country = "DE", account = "DE44500105175407324931" },
        };
        var decision = await checks.DecideAsync(body);
        CheckClient.ReasonCodes(decision).Should().Contain("CUSTOMER_SANCTIONS_POSSIBLE_MATCH");
    }

    [Fact]
    public async Task BadRequests_NameTheField_AndRolesAreEnforced()
    {
        using var admin = factory.CreateAdminClient();
        var badFormat = await ImportAsync(admin, "ofac-sdn", "pdf", ListFixtures.OfacZip());
        badFormat.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badFormat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("format").GetArrayLength().Should().Be(1);
        var badName = await ImportAsync(admin, "OFAC SDN", "ofac-sdn-csv", ListFixtures.OfacZip());
        badName.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var empty = await ImportAsync(admin, "ofac-sdn", "ofac-sdn-csv", []);
        (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("body").GetArrayLength().Should().Be(1);

        using var officer = await factory.CreateClientWithRolesAsync("screening:read");
        (await ImportAsync(officer, "ofac-sdn", "ofac-sdn-csv", ListFixtures.OfacZip())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var noName = await officer.PostAsJsonAsync("/v1/screening/search", new { name = " ", birthDate = "05/10/1976", countries = new[] { "Russia" } });
        noName.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await noName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("name", "birthDate", "countries");

        using var checks = await factory.CreateClientWithRolesAsync("checks:write");
        (await checks.PostAsJsonAsync("/v1/screening/search", new { name = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var anonymous = factory.CreateClient(apiKey: null);
        (await anonymous.GetAsync("/v1/screening/lists")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await admin.GetAsync("/v1/screening/lists/nothing/versions")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string list, string format, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return client.PostAsync($"/v1/screening/lists/{Uri.EscapeDataString(list)}/versions?format={format}", content);
    }

    // The import's notification reaches the host's loader asynchronously.
    private static async Task WaitUntilServingAsync(HttpClient client, string version)
    {
        for (var i = 0; i < 100; i++)
        {
            var lists = await client.GetFromJsonAsync<JsonElement>("/v1/screening/lists");
            if (lists.GetProperty("serving").EnumerateArray().Any(v => v.GetString() == version))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{version} was not serving within 10 s");
    }
}
