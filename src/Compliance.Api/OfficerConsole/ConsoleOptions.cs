namespace Compliance.Api.OfficerConsole;

/// <summary>The officer console (section <c>Console</c>).</summary>
internal sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>A session ends after this many minutes without a request.</summary>
    public int IdleTimeoutMinutes { get; set; } = 20;
}
