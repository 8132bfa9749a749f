namespace Compliance.Rules.Compat.Tests.Corpus;

/// <summary>One named input: its JSON text, and a typed object with the same content when there is one.</summary>
public sealed record CaseInput(string Name, string Json, Func<object?>? Typed = null);
