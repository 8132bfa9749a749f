using TheirModels = RulesEngine.Models;

namespace Compliance.Rules.Compat.Tests.Oracle;

/// <summary>The ReSettings flags a case runs with, built for both engines alike.</summary>
public sealed record CompatSettings
{
    public static readonly CompatSettings Default = new();

    public bool CaseSensitive { get; init; }

    public bool FormattedErrorMessage { get; init; } = true;

    public bool ExceptionAsErrorMessage { get; init; } = true;

    public bool IgnoreException { get; init; }

    public bool ScopedParams { get; init; } = true;

    public bool PerformanceMode { get; init; }

    public bool AutoExecuteActions { get; init; } = true;

    /// <summary>A short name for reports: the flags that differ from the defaults.</summary>
    public string Name
    {
        get
        {
            var names = new List<string>();
            if (CaseSensitive) names.Add("case-sensitive");
            if (!FormattedErrorMessage) names.Add("no-formatted-message");
            if (!ExceptionAsErrorMessage) names.Add("exceptions-thrown");
            if (IgnoreException) names.Add("ignore-exception");
            if (!ScopedParams) names.Add("no-scoped-params");
            if (PerformanceMode) names.Add("performance-mode");
            if (!AutoExecuteActions) names.Add("no-auto-actions");
            return names.Count == 0 ? "defaults" : string.Join('+', names);
        }
    }

    public ReSettings Ours() => new()
    {
        CustomTypes = [typeof(CompatUtils)],
        IsExpressionCaseSensitive = CaseSensitive,
        EnableFormattedErrorMessage = FormattedErrorMessage,
        EnableExceptionAsErrorMessage = ExceptionAsErrorMessage,
        IgnoreException = IgnoreException,
        EnableScopedParams = ScopedParams,
        NestedRuleExecutionMode = PerformanceMode ? NestedRuleExecutionMode.Performance : NestedRuleExecutionMode.All,
        AutoExecuteActions = AutoExecuteActions,
    };

    public TheirModels.ReSettings Theirs() => new()
    {
        CustomTypes = [typeof(CompatUtils)],
        IsExpressionCaseSensitive = CaseSensitive,
        EnableFormattedErrorMessage = FormattedErrorMessage,
        EnableExceptionAsErrorMessage = ExceptionAsErrorMessage,
        IgnoreException = IgnoreException,
        EnableScopedParams = ScopedParams,
        NestedRuleExecutionMode = PerformanceMode ? TheirModels.NestedRuleExecutionMode.Performance : TheirModels.NestedRuleExecutionMode.All,
        AutoExecuteActions = AutoExecuteActions,
    };
}
