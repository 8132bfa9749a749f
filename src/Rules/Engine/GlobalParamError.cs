namespace Compliance.Rules;

/// <summary>A GlobalParam that did not compile: every rule of the workflow fails with it.</summary>
internal sealed record GlobalParamError(string ParamName, string Message);
