namespace Compliance.Api.Screening;

/// <summary>Configuration section <c>Screening</c>.</summary>
internal sealed class ScreeningOptions
{
    public const string Section = "Screening";

    /// <summary>
    /// The score from which a hit counts, per use. 0.85 gave recall 0.984 at precision 0.96 on the
    /// evaluation set (bench/RESULTS.md, with the sweep); an officer's search shows more.
    /// </summary>
    public ScreeningThresholds Thresholds { get; set; } = new();

    /// <summary>How often each instance checks for a list version it missed (the notification is the fast path).</summary>
    public int RefreshSeconds { get; set; } = 60;

    /// <summary>How often each instance looks for a re-screening job to work (queued by every list import).</summary>
    public int RescreenPollSeconds { get; set; } = 5;

    /// <summary>
    /// How long a re-screening job stays with the instance working it without a sign of life (it
    /// renews the lease after every batch); after that another instance takes it over.
    /// </summary>
    public int RescreenLeaseSeconds { get; set; } = 60;

    /// <summary>The largest list file an import accepts.</summary>
    public long MaxImportBytes { get; set; } = 256L * 1024 * 1024;
}

internal sealed class ScreeningThresholds
{
    public double Customer { get; set; } = 0.85;

    public double Counterparty { get; set; } = 0.85;

    public double Search { get; set; } = 0.75;
}
