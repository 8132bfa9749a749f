using System.Collections.Immutable;
using System.Linq.Expressions;

namespace Compliance.Rules.Expressions;

internal sealed record ExpressionBindResult(Expression? Body, ImmutableArray<ExpressionDiagnostic> Diagnostics)
{
    public bool Success => Body is not null && Diagnostics.IsEmpty;
}
