using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Screening;

/// <summary>
/// Officers' decisions on screening hits: a confirmed match blocks; a false positive takes two officers
/// and stays set aside through list updates until its entry changes. Also the re-screening on update.
/// </summary>
public sealed class ScreeningDecisionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Zawahiri = "QDi.006";
    private const string Un = "un-consolidated";

    [Fact]
    public async Task AFalsePositive_TakesASecondOfficer_AndSurvivesListUpdatesUntilTheEntryChanges()
    {
        using var admin = Admin();
        await ImportAsync(admin, ListFixtures.Text("un-consolidated.xml"));
        using var checks = await factory.CreateClientWithRolesAsync("checks:write");
        await CreateAsync(checks, "dec-fp", "Ayman al-Zawahiri");
        (await StatusAsync("dec-fp")).Should().Be("potential_match");

        using var first = await factory.CreateClientWithRolesAsync("cases:read", "cases:write", "audit:read");
        using var second = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");
        var proposed = await first.PostAsJsonAsync("/v1/customers/dec-fp/screening/decisions", new { list = Un, entryId = Zawahiri, decision = "false_positive" });
        proposed.StatusCode.Should().Be(HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var decision = await proposed.Content.ReadFromJsonAsync<JsonElement>();
        decision.GetProperty("state").GetString().Should().Be("pending");
        var id = decision.GetProperty("id").GetString();
        (await StatusAsync("dec-fp")).Should().Be("potential_match", "a false positive counts only once a second officer approves it");

        (await first.PostAsJsonAsync("/v1/customers/dec-fp/screening/decisions", new { list = Un, entryId = Zawahiri, decision = "false_positive" }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "one proposal per hit is open at a time");
        var own = await first.PostAsync($"/v1/customers/dec-fp/screening/decisions/{id}/approve", null);
        own.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await own.Content.ReadAsStringAsync()).Should().Contain("second officer");
        (await StatusAsync("dec-fp")).Should().Be("potential_match");

        var approved = await second.PostAsync($"/v1/customers/dec-fp/screening/decisions/{id}/approve", null);
        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("screeningStatus").GetString().Should().Be("clear");
        (await StatusAsync("dec-fp")).Should().Be("clear");
        (await second.PostAsync($"/v1/customers/dec-fp/screening/decisions/{id}/approve", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        await CloseCasesAsync(first, second, "dec-fp");

        var audit = await first.GetFromJsonAsync<JsonElement>("/v1/audit?subject=dec-fp");
        audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString())
            .Should().Contain(["screening.false_positive_proposed", "screening.false_positive_approved"]);

        // Another entry changes: the whitelisted one is the same, so the re-screening sets it aside again.
        await ImportAsync(admin, ListFixtures.Text("un-consolidated.xml").Replace("TAi.004", "TAi.004-2", StringComparison.Ordinal), waitForRescreen: true);
        (await StatusAsync("dec-fp")).Should().Be("clear");
        var view = await first.GetFromJsonAsync<JsonElement>("/v1/customers/dec-fp/screening");
        var latest = view.GetProperty("screenings")[0];
        latest.GetProperty("trigger").GetString().Should().Be("list_update");
        latest.GetProperty("status").GetString().Should().Be("clear");
        latest.GetProperty("whitelisted").EnumerateArray().Select(w => w.GetString()).Should().Equal($"{Un}:{Zawahiri}");
        latest.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("entryId").GetString()).Should().Contain(Zawahiri, "the hit is still recorded");
        (await OpenCasesAsync(first, "dec-fp")).Should().Be(0);

        // The listed entry itself changes (a new passport): a hit again, and a case.
        await ImportAsync(admin, ListFixtures.Text("un-consolidated.xml").Replace("1084010", "1084099", StringComparison.Ordinal), waitForRescreen: true);
        (await StatusAsync("dec-fp")).Should().Be("potential_match");
        (await OpenCasesAsync(first, "dec-fp")).Should().Be(1);
        view = await first.GetFromJsonAsync<JsonElement>("/v1/customers/dec-fp/screening");
        view.GetProperty("screenings")[0].GetProperty("whitelisted").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task ARejectedFalsePositive_ChangesNothing()
    {
        using var admin = Admin();
        await ImportAsync(admin, ListFixtures.Text("un-consolidated.xml"));
        using var checks = await factory.CreateClientWithRolesAsync("checks:write");
        await CreateAsync(checks, "dec-rej", "Ayman al-Zawahiri");
        using var first = await factory.CreateClientWithRolesAsync("cases:write");
        using var second = await factory.CreateClientWithRolesAsync("cases:write");
        var decision = await (await first.PostAsJsonAsync("/v1/customers/dec-rej/screening/decisions",
            new { list = Un, entryId = Zawahiri, decision = "false_positive" })).Content.ReadFromJsonAsync<JsonElement>();
        var rejected = await second.PostAsync($"/v1/customers/dec-rej/screening/decisions/{decision.GetProperty("id").GetString()}/reject", null);
        rejected.StatusCode.Should().Be(HttpStatusCode.OK);
        (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("rejected");
        (await StatusAsync("dec-rej")).Should().Be("potential_match");
        (await first.PostAsJsonAsync("/v1/customers/dec-rej/screening/decisions", new { list = Un, entryId = Zawahiri, decision = "false_positive" }))
            .StatusCode.Should().Be(HttpStatusCode.Created, "after a rejection the hit can be proposed again");
    }

    [Fact]
    public async Task AConfirmedMatch_TakesEffectAtOnce_AndBlocksTheCustomersChecks()
    {
        using var admin = Admin();
        await ImportAsync(admin, ListFixtures.Text("un-consolidated.xml"));
        using var checks = await factory.CreateClientWithRolesAsync("checks:write");
        await CreateAsync(checks, "dec-cm", "Ayman al-Zawahiri");
        var before = await (await checks.PostAsJsonAsync("/v1/checks", CheckClient.Body("dec-cm-1", "dec-cm", 50m))).Content.ReadFromJsonAsync<JsonElement>();
        before.GetProperty("decision").GetString().Should().Be("review");

        using var officer = await factory.CreateClientWithRolesAsync("cases:write");
        var confirmed = await officer.PostAsJsonAsync("/v1/customers/dec-cm/screening/decisions", new { list = Un, entryId = Zawahiri, decision = "confirmed_match" });
        confirmed.StatusCode.Should().Be(HttpStatusCode.Created, await confirmed.Content.ReadAsStringAsync());
        var body = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("state").GetString().Should().Be("approved");
        body.GetProperty("screeningStatus").GetString().Should().Be("confirmed_match");
        (await StatusAsync("dec-cm")).Should().Be("confirmed_match");

        var after = await (await checks.PostAsJsonAsync("/v1/checks", CheckClient.Body("dec-cm-2", "dec-cm", 50m))).Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("decision").GetString().Should().Be("block");
        after.GetRawText().Should().Contain("CUSTOMER_SANCTIONS_MATCH");

        (await officer.PostAsJsonAsync("/v1/customers/dec-cm/screening/decisions", new { list = Un, entryId = Zawahiri, decision = "false_positive" }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "a confirmed match is not set aside");
        (await officer.PostAsJsonAsync("/v1/customers/dec-cm/screening/decisions", new { list = Un, entryId = Zawahiri, decision = "confirmed_match" }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BadDecisions_Get400Or404_AndStoreNothing()
    {
        using var admin = Admin();
        await ImportAsync(admin, ListFixtures.Text("un-consolidated.xml"));
        using var checks = await factory.CreateClientWithRolesAsync("checks:write");
        await CreateAsync(checks, "dec-bad", "Ayman al-Zawahiri");
        using var officer = await factory.CreateClientWithRolesAsync("cases:write");
        var invalid = await officer.PostAsJsonAsync("/v1/customers/dec-bad/screening/decisions", new { list = "", decision = "maybe" });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["list", "entryId", "decision"]);
        (await officer.PostAsJsonAsync("/v1/customers/dec-bad/screening/decisions", new { list = Un, entryId = "QDe.005", decision = "false_positive" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "that entry was never a hit for this customer");
        (await officer.PostAsJsonAsync("/v1/customers/nobody/screening/decisions", new { list = Un, entryId = Zawahiri, decision = "false_positive" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await officer.PostAsync($"/v1/customers/dec-bad/screening/decisions/{Guid.NewGuid()}/approve", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await checks.PostAsJsonAsync("/v1/customers/dec-bad/screening/decisions", new { list = Un, entryId = Zawahiri, decision = "confirmed_match" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "deciding takes cases:write");
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM screening_match_decisions WHERE customer_id = 'dec-bad'")).Should().Be(0);
        (await StatusAsync("dec-bad")).Should().Be("potential_match");
    }

    [Fact]
    public async Task AnUpdate_ReScreensTheCustomer_WhenWhatScreeningReadsChanges()
    {
        using var admin = Admin();
        await ImportAsync(admin, ListFixtures.Text("un-consolidated.xml"));
        using var checks = await factory.CreateClientWithRolesAsync("checks:write");
        await CreateAsync(checks, "dec-upd", "Emma Johnson");
        (await StatusAsync("dec-upd")).Should().Be("clear");

        var phone = await checks.PatchAsJsonAsync("/v1/customers/dec-upd", new { phone = "+44 20 7946 0000", riskRating = "high" });
        phone.StatusCode.Should().Be(HttpStatusCode.OK, await phone.Content.ReadAsStringAsync());
        (await ScreeningsAsync("dec-upd")).Should().Be(1, "neither a phone number nor the risk rating is screened");

        var renamed = await checks.PatchAsJsonAsync("/v1/customers/dec-upd", new { fullName = "Ayman al-Zawahiri", dateOfBirth = "1951-06-19", email = "a.z@example.com" });
        renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        var customer = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        customer.GetProperty("riskRating").GetString().Should().Be("high");
        customer.GetProperty("pii").GetProperty("fullName").GetString().Should().NotContain("Zawahiri", "the response masks PII");
        (await StatusAsync("dec-upd")).Should().Be("potential_match");
        (await ScreeningsAsync("dec-upd")).Should().Be(2);

        using var reader = await factory.CreateClientWithRolesAsync("pii:read", "audit:read");
        var pii = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/customers/dec-upd/pii") { Headers = { { "X-Access-Purpose", "kyc_review" } } });
        pii.StatusCode.Should().Be(HttpStatusCode.OK);
        var plain = (await pii.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pii");
        plain.GetProperty("fullName").GetString().Should().Be("Ayman al-Zawahiri");
        plain.GetProperty("phone").GetString().Should().Be("+44 20 7946 0000");

        var found = await reader.PostAsJsonAsync("/v1/customers/search", new { email = "a.z@example.com" });
        (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerIds").EnumerateArray().Select(i => i.GetString()).Should().Equal("dec-upd");
        var audit = await reader.GetFromJsonAsync<JsonElement>("/v1/audit?subject=dec-upd&action=customer.updated");
        audit.GetProperty("items").EnumerateArray().Select(e => string.Join(",", e.GetProperty("fields").EnumerateArray().Select(f => f.GetString())))
            .Should().BeEquivalentTo(["phone,riskRating", "fullName,dateOfBirth,email"]);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var stored = await connection.QuerySingleAsync<byte[]>("SELECT full_name FROM customer_pii WHERE customer_id = 'dec-upd'");
        System.Text.Encoding.UTF8.GetString(stored).Should().NotContain("Zawahiri", "the new name is stored encrypted");
    }

    [Fact]
    public async Task BadUpdates_Get400_404_Or410_AndChangeNothing()
    {
        using var checks = await factory.CreateClientWithRolesAsync("checks:write");
        await CreateAsync(checks, "dec-upd-bad", "Emma Johnson");
        var bad = await checks.PatchAsJsonAsync("/v1/customers/dec-upd-bad", new { fullName = " ", country = "XX", email = "nope", dateOfBirth = "1800-01-01" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo(["fullName", "country", "email", "dateOfBirth"]);
        (await checks.PatchAsJsonAsync("/v1/customers/dec-upd-bad", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await checks.PatchAsJsonAsync("/v1/customers/nobody-here", new { phone = "+44 20 7946 0001" })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var admin = Admin();
        (await admin.DeleteAsync("/v1/customers/dec-upd-bad/pii?reason=data_subject_request")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await checks.PatchAsJsonAsync("/v1/customers/dec-upd-bad", new { phone = "+44 20 7946 0001" })).StatusCode.Should().Be(HttpStatusCode.Gone);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE subject = 'dec-upd-bad' AND action = 'customer.updated'")).Should().Be(0);
    }

    private HttpClient Admin()
    {
        factory.Set("Screening:RescreenPollSeconds", "1");
        return factory.CreateAdminClient();
    }

    private static async Task CreateAsync(HttpClient client, string id, string name)
    {
        var response = await client.PostAsJsonAsync("/v1/customers", new { id, fullName = name, dateOfBirth = "1951-06-19", country = "EG" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Imports the UN list (a new version or the same one again) and, for a new version, waits for its re-screening.</summary>
    private async Task ImportAsync(HttpClient admin, string xml, bool waitForRescreen = false)
    {
        var content = new StringContent(xml);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        var response = await admin.PostAsync($"/v1/screening/lists/{Un}/versions?format=un-consolidated-xml", content);
        response.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        if (waitForRescreen)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created, "the test changed the list");
        }

        // A new version re-screens every customer in the background; a test that creates its customer
        // after an import waits for that pass, or the pass may screen the new customer a second time.
        if (response.StatusCode != HttpStatusCode.Created)
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

    private async Task CloseCasesAsync(HttpClient first, HttpClient second, string customerId)
    {
        var cases = await first.GetFromJsonAsync<JsonElement>($"/v1/cases?reason=SCREENING_POTENTIAL_MATCH&state=open");
        foreach (var item in cases.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("customerId").GetString() == customerId))
        {
            var id = item.GetProperty("id").GetString();
            (await second.PostAsync($"/v1/cases/{id}/claim", null)).EnsureSuccessStatusCode();
            (await second.PostAsJsonAsync($"/v1/cases/{id}/close", new { resolution = "approved", reason = "false positive, approved by two officers" }))
                .EnsureSuccessStatusCode();
        }
    }

    private static async Task<int> OpenCasesAsync(HttpClient client, string customerId)
    {
        var cases = await client.GetFromJsonAsync<JsonElement>("/v1/cases?reason=SCREENING_POTENTIAL_MATCH");
        return cases.GetProperty("items").EnumerateArray()
            .Count(c => c.GetProperty("customerId").GetString() == customerId && c.GetProperty("state").GetString() != "closed");
    }

    private async Task<string> StatusAsync(string id)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.QuerySingleAsync<string>("SELECT screening_status FROM customers WHERE id = @Id", new { Id = id });
    }

    private async Task<long> ScreeningsAsync(string id)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customer_screenings WHERE customer_id = @Id", new { Id = id });
    }
}
