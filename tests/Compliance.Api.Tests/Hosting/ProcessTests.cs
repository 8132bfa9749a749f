using Compliance.Api.Storage;
using Compliance.Api.Tests.Infrastructure;
using Npgsql;

namespace Compliance.Api.Tests.Hosting;

/// <summary>The executable as an operator runs it.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_UnreachableDatabase_FailsWithOneClearLine()
    {
        var port = ServiceProcess.FreePort();
        using var service = ServiceProcess.Start(["serve"], new Dictionary<string, string?>
        {
            ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={port};Username=postgres;Timeout=2",
        });

        var exitCode = await service.WaitForExitAsync(ExitTimeout);

        exitCode.Should().Be(1);
        Lines(service.StandardError).Should().ContainSingle().Which.Should()
            .StartWith($"compliance: cannot connect to PostgreSQL at 127.0.0.1:{port}/");
        (service.StandardOutput + service.StandardError).Should().NotContain("   at ", "no stack trace");
    }

    [Theory]
    [InlineData("ConnectionStrings__Postgres", "Host=db;Port=not-a-port", "compliance: ConnectionStrings:Postgres is malformed")]
    [InlineData("DATABASE_URL", "https://db.example/x", "compliance: DATABASE_URL is malformed")]
    public async Task Serve_MalformedConnectionString_FailsWithOneClearLine(string variable, string value, string expectedStart)
    {
        using var service = ServiceProcess.Start(["serve"], new Dictionary<string, string?> { [variable] = value });

        var exitCode = await service.WaitForExitAsync(ExitTimeout);

        exitCode.Should().Be(1);
        Lines(service.StandardError).Should().ContainSingle().Which.Should().StartWith(expectedStart);
        (service.StandardOutput + service.StandardError).Should().NotContain("   at ");
    }

    [Theory]
    [InlineData("Telemetry__OtlpProtocol", "carrier-pigeon", "compliance: Telemetry:OtlpProtocol must be grpc or http/protobuf")]
    [InlineData("Telemetry__OtlpEndpoint", "collector:4317", "compliance: Telemetry:OtlpEndpoint must be an http or https address")]
    public async Task Serve_BadTelemetrySetting_FailsWithOneClearLine(string variable, string value, string expectedStart)
    {
        using var service = ServiceProcess.Start(["serve"], new Dictionary<string, string?> { [variable] = value });

        (await service.WaitForExitAsync(ExitTimeout)).Should().Be(1);
        Lines(service.StandardError).Should().ContainSingle().Which.Should().StartWith(expectedStart);
    }

    [Fact]
    public async Task Serve_DatabaseFromANewerBuild_RefusesToStart()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                await new MigrationRunner(dataSource, Migration.LoadEmbedded(), Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance)
                    .RunAsync(CancellationToken.None);
                await using var command = dataSource.CreateCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')");
                await command.ExecuteNonQueryAsync();
            }

            using var service = ServiceProcess.Start(["serve", "--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}"],
                new Dictionary<string, string?> { ["ConnectionStrings__Postgres"] = connectionString });

            (await service.WaitForExitAsync(ExitTimeout)).Should().Be(1);
            Lines(service.StandardError).Should().ContainSingle().Which.Should()
                .StartWith("compliance: the database schema is at version 9999 (future), newer than this build knows");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Serve_NotMigratingOnStart_RefusesADatabaseBehindThisBuild()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            using var service = ServiceProcess.Start(["serve", "--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}"],
                new Dictionary<string, string?> { ["ConnectionStrings__Postgres"] = connectionString, ["Database__MigrateOnStart"] = "false" });

            (await service.WaitForExitAsync(ExitTimeout)).Should().Be(1);
            Lines(service.StandardError).Should().ContainSingle().Which.Should()
                .StartWith($"compliance: the database schema is at version 0, this build needs version {Migration.LoadEmbedded()[^1].Version}; run the migrate command first");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Migrate_AppliesThenFindsNothingToDo()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var environment = new Dictionary<string, string?> { ["ConnectionStrings__Postgres"] = connectionString };
            var count = Migration.LoadEmbedded().Count;

            using (var first = ServiceProcess.Start(["migrate"], environment))
            {
                (await first.WaitForExitAsync(ExitTimeout)).Should().Be(0, first.StandardError);
                first.StandardOutput.Should().Contain($"Applied {count} migration(s)");
            }

            using var second = ServiceProcess.Start(["migrate"], environment);
            (await second.WaitForExitAsync(ExitTimeout)).Should().Be(0, second.StandardError);
            second.StandardOutput.Should().Contain("Applied 0 migration(s)");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task KeysLogPseudonym_PrintsTheCustomersPseudonymUnderTheConfiguredRootKey_WithoutADatabase()
    {
        var keyDirectory = Directory.CreateTempSubdirectory("compliance-pseudonym-");
        try
        {
            var rootKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var environment = new Dictionary<string, string?>
            {
                ["Crypto__BlindIndexRootKey"] = rootKey,
                ["Vault__KeyDirectory"] = keyDirectory.FullName,
                ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none",
            };

            using var command = ServiceProcess.Start(["keys", "log-pseudonym", "cust-8841"], environment);
            (await command.WaitForExitAsync(ExitTimeout)).Should().Be(0, command.StandardError);

            // Pinned: renaming the field or changing the length would orphan every pseudonym already in the logs.
            using var indexer = Compliance.Crypto.BlindIndexer.FromBase64(rootKey);
            var hash = indexer.Compute(new Compliance.Crypto.BlindIndexField("log.customer_pseudonym", Compliance.Crypto.BlindIndexNormalization.Exact, 12), "cust-8841");
            command.StandardOutput.Trim().Should().Be("p~" + System.Buffers.Text.Base64Url.EncodeToString(hash));
        }
        finally
        {
            keyDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task OfficersCreate_PrintsThePasswordOnce_RefusesBadInputAndTakenNames()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var environment = new Dictionary<string, string?> { ["ConnectionStrings__Postgres"] = connectionString };
            using (var migrate = ServiceProcess.Start(["migrate"], environment))
            {
                (await migrate.WaitForExitAsync(ExitTimeout)).Should().Be(0, migrate.StandardError);
            }

            using (var create = ServiceProcess.Start(["officers", "create", "ada", "--role", "admin", "--name", "Ada Admin"], environment))
            {
                (await create.WaitForExitAsync(ExitTimeout)).Should().Be(0, create.StandardError);
                create.StandardOutput.Should().MatchRegex("Officer ada \\(admin\\) created\\. Password \\(shown once, hand it over in person\\): [A-Za-z0-9]{20}");
            }

            using (var taken = ServiceProcess.Start(["officers", "create", "ada", "--role", "officer"], environment))
            {
                (await taken.WaitForExitAsync(ExitTimeout)).Should().Be(1);
                taken.StandardError.Should().Contain("the username ada is taken");
            }

            using (var bad = ServiceProcess.Start(["officers", "create", "bob", "--role", "superuser"], environment))
            {
                (await bad.WaitForExitAsync(ExitTimeout)).Should().Be(1);
                bad.StandardError.Should().Contain("Role: one of officer, senior_officer, auditor, admin");
            }

            using var list = ServiceProcess.Start(["officers", "list"], environment);
            (await list.WaitForExitAsync(ExitTimeout)).Should().Be(0, list.StandardError);
            list.StandardOutput.Should().MatchRegex("ada +admin +active").And.NotContain("bob");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Serve_NoDatabaseConfigured_StartsLocalPostgresAndStopsItOnCtrlC()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "compliance-serve-test-" + Guid.NewGuid().ToString("N"));
        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        try
        {
            using var service = ServiceProcess.Start(["serve", "--urls", url], new Dictionary<string, string?>
            {
                ["Database__LocalDataDirectory"] = dataDirectory,
            });
            await service.WaitUntilReadyAsync(url, TimeSpan.FromSeconds(60));
            File.Exists(Path.Combine(dataDirectory, "postmaster.pid")).Should().BeTrue("the local cluster runs");

            service.Interrupt();

            (await service.WaitForExitAsync(ExitTimeout)).Should().Be(0, service.StandardError);
            service.StandardOutput.Should().Contain("Bootstrap admin API key (shown once");
            service.StandardOutput.Should().Contain("Stopped local PostgreSQL");
            File.Exists(Path.Combine(dataDirectory, "postmaster.pid")).Should().BeFalse("the cluster was shut down cleanly");
        }
        finally
        {
            // A service that failed early never made the directory: let the test's own failure show, not this one.
            await LocalPostgres.StopIfRunningAsync(dataDirectory);
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Serve_CtrlCWhileARequestIsInFlight_FinishesTheRequestThenExits()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        const string AdminKey = "cmp_process_test_admin_key_000000000000000";
        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        try
        {
            using var service = ServiceProcess.Start(["serve", "--urls", url], new Dictionary<string, string?>
            {
                ["ConnectionStrings__Postgres"] = connectionString,
                ["COMPLIANCE_BOOTSTRAP_ADMIN_KEY"] = AdminKey,
            });
            await service.WaitUntilReadyAsync(url, TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
            var body = new SlowContent("{\"name\":\"in-flight\",", "\"roles\":[\"audit:read\"]}");
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

            var request = http.PostAsync("/v1/admin/api-keys", body);
            await body.FirstPartSent;
            await Task.Delay(300);
            service.Interrupt();
            await Task.Delay(500);
            body.Release();
            var response = await request;

            response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, "a request in flight at Ctrl-C is finished, not cut off");
            (await service.WaitForExitAsync(ExitTimeout)).Should().Be(0, service.StandardError);
            service.StandardOutput.Should().Contain("Application is shutting down");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task AuditVerify_IntactThenTampered_ExitsZeroThenOneNamingTheRow()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var environment = new Dictionary<string, string?> { ["ConnectionStrings__Postgres"] = connectionString };
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new MigrationRunner(dataSource, Migration.LoadEmbedded(), Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance)
                .RunAsync(CancellationToken.None);
            var audit = new Compliance.Api.Audit.AuditLog(TimeProvider.System);
            for (var i = 0; i < 5; i++)
            {
                await audit.AppendAsync(dataSource, new Compliance.Api.Audit.AuditEvent("system", "test.event", "success", Subject: $"s{i}"), CancellationToken.None);
            }

            using (var intact = ServiceProcess.Start(["audit", "verify"], environment))
            {
                (await intact.WaitForExitAsync(ExitTimeout)).Should().Be(0, intact.StandardError);
                intact.StandardOutput.Should().Contain("OK: 5 audit row(s)");
            }

            await using (var command = dataSource.CreateCommand(
                "SET session_replication_role = replica; UPDATE audit_log SET action = 'forged' WHERE seq = 1 AND chain = (SELECT min(chain) FROM audit_log)"))
            {
                await command.ExecuteNonQueryAsync();
            }

            using var tampered = ServiceProcess.Start(["audit", "verify"], environment);
            (await tampered.WaitForExitAsync(ExitTimeout)).Should().Be(1);
            tampered.StandardOutput.Should().Contain("FAILED: audit row").And.Contain("content was changed");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
