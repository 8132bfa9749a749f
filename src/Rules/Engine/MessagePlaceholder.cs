namespace Compliance.Rules;

/// <summary>One <c>$(…)</c> of an ErrorMessage: its text as written, which root name it reads, and the path below it.</summary>
internal sealed record MessagePlaceholder(string Verbatim, int RootIndex, string[] Path);
