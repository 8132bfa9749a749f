using Compliance.Api.Tests.Infrastructure;
using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Kyc;

/// <summary>
/// The service with every provider pointed at its local simulator (real sockets on 127.0.0.1), the
/// reconciliation timer off (tests run it by hand), and helpers to drive verifications end to end.
/// </summary>
public sealed class KycFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public Dictionary<string, ProviderSimulator> Simulators { get; } = new(StringComparer.Ordinal);

    /// <summary>Each provider's previous webhook secret, configured second (rotation).</summary>
    public Dictionary<string, string> PreviousSecrets { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        ProviderSimulator[] simulators =
        [
            await SumsubSimulator.StartAsync(), await OnfidoSimulator.StartAsync(), await StripeSimulator.StartAsync(),
            await VeriffSimulator.StartAsync(), await PersonaSimulator.StartAsync(), await ComplyAdvantageSimulator.StartAsync(),
        ];
        foreach (var simulator in simulators)
        {
            Simulators[simulator.Provider] = simulator;
            foreach (var (key, value) in simulator.Settings())
            {
                Factory.Set(key, value);
            }

            // Standard Webhooks (ComplyAdvantage) secrets are base64 keys; the others are plain strings.
            var previous = simulator.Provider == "complyadvantage"
                ? "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
                : "previous_" + Guid.NewGuid().ToString("N");
            PreviousSecrets[simulator.Provider] = previous;
            Factory.Set($"Kyc:Providers:{simulator.Provider}:WebhookSecrets:1", previous);
        }

        // The timer is off; tests run reconciliation by hand, over every open verification.
        Factory.Set("Kyc:ReconcileIntervalSeconds", "0");
        Factory.Set("Kyc:ReconcileAfterMinutes", "0");
        await Factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        foreach (var simulator in Simulators.Values)
        {
            await simulator.DisposeAsync();
        }
    }
}
