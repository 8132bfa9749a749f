using Compliance.Api.OfficerConsole;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>
/// A rule change from the console end to end: an error shown at its line as the officer types, the fix,
/// tests, a backtest, a second officer's approval, publishing, and the next check decided by it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleRuleSetTests(ConsoleBrowser browser, ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private const string Broken = """{ "RuleName": "ConsoleTestAmount", "Properties": { "outcome": "block", "reasonCode": "CONSOLE_TEST" }, "ErrorMessage": "The console's test amount", "Expression": "transaction.Amount == 4321 AND transaction.NoSuchField" },""";

    [Fact]
    public async Task Officer_EditsARule_SeesTheErrorAtItsLine_FixesTestsBacktests_ASecondOfficerApproves_Publish_TheNextCheckChanges()
    {
        var authorPassword = await factory.OfficerAsync("rita", OfficerRoles.Officer);
        var reviewerPassword = await factory.OfficerAsync("sam", OfficerRoles.SeniorOfficer);
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        (await checks.DecideAsync(CheckClient.Body("console-rule-before", customer, 4321m))).GetProperty("decision").GetString().Should().Be("allow");

        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "rita", authorPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rule sets" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "pre-transaction" }).ClickAsync();
        await page.Locator("#new-draft").ClickAsync();
        await page.WaitForURLAsync("**/console/rulesets/pre-transaction/versions/2/edit");

        // A rule with a mistake: the problem appears while typing, at the document line of its expression.
        var workflow = await page.Locator("#workflow").InputValueAsync();
        var edited = workflow.Replace("\"Rules\": [", "\"Rules\": [\n    " + Broken, StringComparison.Ordinal);
        await page.Locator("#workflow").FillAsync(edited);
        var problem = page.Locator("#diagnostics li").First;
        await problem.WaitForAsync();
        var expectedLine = edited.Split('\n').ToList().FindIndex(l => l.Contains("NoSuchField", StringComparison.Ordinal)) + 1;
        (await problem.InnerTextAsync()).Should().Contain($"line {expectedLine}, column").And.Contain("ConsoleTestAmount").And.Contain("NoSuchField");
        (await problem.GetAttributeAsync("data-line")).Should().Be(expectedLine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await problem.Locator("a").ClickAsync();
        (await page.EvaluateAsync<int>("() => { const a = document.getElementById('workflow'); return a.value.substring(0, a.selectionStart).split('\\n').length; }"))
            .Should().Be(expectedLine, "clicking the problem puts the cursor on its line");
        await ConsoleBrowser.ScreenshotAsync(page, "rule-editor");

        // Saving it anyway is refused with the same problem.
        await page.Locator("#save").ClickAsync();
        (await page.Locator("#message").InnerTextAsync()).Should().StartWith("Not saved");

        // The fix: the problem list empties as the officer types, and the draft saves.
        await page.Locator("#workflow").FillAsync(edited.Replace(" AND transaction.NoSuchField", "", StringComparison.Ordinal));
        await page.Locator("#no-problems").WaitForAsync();
        await page.Locator("#save").ClickAsync();
        (await page.Locator("#message").InnerTextAsync()).Should().Be("Saved.");

        await page.GotoAsync("/console/rulesets/pre-transaction");
        await page.Locator("tr[data-version='2'] .test").ClickAsync();
        (await page.Locator("#message").InnerTextAsync()).Should().MatchRegex(@"Version 2: (\d+) of \1 test case\(s\) pass");

        await page.GetByLabel("Version", new() { Exact = true }).SelectOptionAsync("2");
        await page.Locator("#backtest").ClickAsync();
        await page.WaitForURLAsync("**/console/rulesets/pre-transaction/backtests/**");
        await page.Locator("#backtest-status", new() { HasTextString = "completed" }).WaitForAsync(new() { Timeout = 30_000 });
        (await page.Locator("#flipped").InnerTextAsync()).Should().Contain("1 of").And.Contain("would change");
        (await page.Locator("#flips").InnerTextAsync()).Should().Contain("allow->block: 1");
        (await page.Locator("tr[data-rule=ConsoleTestAmount]").InnerTextAsync()).Should().Contain("1");
        await ConsoleBrowser.ScreenshotAsync(page, "backtest");

        await page.GotoAsync("/console/rulesets/pre-transaction");
        await page.Locator("tr[data-version='2'] .submit").ClickAsync();
        (await page.Locator("tr[data-version='2'] .status").InnerTextAsync()).Should().Be("submitted");
        (await page.Locator("tr[data-version='2'] .approve").CountAsync()).Should().Be(0, "the author never approves");

        // The second officer reads the diff and approves.
        var reviewer = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(reviewer, "sam", reviewerPassword);
        await reviewer.GotoAsync("/console/rulesets/pre-transaction");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "Diff with 1" }).First.ClickAsync();
        (await reviewer.Locator("section[data-item=ConsoleTestAmount]").InnerTextAsync()).Should().Contain("added").And.Contain("transaction.Amount == 4321");
        await ConsoleBrowser.ScreenshotAsync(reviewer, "rule-diff");
        await reviewer.GoBackAsync();
        await reviewer.Locator("tr[data-version='2'] .approve").ClickAsync();
        (await reviewer.Locator("tr[data-version='2'] .status").InnerTextAsync()).Should().Be("approved");
        await reviewer.Locator("tr[data-version='2'] .publish").ClickAsync();
        (await reviewer.Locator("#published").InnerTextAsync()).Should().Be("2");
        await ConsoleBrowser.ScreenshotAsync(reviewer, "rulesets");

        var after = await checks.DecideAsync(CheckClient.Body("console-rule-after", customer, 4321m));
        after.GetProperty("decision").GetString().Should().Be("block");
        CheckClient.ReasonCodes(after).Should().Contain("CONSOLE_TEST");
        after.GetProperty("ruleSet").GetProperty("version").GetInt32().Should().Be(2);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var trail = (await connection.QueryAsync<(string Principal, string Action)>(
            "SELECT principal, action FROM audit_log WHERE action LIKE 'ruleset.version.%' ORDER BY id")).ToList();
        trail.Should().Contain(("officer:rita", "ruleset.version.submitted")).And.Contain(("officer:sam", "ruleset.version.approved"))
            .And.Contain(("officer:sam", "ruleset.version.published"));
    }
}
