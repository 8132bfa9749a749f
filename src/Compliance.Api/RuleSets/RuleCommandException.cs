namespace Compliance.Api.RuleSets;

/// <summary>A <c>rules</c> command was given something it cannot work with (a bad argument, a missing file).</summary>
internal sealed class RuleCommandException(string message) : Exception(message);
