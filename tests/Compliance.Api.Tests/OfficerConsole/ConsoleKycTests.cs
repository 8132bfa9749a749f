using Compliance.Api.OfficerConsole;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>The KYC inbox: stuck events listed by state; an officer retries one, the processor takes it again, the retry is audited.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleKycTests(ConsoleBrowser browser, ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Officer_RetriesAnUnmatchedEvent_ItIsProcessedAgain_AnAuditorOnlyReads()
    {
        var password = await factory.OfficerAsync("kim", OfficerRoles.Officer);
        var auditor = await factory.OfficerAsync("ulla", OfficerRoles.Auditor);
        long id;
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            // As the processor leaves a callback about an applicant this service does not know.
            id = await connection.QuerySingleAsync<long>("""
                INSERT INTO kyc_inbox (provider, event_id, event_type, provider_ref, raw_status, needs_fetch, body_sha256, received_at, state, detail, attempts, processed_at)
                VALUES ('onfido', 'evt-console-1', 'check.completed', 'applicant-unknown', 'clear', false, '\x00', now(), 'unmatched', 'no verification with this provider reference', 1, now())
                RETURNING id
                """);
        }

        var reader = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(reader, "ulla", auditor);
        await reader.GotoAsync("/console/kyc?state=unmatched");
        (await reader.Locator($"tr[data-event='{id}']").InnerTextAsync()).Should().Contain("applicant-unknown").And.Contain("unmatched");
        (await reader.Locator($"tr[data-event='{id}'] .retry").CountAsync()).Should().Be(0, "an auditor reads the inbox but does not change it");

        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "kim", password);
        await page.GotoAsync("/console/kyc?state=unmatched");
        await ConsoleBrowser.ScreenshotAsync(page, "kyc-inbox");
        await page.Locator($"tr[data-event='{id}'] .retry").ClickAsync();
        (await page.Locator("#message").InnerTextAsync()).Should().Be($"Event {id} goes through processing again.");

        await using var check = new NpgsqlConnection(factory.ConnectionString);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        (string State, int Attempts) row;
        do
        {
            await Task.Delay(100);
            row = await check.QuerySingleAsync<(string, int)>("SELECT state, attempts FROM kyc_inbox WHERE id = @id", new { id });
        }
        while (row.Attempts < 2 && TimeProvider.System.GetUtcNow() < deadline);

        row.Attempts.Should().Be(2, "the processor took the event again");
        row.State.Should().Be("unmatched", "the applicant is still unknown");
        (await check.QuerySingleAsync<string>("SELECT principal FROM audit_log WHERE action = 'kyc.inbox.retry' AND subject = @subject",
            new { subject = id.ToString(System.Globalization.CultureInfo.InvariantCulture) })).Should().Be("officer:kim");
    }
}
