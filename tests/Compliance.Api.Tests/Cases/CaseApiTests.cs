using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.Cases;

/// <summary>Reviews open cases in the check's own transaction; officers work them through the state machine.</summary>
public sealed class CaseApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Review_OpensACaseInTheInboxOfItsReason_AllowOpensNone()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");
        var pending = await checks.CustomerAsync(kycStatus: "pending");
        var approved = await checks.CustomerAsync();

        var review = await checks.DecideAsync(CheckClient.Body("case-open-1", pending, 120m));
        review.GetProperty("decision").GetString().Should().Be("review");
        (await checks.DecideAsync(CheckClient.Body("case-open-2", approved, 120m))).GetProperty("decision").GetString().Should().Be("allow");

        var ofPending = await ListAsync(officer, $"?inbox=kyc&state=open&reason=KYC_NOT_VERIFIED");
        var opened = ofPending.Single(c => c.GetProperty("customerId").GetString() == pending);
        opened.GetProperty("priority").GetInt32().Should().Be(2);
        opened.GetProperty("slaBreached").GetBoolean().Should().BeFalse();
        opened.GetProperty("reasonCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal("KYC_NOT_VERIFIED");
        (await ListAsync(officer, "")).Should().NotContain(c => c.GetProperty("customerId").GetString() == approved);

        var detail = await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{opened.GetProperty("id").GetGuid()}");
        var decision = detail.GetProperty("decisions").EnumerateArray().Should().ContainSingle().Subject;
        decision.GetProperty("transactionId").GetString().Should().Be("case-open-1");
        decision.GetProperty("decision").GetString().Should().Be("review");
        decision.GetProperty("facts").GetProperty("customer").GetProperty("kycStatus").GetString().Should().Be("pending");
        decision.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("reasonCode").GetString()).Should().Contain("KYC_NOT_VERIFIED");
    }

    [Fact]
    public async Task Review_ByARuleTaggedAml_OpensItsCaseInTheAmlInbox()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        using var officer = await factory.CreateClientWithRolesAsync("cases:read");
        var customer = await checks.CustomerAsync();
        (await checks.DecideAsync(CheckClient.Body("case-aml-1", customer, 5000m))).GetProperty("decision").GetString().Should().Be("allow");

        // Just under the 10,000 reporting threshold, after a payment that takes the day over it: the shipped StructuringJustBelowThreshold rule, tagged aml.
        var review = await checks.DecideAsync(CheckClient.Body("case-aml-2", customer, 9500m));

        review.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("reasonCode").GetString()).Should().Contain("STRUCTURING");
        var opened = (await ListAsync(officer, "?inbox=aml")).Should().ContainSingle(c => c.GetProperty("customerId").GetString() == customer).Subject;
        opened.GetProperty("reasonCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal("STRUCTURING");
    }

    [Fact]
    public async Task Reviews_OfOneCustomer_JoinItsOpenCase_UntilItCloses()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");
        var customer = await checks.CustomerAsync(kycStatus: "pending");

        await checks.DecideAsync(CheckClient.Body("join-1", customer, 100m));
        await checks.DecideAsync(CheckClient.Body("join-2", customer, 12000m, counterpartyCountry: "NG", account: "NG-JOIN-2"));
        var open = (await ListAsync(officer, "")).Where(c => c.GetProperty("customerId").GetString() == customer).Should().ContainSingle().Subject;
        var id = open.GetProperty("id").GetGuid();
        open.GetProperty("reasonCodes").EnumerateArray().Select(c => c.GetString()).Should().Contain(["KYC_NOT_VERIFIED", "AMOUNT_LARGE"]);
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}");
        detail.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("transactionId").GetString()).Should().Equal("join-1", "join-2");

        (await officer.PostAsync($"/v1/cases/{id}/claim", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await CloseAsync(officer, id, "approved")).StatusCode.Should().Be(HttpStatusCode.OK);
        await checks.DecideAsync(CheckClient.Body("join-3", customer, 100m));

        var cases = (await ListAsync(officer, "")).Where(c => c.GetProperty("customerId").GetString() == customer).ToList();
        cases.Should().HaveCount(2, "a review after the case closed opens a new one");
        cases.Single(c => c.GetProperty("id").GetGuid() != id).GetProperty("state").GetString().Should().Be("open");
    }

    [Fact]
    public async Task Claim_ByTwoOfficersAtOnce_OneWins_TheOtherGets409NamingTheStates()
    {
        var id = await OpenCaseAsync("race");
        using var first = await factory.CreateClientWithRolesAsync("cases:write");
        using var second = await factory.CreateClientWithRolesAsync("cases:write");

        var responses = await Task.WhenAll(first.PostAsync($"/v1/cases/{id}/claim", null), second.PostAsync($"/v1/cases/{id}/claim", null));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var problem = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Be($"Case {id} is in_review; claim needs it open.");
    }

    [Fact]
    public async Task Case_WorkedToClosure_EveryMoveAudited_IllegalMovesRefused()
    {
        var id = await OpenCaseAsync("lifecycle");
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");

        var early = await CloseAsync(officer, id, "declined");
        early.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .Should().Be($"Case {id} is open; close needs it in_review or escalated.");

        (await officer.PostAsync($"/v1/cases/{id}/claim", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var escalated = await officer.PostAsync($"/v1/cases/{id}/escalate", null);
        (await escalated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("escalated");
        (await officer.PostAsync($"/v1/cases/{id}/escalate", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var closed = await (await CloseAsync(officer, id, "declined")).Content.ReadFromJsonAsync<JsonElement>();
        closed.GetProperty("state").GetString().Should().Be("closed");
        closed.GetProperty("resolution").GetString().Should().Be("declined");
        closed.GetProperty("resolutionReason").GetString().Should().Be("checked by a test");
        (await officer.PostAsJsonAsync($"/v1/cases/{id}/assign", new { assignee = "someone" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        using var auditor = await factory.CreateClientWithRolesAsync("audit:read");
        var audit = await auditor.GetFromJsonAsync<JsonElement>($"/v1/audit?subject={id}");
        audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("case.claim", "case.escalate", "case.close");
    }

    [Theory]
    [InlineData("approved", "allow", true)]
    [InlineData("declined", "block", false)]
    [InlineData("reported", "block", false)]
    public async Task Close_MakesTheHeldDecisionsFinal_ABlockedOneStopsCounting(string resolution, string final, bool counted)
    {
        using var checks = await CheckClient.CreateAsync(factory);
        using var first = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");
        using var second = await factory.CreateClientWithRolesAsync("cases:write");
        using var auditor = await factory.CreateClientWithRolesAsync("audit:read");
        var customer = await checks.CustomerAsync(kycStatus: "pending");
        await checks.DecideAsync(CheckClient.Body($"final-{resolution}-1", customer, 100m));
        await checks.DecideAsync(CheckClient.Body($"final-{resolution}-2", customer, 150m));
        var id = (await ListAsync(first, "")).Single(c => c.GetProperty("customerId").GetString() == customer).GetProperty("id").GetGuid();

        var held = await auditor.GetFromJsonAsync<JsonElement>($"/v1/checks/final-{resolution}-1");
        held.GetProperty("caseId").GetGuid().Should().Be(id);
        held.GetProperty("finalDecision").ValueKind.Should().Be(JsonValueKind.Null, "the case is still open");

        (await first.PostAsync($"/v1/cases/{id}/claim", null)).EnsureSuccessStatusCode();
        if (resolution == "reported")
        {
            (await CloseAsync(second, id, resolution)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        (await CloseAsync(first, id, resolution)).StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var transaction in new[] { $"final-{resolution}-1", $"final-{resolution}-2" })
        {
            var stored = await auditor.GetFromJsonAsync<JsonElement>($"/v1/checks/{transaction}");
            stored.GetProperty("response").GetProperty("decision").GetString().Should().Be("review", "the decision as made stays as it was");
            stored.GetProperty("finalDecision").GetString().Should().Be(final);
            stored.GetProperty("finalizedAt").ValueKind.Should().Be(JsonValueKind.String);
        }

        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        var countedFlags = await Dapper.SqlMapper.QueryAsync<bool>(connection,
            "SELECT counted FROM velocity_entries WHERE transaction_id LIKE @Prefix", new { Prefix = $"final-{resolution}-%" });
        countedFlags.Should().HaveCount(2).And.OnlyContain(c => c == counted);
    }

    [Fact]
    public async Task CloseAsReported_NeedsASecondOfficer()
    {
        var id = await OpenCaseAsync("reported");
        using var first = await factory.CreateClientWithRolesAsync("cases:write");
        using var second = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");
        (await first.PostAsync($"/v1/cases/{id}/claim", null)).EnsureSuccessStatusCode();

        var requested = await CloseAsync(first, id, "reported");
        requested.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("in_review");
        (await CloseAsync(first, id, "reported")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var confirmed = await CloseAsync(second, id, "reported");
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        var closed = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        closed.GetProperty("resolution").GetString().Should().Be("reported");
        closed.GetProperty("reportRequestedBy").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task List_PagesWithACursor_FiltersAndRefusesBadInput()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        using var officer = await factory.CreateClientWithRolesAsync("cases:read");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await OpenCaseAsync($"page-{i}", checks));
        }

        var seen = new List<Guid>();
        string? next = null;
        do
        {
            var page = await officer.GetFromJsonAsync<JsonElement>($"/v1/cases?inbox=kyc&limit=2" + (next is null ? "" : $"&after={next}"));
            page.GetProperty("items").GetArrayLength().Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (next is not null);

        seen.Should().OnlyHaveUniqueItems().And.Contain(ids);
        (await officer.GetFromJsonAsync<JsonElement>("/v1/cases?inbox=no-such-inbox")).GetProperty("items").GetArrayLength().Should().Be(0);

        await ExpectFieldErrorAsync(officer.GetAsync("/v1/cases?state=pending"), "state");
        await ExpectFieldErrorAsync(officer.GetAsync("/v1/cases?limit=0"), "limit");
        await ExpectFieldErrorAsync(officer.GetAsync("/v1/cases?after=not-a-cursor"), "after");
        (await officer.GetAsync($"/v1/cases/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Moves_NeedCasesWrite_BadBodiesChangeNothing()
    {
        var id = await OpenCaseAsync("roles");
        using var reader = await factory.CreateClientWithRolesAsync("cases:read");
        using var checksOnly = await factory.CreateClientWithRolesAsync("checks:write");
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");

        (await reader.PostAsync($"/v1/cases/{id}/claim", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await checksOnly.GetAsync("/v1/cases")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await officer.PostAsync($"/v1/cases/{Guid.NewGuid()}/claim", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await officer.PostAsync($"/v1/cases/{id}/claim", null)).EnsureSuccessStatusCode();

        await ExpectFieldErrorAsync(officer.PostAsJsonAsync($"/v1/cases/{id}/close", new { resolution = "maybe", reason = "x" }), "resolution");
        await ExpectFieldErrorAsync(officer.PostAsJsonAsync($"/v1/cases/{id}/close", new { resolution = "approved" }), "reason");
        await ExpectFieldErrorAsync(officer.PostAsJsonAsync($"/v1/cases/{id}/assign", new { assignee = " " }), "assignee");
        (await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}")).GetProperty("case").GetProperty("state").GetString().Should().Be("in_review");

        var assigned = await officer.PostAsJsonAsync($"/v1/cases/{id}/assign", new { assignee = "officer-7" });
        (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignee").GetString().Should().Be("officer-7");
        (await officer.GetFromJsonAsync<JsonElement>("/v1/cases?assignee=officer-7")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("id").GetGuid()).Should().Equal(id);
    }

    [Fact]
    public async Task Comment_EncryptedUnderTheCustomersKey_Audited_ShreddedByErasure()
    {
        var id = await OpenCaseAsync("comment");
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");
        const string Text = "Called the payer: Jane Example confirmed the transfer to her landlord.";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("lease.pdf"u8));

        var added = await officer.PostAsJsonAsync($"/v1/cases/{id}/comments", new { text = Text, attachmentSha256 = hash });
        added.StatusCode.Should().Be(HttpStatusCode.Created);
        var comment = (await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}")).GetProperty("comments").EnumerateArray().Should().ContainSingle().Subject;
        comment.GetProperty("text").GetString().Should().Be(Text);
        comment.GetProperty("attachmentSha256").GetString().Should().Be(hash);
        await using (var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString))
        {
            var body = await Dapper.SqlMapper.ExecuteScalarAsync<byte[]>(connection, "SELECT body FROM case_comments WHERE case_id = @Id", new { Id = id });
            System.Text.Encoding.UTF8.GetString(body!).Should().NotContain("Jane", "comments are stored as ciphertext");
        }

        using var auditor = await factory.CreateClientWithRolesAsync("audit:read");
        var audit = await auditor.GetFromJsonAsync<JsonElement>($"/v1/audit?subject={id}&action=case.comment");
        audit.GetProperty("items").EnumerateArray().Should().ContainSingle().Which.GetProperty("detail").GetString().Should().Contain(hash).And.NotContain("Jane");

        await ExpectFieldErrorAsync(officer.PostAsJsonAsync($"/v1/cases/{id}/comments", new { text = " " }), "text");
        await ExpectFieldErrorAsync(officer.PostAsJsonAsync($"/v1/cases/{id}/comments", new { text = "x", attachmentSha256 = "abc" }), "attachmentSha256");
        (await officer.PostAsJsonAsync($"/v1/cases/{Guid.NewGuid()}/comments", new { text = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var customer = (await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}")).GetProperty("case").GetProperty("customerId").GetString();
        using var admin = factory.CreateAdminClient();
        (await admin.DeleteAsync($"/v1/customers/{customer}/pii?reason=data_subject_request")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var shredded = (await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}")).GetProperty("comments").EnumerateArray().Single();
        shredded.GetProperty("text").ValueKind.Should().Be(JsonValueKind.Null, "the customer's key is gone, and with it the comment");
        shredded.GetProperty("attachmentSha256").GetString().Should().Be(hash);
        (await officer.PostAsJsonAsync($"/v1/cases/{id}/comments", new { text = "more" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    /// <summary>A review of a new customer whose KYC is pending: its case, open in the kyc inbox.</summary>
    private async Task<Guid> OpenCaseAsync(string transactionId, CheckClient? checks = null)
    {
        using var own = checks is null ? await CheckClient.CreateAsync(factory) : null;
        var client = checks ?? own!;
        var customer = await client.CustomerAsync(kycStatus: "pending");
        (await client.DecideAsync(CheckClient.Body(transactionId, customer, 100m))).GetProperty("decision").GetString().Should().Be("review");
        using var officer = await factory.CreateClientWithRolesAsync("cases:read");
        return (await ListAsync(officer, "?inbox=kyc")).Single(c => c.GetProperty("customerId").GetString() == customer).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/v1/cases{query}{(query.Length == 0 ? "?" : "&")}limit=200")).GetProperty("items").EnumerateArray()];

    private static Task<HttpResponseMessage> CloseAsync(HttpClient client, Guid id, string resolution) =>
        client.PostAsJsonAsync($"/v1/cases/{id}/close", new { resolution, reason = "checked by a test" });

    private static async Task ExpectFieldErrorAsync(Task<HttpResponseMessage> request, string field)
    {
        var response = await request;
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(field);
    }
}
