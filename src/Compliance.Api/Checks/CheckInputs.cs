using Compliance.Rules;

namespace Compliance.Api.Checks;

/// <summary>
/// The inputs a pre-transaction rule set is evaluated with, by name and type. Rules read them as
/// <c>transaction.AmountBase</c>, <c>customer.KycStatus</c>, ... (member names are case-insensitive).
/// </summary>
internal static class CheckInputs
{
    public const string RuleSetName = "pre-transaction";

    public static IReadOnlyList<RuleParameter> Shape { get; } =
    [
        RuleParameter.Create("transaction", typeof(TransactionFacts)),
        RuleParameter.Create("customer", typeof(CustomerFacts)),
        RuleParameter.Create("velocity", typeof(VelocityFacts)),
        RuleParameter.Create("counterparty", typeof(CounterpartyFacts)),
    ];
}
