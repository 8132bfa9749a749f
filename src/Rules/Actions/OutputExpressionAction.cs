namespace Compliance.Rules;

/// <summary>Built-in <c>OutputExpression</c>: evaluates the context's <c>expression</c> against the rule's inputs.</summary>
internal sealed class OutputExpressionAction(RulesEngine engine) : ActionBase
{
    public override ValueTask<object> Run(ActionContext context, RuleParameter[] ruleParameters)
    {
        var expression = context.GetContext<string>("expression");
        return new ValueTask<object>(engine.ActionExpressions.Evaluate(expression, ruleParameters)!);
    }
}
