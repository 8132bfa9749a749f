using System.Buffers.Binary;
using System.Security.Cryptography;
using Compliance.Api.OfficerConsole;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>Two-step sign-in set up in the browser with an authenticator's codes (computed here independently); then required, and each code good once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTotpTests(ConsoleBrowser browser, ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Officer_TurnsOnTwoStepSignIn_ThenSignInNeedsAFreshCode()
    {
        var password = await factory.OfficerAsync("tara", OfficerRoles.Officer, "Tara Two-Step");
        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "tara", password);
        await page.Locator(".who").ClickAsync();
        await page.Locator("#totp-start").ClickAsync();
        var secret = FromBase32(await page.Locator("#totp-secret").InnerTextAsync());

        await page.Locator("#totp-code").FillAsync("000000" == Code(secret, 0) ? "111111" : "000000");
        await page.Locator("#totp-confirm").ClickAsync();
        (await page.Locator("#message").InnerTextAsync()).Should().Contain("does not match");
        var setupCode = Code(secret, 0);
        await page.Locator("#totp-code").FillAsync(setupCode);
        await page.Locator("#totp-confirm").ClickAsync();
        (await page.Locator("#totp-state").InnerTextAsync()).Should().Be("on");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // The password alone no longer signs in, nor does the code already used to set it up.
        var again = await browser.PageAsync(factory.BaseUrl);
        (await TrySignInAsync(again, "tara", password, null)).Should().Be(401);
        (await TrySignInAsync(again, "tara", password, setupCode)).Should().Be(401, "a code counts once");
        var fresh = Code(secret, 1);
        (await TrySignInAsync(again, "tara", password, fresh)).Should().Be(302);
        (await TrySignInAsync(await browser.PageAsync(factory.BaseUrl), "tara", password, fresh)).Should().Be(401, "the code just used is spent");

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var details = (await connection.QueryAsync<string>("SELECT detail FROM audit_log WHERE action = 'console.login' AND subject = 'tara' ORDER BY id")).ToList();
        details.Should().Contain("CodeMissing").And.Contain("WrongCode");
        (await connection.QuerySingleAsync<string>("SELECT totp_secret FROM officers WHERE username = 'tara'")).Should().NotContain(Base32Of(secret), "the secret is stored protected");
    }

    private static async Task<int> TrySignInAsync(IPage page, string username, string password, string? code)
    {
        await page.GotoAsync("/console/login");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        if (code is not null)
        {
            await page.GetByLabel("One-time code").FillAsync(code);
        }

        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            r => r.Url.Contains("/console/login", StringComparison.Ordinal) && r.Request.Method == "POST");
        return response.Status;
    }

    // An authenticator app's side: RFC 6238 with HMAC-SHA1, written here without the service's code. offset: steps after now.
    private static string Code(byte[] secret, int offset)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30) + offset);
#pragma warning disable CA5350 // RFC 6238
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var o = hash[^1] & 0x0F;
        return ((((hash[o] & 0x7F) << 24) | (hash[o + 1] << 16) | (hash[o + 2] << 8) | hash[o + 3]) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Trim())
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    private static string Base32Of(byte[] secret) => Totp.Base32(secret);
}
