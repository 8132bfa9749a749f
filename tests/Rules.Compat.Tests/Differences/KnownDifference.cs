using Compliance.Rules.Compat.Tests.Oracle;

namespace Compliance.Rules.Compat.Tests.Differences;

/// <summary>A difference from RulesEngine that is deliberate or accepted, with its reason and where it is documented.</summary>
public sealed record KnownDifference(string Id, string Summary, string Reason, Func<Difference, bool> Applies);
