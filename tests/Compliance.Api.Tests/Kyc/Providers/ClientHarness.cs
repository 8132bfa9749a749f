using System.Globalization;
using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Providers;
using Compliance.Api.Tests.Infrastructure;
using Compliance.Api.Tests.Kyc.Simulators;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Compliance.Api.Tests.Kyc.Providers;

/// <summary>
/// The provider clients as the host registers them, pointed at a simulator, on a small container of
/// their own (no database, no web host). Resilience numbers are small so tests run in seconds; the
/// breaker's minimum throughput is high so only the breaker tests trip it.
/// </summary>
internal sealed class ClientHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ClientHarness(
        ProviderSimulator simulator, IReadOnlyDictionary<string, string>? resilience = null, IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configure = null)
    {
        var settings = simulator.Settings();
        var prefix = $"Kyc:Providers:{simulator.Provider}:Resilience:";
        foreach (var (key, value) in Defaults)
        {
            settings[prefix + key] = value;
        }

        foreach (var (key, value) in resilience ?? new Dictionary<string, string>())
        {
            settings[prefix + key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[$"Kyc:Providers:{simulator.Provider}:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(TimeProvider.System);
        services.AddKycProviderClients(configuration);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        Provider = simulator.Provider;
    }

    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>
    {
        ["TotalTimeoutSeconds"] = "10",
        ["AttemptTimeoutSeconds"] = "2",
        ["MaxRetries"] = "2",
        ["BaseDelaySeconds"] = "0.05",
        ["MaxDelaySeconds"] = "0.2",
        ["BreakFailureRatio"] = "0.5",
        ["BreakSamplingSeconds"] = "30",
        ["BreakMinimumThroughput"] = "1000",
        ["BreakDurationSeconds"] = "30",
    };

    public string Provider { get; }

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _services;

    /// <summary>The client as the host sees it: one of the registered <see cref="IKycProviderClient"/>s.</summary>
    public IKycProviderClient Client => _services.GetServices<IKycProviderClient>().Single(c => c.Provider == Provider);

    public static StartVerification NewVerification(string level = "basic-kyc-level", string? existingApplicantRef = null) =>
        new("cus_" + Guid.NewGuid().ToString("N")[..12], Guid.NewGuid(), level, existingApplicantRef, new ScreeningSubject("Ada Lovelace", 1815, "GB"));

    /// <summary>The status as its stable code (tests are public, <see cref="Api.Kyc.KycStatus"/> is internal).</summary>
    public static string? Code(ProviderState state) => state.Status?.ToCode();

    public static string Seconds(double seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _services.Dispose();
}
