namespace Compliance.Rules.Expressions;

/// <summary>A problem found while parsing or binding an expression.</summary>
/// <remarks><see cref="Position"/> is the 0-based offset into the expression text; <see cref="Line"/> and <see cref="Column"/> are 1-based.</remarks>
public sealed record ExpressionDiagnostic(int Position, int Length, int Line, int Column, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {Message}";
}
