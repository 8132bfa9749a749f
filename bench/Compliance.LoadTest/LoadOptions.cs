using System.Globalization;

namespace Compliance.LoadTest;

/// <summary>What to run, parsed from the command line. Errors are values: <see cref="TryParse"/> says what is wrong.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        Compliance.LoadTest --url http://127.0.0.1:PORT --target checks|cases|live
            (--rate N --duration S [--max-in-flight M] | --saturate --concurrency C --duration S)
            [--warmup S] [--seed-customers N] [--customers N] [--customer-prefix P] [--label L]
            [--hot-customers H --hot-share F] [--inbox I] [--watch NAME=PID ...]
        The API key for checks, cases and seeding is read from the environment variable COMPLIANCE_LOAD_API_KEY.
        --target cases: the first page of inbox I's case queue (default "bench"), all and open cases alternately.
        --rate: open loop, request i is scheduled at t0 + i/N and its latency is measured from that time.
        --saturate: closed loop, C workers each send the next request when the last one is answered.
        --hot-customers/--hot-share: a share F (0..1) of the checks goes to customers 1..H (a merchant
            or wallet under a burst), the rest spread over all customers.
        --watch: report the CPU time per request of that process and its descendants over the
            measured window (e.g. --watch api=1234 --watch postgres=5678, the postmaster).
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:8080");

    public string Target { get; init; } = "live";

    public double Rate { get; init; }

    public bool Saturate { get; init; }

    public int Concurrency { get; init; } = 32;

    public double DurationSeconds { get; init; } = 60;

    public double WarmupSeconds { get; init; } = 10;

    public int MaxInFlight { get; init; } = 512;

    /// <summary>Customers to create through the API before the run (0: assume they exist).</summary>
    public int SeedCustomers { get; init; }

    /// <summary>Customers the checks are spread over (defaults to the seeded count, else 2,000).</summary>
    public int Customers { get; init; }

    public string CustomerPrefix { get; init; } = "load-c-";

    /// <summary>Customers 1..HotCustomers receive <see cref="HotShare"/> of the checks (0: uniform).</summary>
    public int HotCustomers { get; init; }

    public double HotShare { get; init; }

    /// <summary>Processes (with their descendants) whose CPU per request is reported, by name.</summary>
    public Dictionary<string, int> Watched { get; init; } = [];

    public string Label { get; init; } = "";

    /// <summary>The inbox the cases target lists.</summary>
    public string Inbox { get; init; } = "bench";

    public string? ApiKey { get; init; }

    public static bool TryParse(string[] args, string? apiKey, out LoadOptions options, out string error)
    {
        options = new LoadOptions { ApiKey = apiKey };
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--saturate")
            {
                options = options with { Saturate = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--url" when Uri.TryCreate(value, UriKind.Absolute, out var url):
                    options = options with { Url = url };
                    break;
                case "--target" when value is "checks" or "cases" or "live":
                    options = options with { Target = value };
                    break;
                case "--rate" when TryDouble(value, out var rate) && rate > 0:
                    options = options with { Rate = rate };
                    break;
                case "--concurrency" when TryInt(value, out var concurrency) && concurrency > 0:
                    options = options with { Concurrency = concurrency };
                    break;
                case "--duration" when TryDouble(value, out var duration) && duration > 0:
                    options = options with { DurationSeconds = duration };
                    break;
                case "--warmup" when TryDouble(value, out var warmup) && warmup >= 0:
                    options = options with { WarmupSeconds = warmup };
                    break;
                case "--max-in-flight" when TryInt(value, out var maxInFlight) && maxInFlight > 0:
                    options = options with { MaxInFlight = maxInFlight };
                    break;
                case "--seed-customers" when TryInt(value, out var seed) && seed >= 0:
                    options = options with { SeedCustomers = seed };
                    break;
                case "--customers" when TryInt(value, out var customers) && customers > 0:
                    options = options with { Customers = customers };
                    break;
                case "--hot-customers" when TryInt(value, out var hot) && hot > 0:
                    options = options with { HotCustomers = hot };
                    break;
                case "--hot-share" when TryDouble(value, out var share) && share is >= 0 and <= 1:
                    options = options with { HotShare = share };
                    break;
                case "--watch" when value.Split('=') is [var watchName, var pidText] && TryInt(pidText, out var pid) && watchName.Length > 0:
                    options.Watched[watchName] = pid;
                    break;
                case "--customer-prefix":
                    options = options with { CustomerPrefix = value };
                    break;
                case "--inbox" when value.Length > 0:
                    options = options with { Inbox = value };
                    break;
                case "--label":
                    options = options with { Label = value };
                    break;
                default:
                    error = $"Unknown option or bad value: {name} {value}";
                    return false;
            }
        }

        if (options.Saturate == (options.Rate > 0))
        {
            error = "Give exactly one of --rate N or --saturate.";
            return false;
        }

        if (options.Target is "checks" or "cases" && string.IsNullOrEmpty(options.ApiKey))
        {
            error = $"The {options.Target} target needs COMPLIANCE_LOAD_API_KEY.";
            return false;
        }

        if (options.Customers == 0)
        {
            options = options with { Customers = options.SeedCustomers > 0 ? options.SeedCustomers : 2000 };
        }

        if ((options.HotCustomers > 0) != (options.HotShare > 0) || options.HotCustomers > options.Customers)
        {
            error = "Give --hot-customers H (at most --customers) together with --hot-share F.";
            return false;
        }

        return true;
    }

    private static bool TryDouble(string value, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result);

    private static bool TryInt(string value, out int result) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
}
