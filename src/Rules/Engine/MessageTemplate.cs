using System.Collections.Immutable;
using System.Text;

namespace Compliance.Rules;

/// <summary>
/// An ErrorMessage parsed once at compile time into literal text and placeholders, so a failing rule pays no regex.
/// It formats either from the rule's Inputs (as RulesEngine does, at execution) or from what was captured at execution
/// (<see cref="Format(object?)"/>, for <see cref="RuleResultTree.ExceptionMessage"/> formatted on first read).
/// </summary>
internal sealed class MessageTemplate
{
    // _literals[i] precedes _placeholders[i]; the last literal follows the last placeholder.
    private readonly string[] _literals;
    private readonly MessagePlaceholder[] _placeholders;

    private MessageTemplate(string text, string[] literals, MessagePlaceholder[] placeholders, ImmutableArray<string> roots)
    {
        Text = text;
        _literals = literals;
        _placeholders = placeholders;
        Roots = roots;
    }

    /// <summary>The template as written in the rule.</summary>
    public string Text { get; }

    /// <summary>The distinct root names the placeholders read, in order of first use.</summary>
    public ImmutableArray<string> Roots { get; }

    public int PlaceholderCount => _placeholders.Length;

    public static MessageTemplate Parse(string text)
    {
        var literals = new List<string>();
        var placeholders = new List<MessagePlaceholder>();
        var roots = new List<string>();
        var position = 0;
        foreach (var match in ErrorMessageFormatter.Placeholder().EnumerateMatches(text))
        {
            literals.Add(text[position..match.Index]);
            var verbatim = text.Substring(match.Index, match.Length);
            var parts = verbatim[2..^1].Split('.');
            var rootIndex = roots.IndexOf(parts[0]);
            if (rootIndex < 0)
            {
                rootIndex = roots.Count;
                roots.Add(parts[0]);
            }

            placeholders.Add(new MessagePlaceholder(verbatim, rootIndex, parts[1..]));
            position = match.Index + match.Length;
        }

        literals.Add(text[position..]);
        return new MessageTemplate(text, [.. literals], [.. placeholders], [.. roots]);
    }

    public MessagePlaceholder Placeholder(int index) => _placeholders[index];

    /// <summary>Formats now from the rule's Inputs.</summary>
    public string Format(IReadOnlyDictionary<string, object> inputs)
    {
        var builder = new StringBuilder(Text.Length + 16);
        for (var i = 0; i < _placeholders.Length; i++)
        {
            var placeholder = _placeholders[i];
            builder.Append(_literals[i]);
            builder.Append(inputs.TryGetValue(Roots[placeholder.RootIndex], out var value)
                ? ErrorMessageFormatter.Resolve(value, placeholder.Path) ?? placeholder.Verbatim
                : placeholder.Verbatim);
        }

        return builder.Append(_literals[^1]).ToString();
    }

    /// <summary>
    /// Formats from what was captured per placeholder at execution: the root value itself, or a <see cref="ResolvedText"/>.
    /// One placeholder's capture is stored as is, several as an array in placeholder order.
    /// </summary>
    public string Format(object? captured)
    {
        var values = _placeholders.Length == 1 ? new ReadOnlySpan<object?>(ref captured) : (object?[])captured!;
        var builder = new StringBuilder(Text.Length + 16);
        for (var i = 0; i < _placeholders.Length; i++)
        {
            var placeholder = _placeholders[i];
            var text = values[i] is ResolvedText resolved ? resolved.Text : ErrorMessageFormatter.Resolve(values[i], placeholder.Path);
            builder.Append(_literals[i]).Append(text ?? placeholder.Verbatim);
        }

        return builder.Append(_literals[^1]).ToString();
    }
}
