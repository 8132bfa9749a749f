using Microsoft.Extensions.Compliance.Redaction;

namespace Compliance.Api;

/// <summary>
/// Replaces a personal or secret value with <c>[redacted]</c>: the value is gone, and a reader of the
/// line sees that something was removed rather than a gap that looks like an empty field.
/// </summary>
internal sealed class RedactedMarker : Redactor
{
    public const string Text = "[redacted]";

    public override int GetRedactedLength(ReadOnlySpan<char> input) => Text.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        Text.CopyTo(destination);
        return Text.Length;
    }
}
