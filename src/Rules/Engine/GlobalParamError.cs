namespace Compliance.Rules;

/// <summary>
/// A GlobalParam that cannot be evaluated: every rule of the workflow fails with it. A parse error is
/// reported as a compile error of the param; <see cref="AtRunTime"/> errors (a name that collides with an
/// input) as RulesEngine reports a param that failed while executing.
/// </summary>
internal sealed record GlobalParamError(string ParamName, string Message, bool AtRunTime = false);
