namespace Compliance.Rules;

/// <summary>Engine settings, with RulesEngine 6.0.1's names and defaults. The engine copies them at construction.</summary>
public class ReSettings
{
    private long _maxCollectionWork = ExpressionCompilers.DefaultMaxCollectionWork;

    /// <summary>Creates settings with the defaults.</summary>
    public ReSettings()
    {
    }

    internal ReSettings(ReSettings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CustomTypes = other.CustomTypes is null ? null : [.. other.CustomTypes];
        CustomActions = other.CustomActions is null
            ? null
            : new Dictionary<string, Func<ActionBase>>(other.CustomActions, StringComparer.OrdinalIgnoreCase);
        EnableExceptionAsErrorMessage = other.EnableExceptionAsErrorMessage;
        IgnoreException = other.IgnoreException;
        EnableFormattedErrorMessage = other.EnableFormattedErrorMessage;
        EnableScopedParams = other.EnableScopedParams;
        IsExpressionCaseSensitive = other.IsExpressionCaseSensitive;
        AutoRegisterInputType = other.AutoRegisterInputType;
        NestedRuleExecutionMode = other.NestedRuleExecutionMode;
        CacheConfig = new MemCacheConfig { SizeLimit = other.CacheConfig?.SizeLimit ?? new MemCacheConfig().SizeLimit };
        UseFastExpressionCompiler = other.UseFastExpressionCompiler;
        EnableExceptionAsErrorMessageForRuleExpressionParsing = other.EnableExceptionAsErrorMessageForRuleExpressionParsing;
        AutoExecuteActions = other.AutoExecuteActions;
        EnableParallelRuleCompilation = other.EnableParallelRuleCompilation;
        MaxCollectionWork = other.MaxCollectionWork;
    }

    /// <summary>Types whose static and instance members expressions may call.</summary>
    public Type[]? CustomTypes { get; set; }

    /// <summary>Custom actions by name (matched case-insensitively); the factory runs for every action execution.</summary>
    public Dictionary<string, Func<ActionBase>>? CustomActions { get; set; }

    /// <summary>true: errors become <see cref="RuleResultTree.ExceptionMessage"/>; false: a <see cref="RuleException"/> is thrown.</summary>
    public bool EnableExceptionAsErrorMessage { get; set; } = true;

    /// <summary>Blanks exception text in results and keeps action exceptions from propagating.</summary>
    public bool IgnoreException { get; set; }

    /// <summary>Fills failed top-level rules' <see cref="RuleResultTree.ExceptionMessage"/> from their formatted ErrorMessage.</summary>
    public bool EnableFormattedErrorMessage { get; set; } = true;

    /// <summary>When false, GlobalParams and LocalParams are ignored.</summary>
    public bool EnableScopedParams { get; set; } = true;

    /// <summary>Whether identifiers, members and keywords in expressions are case-sensitive.</summary>
    public bool IsExpressionCaseSensitive { get; set; }

    /// <summary>Registers each input's type so its methods are callable.</summary>
    public bool AutoRegisterInputType { get; set; } = true;

    /// <summary>How nested rules evaluate their children.</summary>
    public NestedRuleExecutionMode NestedRuleExecutionMode { get; set; } = NestedRuleExecutionMode.All;

    /// <summary>Cache bounds.</summary>
    public MemCacheConfig CacheConfig { get; set; } = new();

    /// <summary>Accepted for compatibility; this engine always uses <c>Expression.Compile()</c>.</summary>
    public bool UseFastExpressionCompiler { get; set; }

    /// <summary>When false, a rule whose expression does not parse fails silently (no message).</summary>
    public bool EnableExceptionAsErrorMessageForRuleExpressionParsing { get; set; } = true;

    /// <summary>When false, ExecuteAllRulesAsync runs no actions.</summary>
    public bool AutoExecuteActions { get; set; } = true;

    /// <summary>Compiles top-level rules in parallel when a workflow has at least 32 of them.</summary>
    public bool EnableParallelRuleCompilation { get; set; }

    /// <summary>
    /// Not a RulesEngine setting (this engine's own): how many collection elements LINQ operators (<c>Any</c>, <c>Where</c>,
    /// <c>Sum</c>, ...) may visit in one evaluation of a workflow, an action expression, or a <see cref="RuleExpressionParser"/>
    /// delegate, before the rule fails with a limit error. Guards against rule sets that do quadratic work on large inputs.
    /// Default 1,000,000; 0 allows no collection work at all.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long MaxCollectionWork
    {
        get => _maxCollectionWork;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxCollectionWork = value;
        }
    }
}
