using Compliance.Api.Checks;
using Compliance.Rules;

namespace Compliance.Api.Disputes;

/// <summary>
/// The inputs the dispute rule set is evaluated with: <c>dispute.AmountBase</c>, <c>transaction.Channel</c>,
/// <c>customer.RiskRating</c>, ... The transaction and customer are the facts recorded with the check.
/// </summary>
internal static class DisputeInputs
{
    public const string RuleSetName = "disputes";

    public static IReadOnlyList<RuleParameter> Shape { get; } =
    [
        RuleParameter.Create("dispute", typeof(DisputeFacts)),
        RuleParameter.Create("transaction", typeof(TransactionFacts)),
        RuleParameter.Create("customer", typeof(CustomerFacts)),
    ];
}
