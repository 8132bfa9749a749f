using Microsoft.Extensions.Options;

namespace Compliance.Api.Auth;

/// <summary>
/// The first admin key: from <c>COMPLIANCE_BOOTSTRAP_ADMIN_KEY</c> when set, otherwise generated
/// when no admin key exists and printed once to the console (never to the log).
/// Runs after the database start-up, before the server listens.
/// </summary>
internal sealed class BootstrapAdminKey(ApiKeyStore store, IOptions<AuthOptions> options, ILogger<BootstrapAdminKey> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var given = options.Value.BootstrapAdminKey;
        if (string.IsNullOrWhiteSpace(given))
        {
            given = null;
        }

        var generated = await store.EnsureBootstrapAdminAsync(given, cancellationToken);
        if (given is not null)
        {
            AuthLog.BootstrapFromConfiguration(logger);
        }
        else if (generated is not null)
        {
            await Console.Out.WriteLineAsync($"Bootstrap admin API key (shown once, store it now): {generated}");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
