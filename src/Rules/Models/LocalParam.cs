namespace Compliance.Rules;

/// <summary>RulesEngine's older name for a <see cref="ScopedParam"/>.</summary>
public class LocalParam : ScopedParam;
