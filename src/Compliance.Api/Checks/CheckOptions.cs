namespace Compliance.Api.Checks;

/// <summary>Bound from the <c>Checks</c> section.</summary>
internal sealed class CheckOptions
{
    public const string Section = "Checks";

    /// <summary>A check that cannot be decided and stored within this time fails closed with 503.</summary>
    public int TimeoutMilliseconds { get; set; } = 2000;
}
