using Compliance.Api.Checks;
using Compliance.Api.Storage;
using Microsoft.Extensions.Options;

namespace Compliance.Api.RuleSets;

/// <summary>
/// Seeds rule sets from the shipped files at first start, compiles the published pre-transaction
/// rule set before the server listens, and then keeps it current: every instance polls for a newly
/// published version, so a publish on one instance reaches all of them.
/// </summary>
internal sealed class RuleSetLoader(
    RuleSetStore store, RuleSetCatalog catalog, IOptions<RuleSetOptions> options, ILogger<RuleSetLoader> logger) : BackgroundService, IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
        if (catalog.Current is null)
        {
            throw new StartupException($"no published version of rule set {CheckInputs.RuleSetName}; seed it from {options.Value.SeedDirectory}");
        }
    }

    /// <summary>Loads the published version when it differs from the one in use; true when it swapped.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var published = await store.PublishedVersionAsync(CheckInputs.RuleSetName, cancellationToken);
        if (published is null || published == catalog.Current?.Version)
        {
            return false;
        }

        var row = await store.PublishedAsync(CheckInputs.RuleSetName, cancellationToken);
        if (row is null)
        {
            return false;
        }

        var compiled = PublishedRuleSet.TryCreate(row.RuleSet, row.Version, row.ContentHash, row.Workflow, RuleSetStore.ParseSettings(row.Settings), out var problems)
            ?? throw new StartupException($"published rule set {row.RuleSet} version {row.Version} does not compile: {string.Join("; ", problems)}");
        catalog.Publish(compiled);
        RuleSetLog.Loaded(logger, row.RuleSet, row.Version, row.ContentHash);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.RefreshMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or StartupException)
            {
                // Keep serving the version in use; the next tick tries again.
                RuleSetLog.RefreshFailed(logger, e.Message);
            }
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.SeedDirectory;
        var file = Path.Combine(directory, CheckInputs.RuleSetName, CheckInputs.RuleSetName + ".json");
        if (!File.Exists(file))
        {
            return;
        }

        var workflow = await File.ReadAllTextAsync(file, cancellationToken);
        var settingsFile = Path.Combine(Path.GetDirectoryName(file)!, "settings.json");
        var settings = File.Exists(settingsFile) ? await File.ReadAllTextAsync(settingsFile, cancellationToken) : "{}";
        var testsFile = Path.ChangeExtension(file, null) + RuleFiles.TestSuffix;
        var tests = File.Exists(testsFile) ? await File.ReadAllTextAsync(testsFile, cancellationToken) : null;
        if (PublishedRuleSet.TryCreate(CheckInputs.RuleSetName, 1, "", workflow, RuleSetStore.ParseSettings(settings), out var problems) is null)
        {
            throw new StartupException($"{file} cannot seed rule set {CheckInputs.RuleSetName}: {string.Join("; ", problems)}");
        }

        if (await store.SeedAsync(CheckInputs.RuleSetName, workflow, settings, tests, cancellationToken))
        {
            RuleSetLog.Seeded(logger, CheckInputs.RuleSetName, file);
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
