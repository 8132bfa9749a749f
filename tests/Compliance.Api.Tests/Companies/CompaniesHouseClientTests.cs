using System.Diagnostics;
using Compliance.Api.Companies;
using Compliance.Api.Kyc.Providers;
using Compliance.Api.Tests.Kyc.Providers;
using Compliance.Api.Tests.Kyc.Simulators;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.Companies;

public sealed class CompaniesHouseClientTests : IAsyncLifetime
{
    private CompaniesHouseSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        _simulator = await CompaniesHouseSimulator.StartAsync();
        var officers = Enumerable.Range(1, 230).Select(i => CompaniesHouseSimulator.Officer($"PERSON{i}, Officer", resignedOn: i % 2 == 0 ? "2020-01-01" : null)).ToList();
        officers.Add(CompaniesHouseSimulator.Officer("HOLDCO SECRETARIES LIMITED", role: "corporate-secretary", birthYear: null, nationality: null));
        _simulator.Companies["09999999"] = new SimulatedCompany("09999999", "ACME TRADING LIMITED", "active", officers,
        [
            CompaniesHouseSimulator.Psc("Mr John David Smith"),
            CompaniesHouseSimulator.Psc("Acme Holdings Ltd", kind: "corporate-entity-person-with-significant-control"),
            CompaniesHouseSimulator.Psc("Mrs Former Owner", ceasedOn: "2019-05-01"),
        ]);
        _simulator.Companies["RS000001"] = new SimulatedCompany("RS000001", "LISTED PLC", "active", [CompaniesHouseSimulator.Officer("CHAIR, Pat")], null);
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task ALookUp_ReadsTheProfileAndEveryPage_WithBasicAuth()
    {
        using var harness = Harness();

        var lookup = await Client(harness).LookUpAsync("09999999", default);

        lookup.Should().NotBeNull();
        lookup!.Profile.Name.Should().Be("ACME TRADING LIMITED");
        lookup.Profile.Status.Should().Be("active");
        lookup.Profile.IncorporatedOn.Should().Be(new DateOnly(2015, 3, 2));
        lookup.Officers.Should().HaveCount(231, "three pages of 100");
        lookup.Officers[0].Name.Should().Be("Officer PERSON1", "the register's SURNAME, Forenames is read forenames first");
        lookup.Officers[0].Active.Should().BeTrue();
        lookup.Officers[1].Active.Should().BeFalse("resigned");
        lookup.Officers[^1].IsOrganisation.Should().BeTrue();
        lookup.Officers[^1].Name.Should().Be("HOLDCO SECRETARIES LIMITED", "a corporate officer's name is not reordered");
        lookup.Pscs.Select(p => (p.Name, p.IsOrganisation, p.Active)).Should().Equal(
            ("Mr John David Smith", false, true), ("Acme Holdings Ltd", true, true), ("Mrs Former Owner", false, false));
        lookup.Truncated.Should().BeFalse();

        var requests = _simulator.Requests;
        requests.Select(r => r.PathAndQuery).Should().Equal(
            "/company/09999999",
            "/company/09999999/officers?items_per_page=100&start_index=0",
            "/company/09999999/officers?items_per_page=100&start_index=100",
            "/company/09999999/officers?items_per_page=100&start_index=200",
            "/company/09999999/persons-with-significant-control?items_per_page=100&start_index=0");
        requests.Should().OnlyContain(r => r.Header("Authorization") == "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(_simulator.ApiKey + ":")));
    }

    [Fact]
    public async Task AnUnknownCompany_IsNull_AndOneWithoutAPscRegisterHasNoPscs()
    {
        using var harness = Harness();
        (await Client(harness).LookUpAsync("01234567", default)).Should().BeNull();
        var listed = await Client(harness).LookUpAsync("RS000001", default);
        listed!.Officers.Should().ContainSingle();
        listed.Pscs.Should().BeEmpty();
    }

    [Fact]
    public async Task GetsAreRetried_ThroughTheResilienceHandler()
    {
        using var harness = Harness();
        _simulator.FailNext(2, 502);

        var lookup = await Client(harness).LookUpAsync("RS000001", default);

        lookup.Should().NotBeNull();
        _simulator.Requests.Should().HaveCount(5, "two failed attempts, then the profile, officers and PSCs");
    }

    [Fact]
    public async Task TheClientKeepsTheRateLimit_SoTheRegisterNeverAnswers429()
    {
        // The register's limit scaled down: 4 requests per second (600 per 5 minutes in production).
        _simulator.ServerLimit = 4;
        // The register's window shorter than ours, as in production (300 s against our 301 s): it counts
        // arrivals, which trail our sends by the network's jitter and, here, by a loaded test host's
        // (half a second of slack; sent without the limiter, the 12 requests would arrive within it).
        _simulator.ServerWindow = TimeSpan.FromSeconds(0.5);
        using var harness = Harness(requests: 4, windowSeconds: 1, maxWaitSeconds: 1.5);
        var client = Client(harness);

        // Warmed up (JIT, the connection) with one request, then a window left to pass.
        (await client.LookUpAsync("00000000", default)).Should().BeNull();
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var started = Stopwatch.GetTimestamp();

        for (var i = 0; i < 4; i++)
        {
            (await client.LookUpAsync("RS000001", default)).Should().NotBeNull();
        }

        _simulator.RateLimited.Should().Be(0, harness.Logs.All);
        _simulator.Requests.Should().HaveCount(13);
        Stopwatch.GetElapsedTime(started).Should().BeGreaterThan(TimeSpan.FromSeconds(1.9), "12 requests at 4 per second wait out two full windows");
        harness.Logs.Lines.Should().Contain(m => m.Contains("waiting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFullWindow_FailsAtOnceAsUnavailable_WithoutSending()
    {
        using var harness = Harness(requests: 3, windowSeconds: 60, maxWaitSeconds: 0);
        var client = Client(harness);
        (await client.LookUpAsync("RS000001", default)).Should().NotBeNull();

        var act = () => client.LookUpAsync("RS000001", default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        _simulator.Requests.Should().HaveCount(3, "the fourth request was refused on our side");
    }

    [Fact]
    public void ARateLimitWaitBeyondTheAttemptTimeout_IsRefusedWhenTheOptionsAreRead()
    {
        using var harness = Harness(requests: 3, windowSeconds: 60, maxWaitSeconds: 5);

        var act = () => Client(harness);

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*RateLimit:MaxWaitSeconds*");
    }

    private ClientHarness Harness(int requests = 600, double windowSeconds = 300, double maxWaitSeconds = 1) =>
        new(_simulator, overrides: new Dictionary<string, string?>
        {
            ["RateLimit:Requests"] = requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimit:WindowSeconds"] = ClientHarness.Seconds(windowSeconds),
            ["RateLimit:MaxWaitSeconds"] = ClientHarness.Seconds(maxWaitSeconds),
        }, configure: services => services.AddCompaniesHouseClient());

    private static CompaniesHouseClient Client(ClientHarness harness) => harness.Services.GetRequiredService<CompaniesHouseClient>();
}
