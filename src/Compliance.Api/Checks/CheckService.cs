using System.Diagnostics;
using System.Text.Json;
using Compliance.Api.Kyc;
using Compliance.Api.RuleSets;
using Compliance.Api.Screening;
using Compliance.Api.Screening.Matching;
using Compliance.Crypto;
using Compliance.Rules;

namespace Compliance.Api.Checks;

/// <summary>
/// Decides a validated check: converts the amount, reads the facts under the customer's lock,
/// evaluates the published rule set on the delegate path, and stores the decision with its
/// velocity entry before answering.
/// </summary>
internal sealed class CheckService(
    CheckStore store, RuleSetCatalog ruleSets, FxRates rates, CryptoServices crypto, Cases.CaseRouting caseRouting, ScreeningService screening,
    TimeProvider time, ComplianceMetrics metrics)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // A keyed hash of the counterparty's account: velocity per counterparty without storing account numbers.
    private static readonly BlindIndexField CounterpartyAccount = new("counterparty.account", BlindIndexNormalization.Identifier);

    /// <summary>The outcome, or the field errors when the amount cannot be converted.</summary>
    /// <param name="clientKeyId">The API key that asked: where the check's webhooks go.</param>
    public async Task<(CheckResult? Result, Dictionary<string, string[]>? Errors)> CheckAsync(
        CheckRequest request, byte[] requestHash, Guid? clientKeyId, CancellationToken cancellationToken)
    {
        var ruleSet = ruleSets.Current ?? throw new InvalidOperationException("No rule set is published.");
        var rateSet = rates.Current;
        if (rateSet.ToBase(request.Amount, request.Currency) is not { } amountBase)
        {
            return (null, new() { ["currency"] = [$"There is no exchange rate for {request.Currency} to {rateSet.BaseCurrency} (rates version {rateSet.Version})."] });
        }

        var occurredAt = Storage.CanonicalWriter.ToMicroseconds(request.OccurredAt ?? time.GetUtcNow());
        var counterpartyKey = request.Counterparty?.Account is { } account ? crypto.BlindIndexer.Compute(CounterpartyAccount, account) : null;
        var input = new CheckInput(request.TransactionId, request.CustomerId, requestHash, occurredAt, amountBase, request.Type, request.Channel, counterpartyKey,
            clientKeyId);

        // Screened before the customer's lock is taken: it reads only the in-memory list index.
        ScreeningResult? counterpartyScreening = null;
        if (request.Counterparty?.Name is { } counterpartyName)
        {
            using var screened = ComplianceTelemetry.Source.StartActivity("screening.counterparty");
            counterpartyScreening = screening.Screen(new ScreeningSubject(counterpartyName,
                Countries: request.Counterparty.Country is { } country ? [country] : null), ScreeningUse.Counterparty);
            screened?.SetTag("screening.status", counterpartyScreening.Status.ToCode());
            screened?.SetTag("screening.hits", counterpartyScreening.Hits.Count);
        }

        List<CheckReason>? given = null;
        var result = await store.DecideAsync(input, async read =>
        {
            var facts = Facts(request, occurredAt, amountBase, rateSet.BaseCurrency, read, counterpartyScreening);
            var started = Stopwatch.GetTimestamp();
            (RuleOutcome[] Outcomes, string Decision, int Score, List<CheckReason> Reasons, int RuleErrors) evaluated;
            using (var evaluation = ComplianceTelemetry.Source.StartActivity("rules.evaluate"))
            {
                evaluated = await EvaluateAsync(ruleSet, facts, withMessages: true);
                evaluation?.SetTag("rule_set", $"{ruleSet.Name}:{ruleSet.Version}");
                evaluation?.SetTag("decision", evaluated.Decision);
                evaluation?.SetTag("rule_errors", evaluated.RuleErrors);
            }

            var (_, decision, score, reasons, errors) = evaluated;
            var micros = (int)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            given = reasons;
            metrics.RuleErrors(errors);
            var decidedAt = Storage.CanonicalWriter.ToMicroseconds(time.GetUtcNow());
            var response = new CheckResponse(Guid.CreateVersion7(), request.TransactionId, decision, score, reasons,
                new RuleSetRef(ruleSet.Name, ruleSet.Version), rateSet.Version, decidedAt, micros);
            return new Decided(response.CheckId, decision, score, JsonSerializer.Serialize(reasons, Json), ruleSet.Name, ruleSet.Version, rateSet.Version,
                decidedAt, micros, StoredRequest(request, counterpartyKey), JsonSerializer.Serialize(facts, Json), JsonSerializer.Serialize(response, Json),
                decision == "review" ? Route(ruleSet, reasons, decidedAt) : null);
        }, cancellationToken);
        if (result.Decision is { } decision)
        {
            metrics.Decision(decision);
            foreach (var reason in given ?? [])
            {
                metrics.Reason(reason.ReasonCode, reason.Outcome);
            }
        }

        return (result, null);
    }

    /// <summary>
    /// Where a review's case goes, by what it is about: the rules that asked for review, or, when the
    /// score alone reached the threshold, every rule that fired; their reason codes and their tags.
    /// </summary>
    private Cases.CaseRoutingResult? Route(PublishedRuleSet ruleSet, List<CheckReason> reasons, DateTimeOffset decidedAt)
    {
        var about = reasons.Where(r => r.Outcome == "review").ToList();
        if (about.Count == 0)
        {
            about = reasons;
        }

        List<string> codes = about.Count > 0 ? [.. about.Select(r => r.ReasonCode)] : ["SCORE_THRESHOLD"];
        var tags = about.SelectMany(r => ruleSet.TagsOf(r.Rule)).Distinct(StringComparer.Ordinal).ToList();
        return caseRouting.Route(codes, tags, decidedAt);
    }

    /// <summary>
    /// Evaluates facts with one rule set version and decides, with no side effects: the check path,
    /// dry runs and backtests share it, so they decide exactly alike. Without messages, reasons carry
    /// no message and the result-tree pass is skipped (backtests replay many facts).
    /// </summary>
    public static async ValueTask<(RuleOutcome[] Outcomes, string Decision, int Score, List<CheckReason> Reasons, int RuleErrors)> EvaluateAsync(
        PublishedRuleSet ruleSet, CheckFacts facts, bool withMessages)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(facts);
        var outcomes = new RuleOutcome[ruleSet.Workflow.RuleCount];
        ruleSet.Workflow.Evaluate([facts.Transaction, facts.Customer, facts.Velocity, facts.Counterparty], outcomes);
        var messages = withMessages ? await MessagesAsync(ruleSet, outcomes, facts) : new string?[outcomes.Length];
        var (decision, score, reasons, errors) = DecisionMaker.Decide(ruleSet, outcomes, i => messages[i]!);
        return (outcomes, decision, score, reasons, errors);
    }

    private static CheckFacts Facts(
        CheckRequest request, DateTimeOffset occurredAt, decimal amountBase, string baseCurrency, FactsRead read, ScreeningResult? screening) => new(
        new TransactionFacts
        {
            TransactionId = request.TransactionId,
            Type = request.Type,
            Direction = request.Direction,
            Amount = request.Amount,
            Currency = request.Currency,
            AmountBase = amountBase,
            BaseCurrency = baseCurrency,
            Channel = request.Channel ?? "",
            OccurredAt = occurredAt,
            Metadata = request.Metadata ?? new TransactionFacts().Metadata,
        },
        read.Customer?.ToFacts(request.CustomerId, occurredAt) ?? new CustomerFacts { Known = false, Id = request.CustomerId },
        read.Velocity,
        new CounterpartyFacts
        {
            Country = request.Counterparty?.Country ?? "",
            IsNew = request.Counterparty?.Account is not null && !read.CounterpartySeenBefore,
            ScreeningStatus = (screening?.Status ?? ScreeningStatus.NotScreened).ToCode(),
            ScreeningMatches = screening is null ? [] : [.. screening.Hits.Select(h => $"{h.List}:{h.EntryId}")],
            ScreeningScore = screening is { Hits.Count: > 0 } ? (decimal)screening.Hits[0].Score : 0,
        });

    // The delegate path says which rules fired; only then is the workflow run once more through the
    // result-tree path, for the scope (inputs and GlobalParams) the fired rules' messages read.
    private static async ValueTask<string?[]> MessagesAsync(PublishedRuleSet ruleSet, RuleOutcome[] outcomes, CheckFacts facts)
    {
        var messages = new string?[outcomes.Length];
        if (!outcomes.Any(o => o.IsSuccess))
        {
            return messages;
        }

        var results = await ruleSet.Engine.ExecuteAllRulesAsync(ruleSet.Name,
            new RuleParameter("transaction", facts.Transaction), new RuleParameter("customer", facts.Customer),
            new RuleParameter("velocity", facts.Velocity), new RuleParameter("counterparty", facts.Counterparty));
        var byName = results.ToDictionary(r => r.Rule.RuleName, StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].IsSuccess && byName.TryGetValue(ruleSet.Rules[i].RuleName, out var result))
            {
                messages[i] = ruleSet.Templates[i].Format(result.Inputs);
            }
        }

        return messages;
    }

    // Stored with the decision for explanation and replay: the counterparty's name and account are
    // personal data and are kept out (the account only as its keyed hash).
    private static string StoredRequest(CheckRequest request, byte[]? counterpartyKey) => JsonSerializer.Serialize(new
    {
        request.TransactionId,
        request.CustomerId,
        request.Type,
        request.Direction,
        request.Amount,
        request.Currency,
        request.Channel,
        Counterparty = request.Counterparty is null ? null : new
        {
            request.Counterparty.Country,
            NameGiven = request.Counterparty.Name is not null,
            AccountKey = counterpartyKey is null ? null : Convert.ToHexStringLower(counterpartyKey),
        },
        request.OccurredAt,
        request.Metadata,
    }, Json);

    /// <summary>The four inputs rules see, serialized with the decision as the facts it was made on.</summary>
    internal sealed record CheckFacts(TransactionFacts Transaction, CustomerFacts Customer, VelocityFacts Velocity, CounterpartyFacts Counterparty);
}
