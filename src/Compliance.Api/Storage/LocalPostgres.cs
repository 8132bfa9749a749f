using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Compliance.Api.Storage;

/// <summary>
/// A PostgreSQL cluster on this machine, started from the Debian server binaries: the dev
/// database of <c>serve</c> (under <c>.data/</c>) and the throwaway cluster of the test fixture.
/// The server refuses to run as root, so when this process is root every server command runs as
/// the <c>postgres</c> user through <c>runuser</c> on a directory that user owns.
/// </summary>
internal sealed partial class LocalPostgres
{
    private static readonly string[] BinCandidates =
        [.. Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : []];

    /// <summary>
    /// Settings the local cluster starts with. The first three are PostgreSQL's durable defaults,
    /// stated so that a decision acknowledged to a caller survives a power cut or an OS crash
    /// whatever a copied postgresql.conf says; the rest buy throughput without giving that up
    /// (each one's effect is measured in bench/load/RESULTS.md).
    /// </summary>
    internal static readonly string[] ServerSettings =
    [
        "fsync=on",
        "full_page_writes=on",
        "synchronous_commit=on",
        "max_connections=200",

        // Fewer checkpoints, so fewer full-page images in the WAL after each one; and WAL segments
        // kept for recycling, so a busy minute renames old segments instead of creating and
        // zero-filling new ones while committers wait.
        "max_wal_size=4GB",
        "min_wal_size=1GB",
        "checkpoint_timeout=15min",
        "checkpoint_completion_target=0.9",

        // Full-page images compressed as they enter the WAL: fewer bytes to write and flush.
        "wal_compression=lz4",
        "shared_buffers=256MB",
    ];

    private readonly string _binDir;

    /// <summary>
    /// A <c>name=value</c> setting that pg_ctl can pass on unquoted (its <c>-o</c> goes through a shell).
    /// </summary>
    internal static bool IsValidSetting(string setting) => SettingPattern().IsMatch(setting);

    [GeneratedRegex(@"^[a-z_][a-z0-9_.]*=[A-Za-z0-9_.:/+-]+$")]
    private static partial Regex SettingPattern();

    private LocalPostgres(string dataDirectory, string binDir, int port)
    {
        DataDirectory = dataDirectory;
        _binDir = binDir;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    // The server shares this machine's cores: past a few connections per core, more concurrent
    // transactions only compete for them and for the WAL flush (bench/load/RESULTS.md).
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size={8 * Environment.ProcessorCount};Timeout=5;Command Timeout=30";

    /// <summary>Finds the server binaries, or returns null with the reason a person can act on.</summary>
    public static string? FindBinaries(out string? problem)
    {
        foreach (var dir in BinCandidates)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                problem = null;
                return dir;
            }
        }

        problem = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install them with: sudo apt-get install -y postgresql";
        return null;
    }

    /// <summary>The first parent of <paramref name="directory"/> that other users cannot search (enter), or null.</summary>
    internal static string? BlockingAncestor(string directory)
    {
        for (var parent = Path.GetDirectoryName(Path.GetFullPath(directory)); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if ((File.GetUnixFileMode(parent) & UnixFileMode.OtherExecute) == 0)
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>Creates the cluster if the directory holds none, then starts it on <paramref name="port"/> or a free loopback port.</summary>
    /// <param name="extraSettings">More <c>name=value</c> server settings, after (and so over) <see cref="ServerSettings"/>.</param>
    public static async Task<LocalPostgres> StartAsync(string dataDirectory, CancellationToken cancellationToken, int? port = null, IEnumerable<string>? extraSettings = null)
    {
        var binDir = FindBinaries(out var problem) ?? throw new StartupException(problem!);
        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", dataDirectory], asPostgres: false, cancellationToken);
            await RunAsync("chmod", ["0700", dataDirectory], asPostgres: false, cancellationToken);
        }

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            try
            {
                await RunAsync(Path.Combine(binDir, "initdb"),
                    ["-D", dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"],
                    asRoot, cancellationToken);
            }
            catch (StartupException) when (asRoot && BlockingAncestor(dataDirectory) is { } blocked)
            {
                // The server runs as postgres, which must reach the directory through every parent.
                throw new StartupException(
                    $"the postgres user cannot reach {dataDirectory}: {blocked} is not searchable by other users; " +
                    $"run `chmod o+x {blocked}`, clone somewhere others can traverse, or set Database__LocalDataDirectory to a directory such as /var/tmp/compliance");
            }
        }

        if (RunningPostmaster(dataDirectory) is { } pid)
        {
            throw new StartupException(
                $"the local database in {dataDirectory} is already in use by process {pid}; stop that process or set ConnectionStrings__Postgres");
        }

        var instance = new LocalPostgres(dataDirectory, binDir, port ?? FreePort());
        // Unix sockets go into the data directory: temp paths can exceed the socket path limit
        // elsewhere, and nothing else on the machine should find this server.
        var serverOptions = $"-p {instance.Port} -k {dataDirectory} -c listen_addresses=127.0.0.1 " +
            string.Join(' ', ServerSettings.Concat(extraSettings ?? []).Select(setting => $"-c {setting}"));
        await RunAsync(Path.Combine(binDir, "pg_ctl"),
            ["-D", dataDirectory, "-o", serverOptions, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "start"],
            asRoot, cancellationToken);
        return instance;
    }

    /// <summary>Stops the server, letting connections finish their current statement.</summary>
    /// <summary>
    /// Starts a streaming replica of this cluster in <paramref name="replicaDirectory"/> (pg_basebackup
    /// with a standby configuration, then a hot standby on a free port): how a read-only connection
    /// string is tried on one machine (docs/deployment.md).
    /// </summary>
    public async Task<LocalPostgres> StartReplicaAsync(string replicaDirectory, CancellationToken cancellationToken)
    {
        replicaDirectory = Path.GetFullPath(replicaDirectory);
        Directory.CreateDirectory(replicaDirectory);
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", replicaDirectory], asPostgres: false, cancellationToken);
            await RunAsync("chmod", ["0700", replicaDirectory], asPostgres: false, cancellationToken);
        }

        await RunAsync(Path.Combine(_binDir, "pg_basebackup"),
            ["-D", replicaDirectory, "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
             "-X", "stream", "-R", "--checkpoint=fast"],
            asRoot, cancellationToken);
        return await StartAsync(replicaDirectory, cancellationToken);
    }

    public async Task StopAsync()
    {
        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"],
            Environment.IsPrivilegedProcess, CancellationToken.None);
    }

    /// <summary>
    /// A shell command that stops this cluster at once and deletes its directory: for a watchdog
    /// that outlives the process which started the cluster.
    /// </summary>
    public string ShellStopAndRemoveCommand()
    {
        var pgCtl = Path.Combine(_binDir, "pg_ctl");
        var stop = Environment.IsPrivilegedProcess ? $"runuser -u postgres -- '{pgCtl}'" : $"'{pgCtl}'";
        return $"{stop} -D '{DataDirectory}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{DataDirectory}'";
    }

    /// <summary>Stops a cluster left running in <paramref name="dataDirectory"/>, if any.</summary>
    public static async Task StopIfRunningAsync(string dataDirectory)
    {
        var binDir = FindBinaries(out var problem) ?? throw new StartupException(problem!);
        if (RunningPostmaster(dataDirectory) is not null)
        {
            await RunAsync(Path.Combine(binDir, "pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "stop"],
                Environment.IsPrivilegedProcess, CancellationToken.None);
        }
    }

    private static int? RunningPostmaster(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
        {
            return null;
        }

        // A stale pid file after a crash is fine: pg_ctl starts anyway when the process is gone.
        return Directory.Exists($"/proc/{pid}") ? pid : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new StartupException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var detail = (await stderr).Trim();
            if (detail.Length == 0)
            {
                detail = (await stdout).Trim();
            }

            throw new StartupException($"{Path.GetFileName(file)} failed (exit {process.ExitCode}): {FirstLine(detail)}");
        }

    }

    // Tools pad their output; one readable line is what the caller prints.
    private static string FirstLine(string text) =>
        string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(2)
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}
