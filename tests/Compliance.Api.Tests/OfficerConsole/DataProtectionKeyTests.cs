using Compliance.Api.Customers;
using Compliance.Api.Tests.Infrastructure;
using Compliance.Crypto;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>The console's cookie keys live in PostgreSQL, encrypted: shared by instances, kept across restarts, moved by keys rewrap.</summary>
public sealed class DataProtectionKeyTests : IAsyncLifetime
{
    private readonly ApiFactory _first = new();

    public Task InitializeAsync() => _first.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_first).DisposeAsync();

    [Fact]
    public async Task WhatOneInstanceProtects_AnotherReads_TheKeyIsStoredOnlyAsCiphertext_AndSurvivesARewrap()
    {
        var protectedText = _first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("officer session");

        await using (var connection = new NpgsqlConnection(_first.ConnectionString))
        {
            var stored = (await connection.QueryAsync<byte[]>("SELECT ciphertext FROM data_protection_keys")).ToList();
            stored.Should().NotBeEmpty();
            stored.Should().OnlyContain(c => !System.Text.Encoding.UTF8.GetString(c).Contains("masterKey", StringComparison.Ordinal), "the key XML is encrypted");
        }

        (await SecondHostReadsAsync(protectedText)).Should().Be("officer session");

        var crypto = _first.Services.GetRequiredService<CryptoServices>();
        var oldKek = await crypto.Provider.GetCurrentKeyIdAsync();
        await crypto.Provider.RotateAsync();
        await _first.Services.GetRequiredService<KeyRewrap>().RunAsync("test", new Progress<(long, long)>(), CancellationToken.None);
        await using (var connection = new NpgsqlConnection(_first.ConnectionString))
        {
            (await connection.QuerySingleAsync<int>("SELECT count(*)::int FROM data_protection_keys WHERE kek_id = @oldKek", new { oldKek })).Should().Be(0);
        }

        (await SecondHostReadsAsync(protectedText)).Should().Be("officer session", "a rewrapped key still opens what it protected");
    }

    // A second instance: same database and KEK ring, nothing else shared.
    private async Task<string> SecondHostReadsAsync(string protectedText)
    {
        var second = new ApiFactory();
        second.Set("ConnectionStrings:Postgres", _first.ConnectionString);
        second.Set("Vault:KeyDirectory", _first.KeyDirectory);
        await second.InitializeAsync();
        try
        {
            return second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
