using System.Collections.Immutable;
using System.Linq.Expressions;
using Compliance.Rules.Expressions.Binding;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions;

/// <summary>
/// Parses and binds rule expressions (the Dynamic LINQ language RulesEngine uses) to System.Linq.Expressions bodies.
/// Thread-safe and reusable: all per-expression state lives in the parser and binder created for each call.
/// </summary>
internal sealed class ExpressionCompiler
{
    private readonly ExpressionCompilerOptions _options;
    private readonly TypeRegistry _types;

    public ExpressionCompiler(ExpressionCompilerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _types = new TypeRegistry(options.CustomTypes, options.IsCaseSensitive);
    }

    public ExpressionCompilerOptions Options => _options;

    /// <summary>
    /// Parses and binds <paramref name="text"/> against the variables in <paramref name="scope"/> (later names shadow earlier ones;
    /// with exactly one variable it is also the implicit <c>it</c>). With <paramref name="resultType"/> bool, a non-bool result is
    /// the diagnostic "Expression of type 'Boolean' expected" and a late-bound result is converted at run time.
    /// </summary>
    public ExpressionBindResult Bind(string text, IReadOnlyList<ParameterExpression> scope, Type? resultType)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(scope);
        var diagnostics = new DiagnosticBag(text);
        var syntax = ParseCore(text, diagnostics);
        if (syntax is null || diagnostics.HasErrors)
        {
            return new ExpressionBindResult(null, diagnostics.ToImmutable());
        }

        var binder = new Binder(_options, _types, diagnostics, scope);
        Expression? body;
        try
        {
            body = binder.BindRoot(syntax, resultType);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // System.Linq.Expressions refused a tree the binder built (a combination it did not foresee):
            // a diagnostic for this rule, never an exception out of the engine.
            diagnostics.Add(new TextSpan(0, text.Length), $"the expression cannot be compiled: {e.Message}");
            body = null;
        }

        return diagnostics.HasErrors
            ? new ExpressionBindResult(null, diagnostics.ToImmutable())
            : new ExpressionBindResult(body, []);
    }

    /// <summary>Syntax only (tokenize and parse), for validating a rule before its input types are known.</summary>
    public ImmutableArray<ExpressionDiagnostic> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new DiagnosticBag(text);
        ParseCore(text, diagnostics);
        return diagnostics.ToImmutable();
    }

    private SyntaxNode? ParseCore(string text, DiagnosticBag diagnostics)
    {
        if (text.Length > _options.MaxExpressionLength)
        {
            diagnostics.Add(new TextSpan(0, 0), $"expression is too long ({text.Length} characters; the limit is {_options.MaxExpressionLength})");
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Add(new TextSpan(0, 0), "expression is empty");
            return null;
        }

        var tokens = new Tokenizer(text, diagnostics).Tokenize();
        if (diagnostics.HasErrors)
        {
            return null;
        }

        return new Parser(tokens, diagnostics, _options.IsCaseSensitive, _options.MaxNestingDepth).ParseRoot();
    }
}
