namespace Compliance.Rules;

/// <summary>A placeholder's text fixed at execution (its value could still change); null text leaves the placeholder verbatim.</summary>
internal sealed class ResolvedText(string? text)
{
    /// <summary>For a root name that was not among the rule's inputs.</summary>
    public static readonly ResolvedText Verbatim = new(null);

    public string? Text { get; } = text;
}
