using Compliance.Api.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.RuleSets;

/// <summary>
/// Seeds rule sets from the shipped files at first start, compiles the published version of each rule
/// set the service evaluates (pre-transaction, disputes) before the server listens, and then keeps them current: every instance LISTENs for the
/// publish notification on a dedicated connection and reloads at once, and polls as the fallback
/// (a dropped connection, a missed notification), so a publish on one instance reaches all of them.
/// </summary>
internal sealed class RuleSetLoader(
    RuleSetStore store, RuleSetCatalog catalog, NotificationListener listener, IOptions<RuleSetOptions> options, TimeProvider time, ILogger<RuleSetLoader> logger)
    : BackgroundService, IHostedLifecycleService
{
    // The listener and the poll may refresh at the same moment; one at a time, so an older read never overwrites a newer one.
    private readonly SemaphoreSlim _refresh = new(1, 1);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in RuleSetKind.All)
        {
            await SeedAsync(kind.Name, cancellationToken);
        }

        await RefreshAsync(cancellationToken);
        foreach (var kind in RuleSetKind.All.Where(k => catalog.Get(k.Name) is null))
        {
            throw new StartupException($"no published version of rule set {kind.Name}; seed it from {options.Value.SeedDirectory}");
        }
    }

    /// <summary>Loads each rule set's published version when it differs from the one in use; true when one swapped.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var swapped = false;
            foreach (var kind in RuleSetKind.All)
            {
                swapped |= await LoadAsync(kind.Name, cancellationToken);
            }

            return swapped;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public override void Dispose()
    {
        _refresh.Dispose();
        base.Dispose();
    }

    private async Task<bool> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var published = await store.PublishedVersionAsync(name, cancellationToken);
        if (published is null || published == catalog.Get(name)?.Version)
        {
            return false;
        }

        var row = await store.PublishedAsync(name, cancellationToken);
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(PollAsync(stoppingToken), ListenAsync(stoppingToken));

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.RefreshMilliseconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TryRefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    // A notification names the rule set published; each (re)connect refreshes too, to catch a publish made while nobody listened.
    private Task ListenAsync(CancellationToken stoppingToken) => listener.RunAsync(RuleSetStore.Channel, "published rule sets",
        (payload, ct) => RuleSetKind.Find(payload) is not null ? TryRefreshAsync(ct) : Task.CompletedTask, TryRefreshAsync, stoppingToken);

    private async Task TryRefreshAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RefreshAsync(stoppingToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or StartupException)
        {
            // Keep serving the version in use; the next notification or tick tries again.
            RuleSetLog.RefreshFailed(logger, e.Message);
        }
    }

    private async Task SeedAsync(string name, CancellationToken cancellationToken)
    {
        var directory = options.Value.SeedDirectory;
        var file = Path.Combine(directory, name, name + ".json");
        if (!File.Exists(file))
        {
            return;
        }

        var workflow = await File.ReadAllTextAsync(file, cancellationToken);
        var settingsFile = Path.Combine(Path.GetDirectoryName(file)!, "settings.json");
        var settings = File.Exists(settingsFile) ? await File.ReadAllTextAsync(settingsFile, cancellationToken) : "{}";
        var testsFile = Path.ChangeExtension(file, null) + RuleFiles.TestSuffix;
        var tests = File.Exists(testsFile) ? await File.ReadAllTextAsync(testsFile, cancellationToken) : null;
        if (PublishedRuleSet.TryCreate(name, 1, "", workflow, RuleSetStore.ParseSettings(settings), out var problems) is null)
        {
            throw new StartupException($"{file} cannot seed rule set {name}: {string.Join("; ", problems)}");
        }

        if (await store.SeedAsync(name, workflow, settings, tests, cancellationToken))
        {
            RuleSetLog.Seeded(logger, name, file);
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
