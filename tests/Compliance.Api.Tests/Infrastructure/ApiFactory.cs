using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Compliance.Api.Tests.Infrastructure;

/// <summary>
/// The service over HTTP in-process, on a database of its own (one per test class), with a known
/// bootstrap admin key. Settings can be overridden per test class.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "cmp_test_bootstrap_admin_key_0123456789abcdef";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _replacements = [];
    private bool _ownsDatabase;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Where this host keeps its generated KEK ring and blind-index root key.</summary>
    public string KeyDirectory { get; } = Path.Combine(Path.GetTempPath(), "compliance-test-keys-" + Guid.NewGuid().ToString("N"));

    /// <summary>Everything the host logged, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The personal data tests sent this host; none of it may reach <see cref="Logs"/> (checked when the host goes away).</summary>
    public PiiWitness Witness { get; } = new();

    /// <summary>Set before the first client is created.</summary>
    public void Set(string key, string? value) => _settings[key] = value;

    /// <summary>Registers services over the host's own (e.g. a clock the test moves); before the first client.</summary>
    public void ReplaceServices(Action<IServiceCollection> replace) => _replacements.Add(replace);

    public HttpClient CreateClient(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public HttpClient CreateAdminClient() => CreateClient(AdminKey);

    /// <summary>A client whose new API key holds exactly <paramref name="roles"/>.</summary>
    public async Task<HttpClient> CreateClientWithRolesAsync(params string[] roles)
    {
        using var admin = CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = "test-" + string.Join('-', roles), roles });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return CreateClient(created.GetProperty("key").GetString()!);
    }

    /// <summary>Uses the connection string given with <see cref="Set"/>, or a new database on the test server.</summary>
    public async Task InitializeAsync()
    {
        _ownsDatabase = !_settings.TryGetValue("ConnectionStrings:Postgres", out var given) || given is null;
        ConnectionString = _ownsDatabase ? await TestPostgres.CreateDatabaseAsync() : given!;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        var leaks = Witness.FindIn(Logs.Lines);
        if (_ownsDatabase)
        {
            await TestPostgres.DropDatabaseAsync(ConnectionString);
        }

        if (Directory.Exists(KeyDirectory))
        {
            Directory.Delete(KeyDirectory, recursive: true);
        }

        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"Personal data sent by the tests reached the logs ({leaks.Count} line(s)):\n{string.Join('\n', leaks.Take(20))}");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["COMPLIANCE_BOOTSTRAP_ADMIN_KEY"] = AdminKey,
            ["Database:StartLocalWhenUnconfigured"] = "false",
            ["Vault:KeyDirectory"] = KeyDirectory,

            // Functional tests must not depend on how loaded the machine is; the outage test sets its own 2 s.
            ["Checks:TimeoutMilliseconds"] = "15000",
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));

        // Settings read while the app registers its services (telemetry exporters) must be there before
        // the host is built; UseSetting hands them to the builder from the start.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new PiiWitness.Filter(Witness));
            _replacements.ForEach(replace => replace(services));
        });
    }
}
