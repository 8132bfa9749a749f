using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Customers;
using Compliance.Api.Tests.Infrastructure;
using Compliance.Crypto;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Compliance.Api.Tests.Customers;

/// <summary>The vault's promises, tested the way an auditor would check them.</summary>
public sealed class VaultAcceptanceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task DatabaseDumpAndLogs_ContainNoneOfTheCustomersPii()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write", "pii:read");
        var values = new[]
        {
            "Quintessa Marchbanks-Oyelaran", "1977-09-23", "QZ-8842-7719-05", "K9X4M2P7Q", "quintessa.distinct@vault-test.example",
            "+44 20 7946 0958", "17 Zephyr Lane, Thornbury", "NG",
        };
        var response = await client.PostAsJsonAsync("/v1/customers", new
        {
            id = "dump-1", fullName = values[0], dateOfBirth = values[1], nationalId = values[2], documentNumber = values[3],
            email = values[4], phone = values[5], address = values[6], nationality = values[7], country = "GB",
        });
        response.EnsureSuccessStatusCode();
        await CustomerApiTests.ReadPiiAsync(client, "dump-1");
        await client.PostAsJsonAsync("/v1/customers/search", new { email = values[4] });

        var dump = await DumpDatabaseAsync();

        dump.Should().Contain("dump-1", "the dump is real and holds the customer's row");
        // Besides the values as given, the normalized forms that blind indexes hash must not appear either.
        var forms = values.Where(v => v != "NG").Concat(["QZ8842771905", "quintessa", "Marchbanks", "Zephyr", "7946 0958"]);
        foreach (var form in forms)
        {
            dump.Should().NotContainEquivalentOf(form);
            factory.Logs.All.Should().NotContainEquivalentOf(form);
        }
    }

    [Fact]
    public async Task CopiedCiphertext_NeverDecryptsAsAnotherPersonsData()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write", "pii:read");
        await client.PostAsJsonAsync("/v1/customers", CustomerApiTests.Customer("swap-victim") with { Email = "victim@example.com" });
        await client.PostAsJsonAsync("/v1/customers", CustomerApiTests.Customer("swap-attacker") with { Email = "attacker@example.com" });
        await client.PostAsJsonAsync("/v1/customers", CustomerApiTests.Customer("swap-columns") with { Email = "columns@example.com" });
        await using var connection = new NpgsqlConnection(factory.ConnectionString);

        // Another customer's value into this row, and one column's value into another column.
        await connection.ExecuteAsync("UPDATE customer_pii SET email = (SELECT email FROM customer_pii WHERE customer_id = 'swap-victim') WHERE customer_id = 'swap-attacker'");
        await connection.ExecuteAsync("UPDATE customer_pii SET phone = email WHERE customer_id = 'swap-columns'");

        foreach (var (id, field) in new[] { ("swap-attacker", "email"), ("swap-columns", "phone") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/customers/{id}/pii");
            request.Headers.Add("X-Access-Purpose", "kyc_review");
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            body.Should().Contain("PII integrity failure").And.Contain($"stored {field}").And.NotContain("@example.com");
            (await client.GetAsync($"/v1/customers/{id}")).StatusCode.Should().Be(HttpStatusCode.InternalServerError, "the masked view fails closed too");
        }

        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'customer.pii.read' AND detail = 'integrity_failure'"))
            .Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task RotateAndRewrap_WhileReadsContinue_EveryCustomerStillDecryptsAndTheOldKekWrapsNothing()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write", "pii:read");
        var ids = Enumerable.Range(0, 30).Select(i => $"rotate-{i}").ToList();
        foreach (var id in ids)
        {
            (await client.PostAsJsonAsync("/v1/customers", CustomerApiTests.Customer(id) with { Email = $"{id}@example.com" })).EnsureSuccessStatusCode();
        }

        var crypto = factory.Services.GetRequiredService<CryptoServices>();
        var oldKek = await crypto.Provider.GetCurrentKeyIdAsync();
        var newKek = await crypto.Provider.RotateAsync();
        crypto.Cache.Clear();

        using var stop = new CancellationTokenSource();
        var readFailures = 0;
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var id in ids)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/customers/{id}/pii");
                    request.Headers.Add("X-Access-Purpose", "kyc_review");
                    var response = await client.SendAsync(request);
                    Interlocked.Increment(ref reads);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref readFailures);
                    }
                }
            }
        });

        var moved = await factory.Services.GetRequiredService<KeyRewrap>().RunAsync("test", new Progress<(long, long)>(), CancellationToken.None);
        await Task.Delay(200);
        await stop.CancelAsync();
        await reader;

        moved.Should().BeGreaterThanOrEqualTo(ids.Count);
        reads.Should().BeGreaterThan(0);
        readFailures.Should().Be(0);
        crypto.Cache.Clear();
        foreach (var id in ids)
        {
            (await CustomerApiTests.ReadPiiAsync(client, id)).GetProperty("email").GetString().Should().Be($"{id}@example.com");
        }

        var status = await factory.Services.GetRequiredService<KeyRewrap>().StatusAsync(CancellationToken.None);
        status.Single(s => s.KekId == oldKek).DataKeys.Should().Be(0);
        status.Single(s => s.KekId == newKek).DataKeys.Should().BeGreaterThanOrEqualTo(ids.Count);
        status.Single(s => s.KekId == newKek).Current.Should().BeTrue();
    }

    [Fact]
    public async Task Erasure_LeavesThePiiUnrecoverableWithDatabaseAndEveryKek()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write", "pii:read");
        await client.PostAsJsonAsync("/v1/customers", CustomerApiTests.Customer("erase-me") with { NationalId = "ER-555-000111", Email = "erase.me@example.com" });
        await client.PostAsJsonAsync("/v1/customers", CustomerApiTests.Customer("keep-me"));
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        // What a backup taken before the erasure holds of the person's data.
        var envelope = await connection.QuerySingleAsync<byte[]>("SELECT email FROM customer_pii WHERE customer_id = 'erase-me'");
        using var admin = factory.CreateAdminClient();

        (await admin.DeleteAsync("/v1/customers/erase-me/pii?reason=data_subject_request")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // Every data key left in the database, unwrapped with every KEK the provider has, fails on the old ciphertext.
        var crypto = factory.Services.GetRequiredService<CryptoServices>();
        var keys = (await connection.QueryAsync<(string CustomerId, Guid DataKeyId, string Provider, string KekId, string Algorithm, byte[] Wrapped)>(
            "SELECT customer_id, data_key_id, provider, kek_id, algorithm, wrapped_key FROM customer_keys")).ToList();
        keys.Should().NotBeEmpty().And.NotContain(k => k.CustomerId == "erase-me");
        foreach (var k in keys)
        {
            using var key = await crypto.DataKeys.UnwrapAsync(new WrappedKey(new DataKeyId(k.DataKeyId), k.CustomerId, k.Provider, k.KekId, k.Algorithm, k.Wrapped));
            var context = new EncryptionContext("customer_pii", "email", "erase-me");
            var decrypt = () => FieldEncryptor.DecryptString(key, envelope, context);
            decrypt.Should().Throw<System.Security.Cryptography.CryptographicException>();
        }

        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customer_pii WHERE customer_id = 'erase-me'")).Should().Be(0);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customer_blind_indexes WHERE customer_id = 'erase-me'")).Should().Be(0);
        var search = await client.PostAsJsonAsync("/v1/customers/search", new { nationalId = "ER-555-000111" });
        (await search.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerIds").GetArrayLength().Should().Be(0);
        (await CustomerApiTests.ReadPiiAsync(client, "keep-me")).GetProperty("fullName").GetString().Should().Be("John Doe");
    }

    private async Task<string> DumpDatabaseAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(factory.ConnectionString);
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "pg_dump")).First(File.Exists);
        var start = new ProcessStartInfo(pgDump, ["--data-only", "--inserts", "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", builder.Username!, builder.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await process.StandardError.ReadToEndAsync());

        // bytea columns dump as hex: decode them too, so a plaintext stored as bytes would still be found.
        var decoded = System.Text.RegularExpressions.Regex.Replace(output, @"'\\x([0-9a-f]+)'", m =>
            System.Text.Encoding.Latin1.GetString(Convert.FromHexString(m.Groups[1].Value)));
        return output + "\n" + decoded;
    }
}
