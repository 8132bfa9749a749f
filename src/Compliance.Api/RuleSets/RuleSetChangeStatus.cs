namespace Compliance.Api.RuleSets;

/// <summary>How a change to a rule set version ended; each maps to one HTTP status.</summary>
internal enum RuleSetChangeStatus
{
    Done,
    NotFound,
    Conflict,
    Forbidden,
    Invalid,
}
