using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Compliance.Api.Checks;
using Compliance.Api.RuleSets;
using Compliance.Api.Storage;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Disputes;

/// <summary>
/// Opens a dispute: checks it against the transaction as recorded with its check, builds the dispute
/// facts, lets the published dispute rule set decide the automatic step and routes its case.
/// </summary>
internal sealed class DisputeService(DisputeStore store, RuleSetCatalog catalog, IOptionsMonitor<DisputeOptions> options, TimeProvider time)
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "chargeback", "complaint" };

    public static readonly IReadOnlySet<string> Reasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "fraud", "not_received", "not_as_described", "duplicate", "cancelled", "other",
    };

    /// <summary>The fingerprint of "the same request" for a retried dispute id.</summary>
    public static byte[] Hash(DisputeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var canonical = new CanonicalWriter().Add("dispute/v1").Add(request.DisputeId).Add(request.TransactionId).Add(request.Kind).Add(request.Reason)
            .Add(request.Amount?.ToString(CultureInfo.InvariantCulture)).Add(request.Currency).Written;
        return SHA256.HashData(canonical);
    }

    /// <summary>Opens a validated request; <paramref name="clientKeyId"/> is where its webhooks go.</summary>
    public Task<DisputeOpenResult> OpenAsync(DisputeRequest request, Guid? clientKeyId, string principal, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = CanonicalWriter.ToMicroseconds(time.GetUtcNow());
        return store.OpenAsync(request.DisputeId!, request.TransactionId!, Hash(request), now,
            disputed => DecideAsync(request, disputed, clientKeyId, now), principal, requestId, cancellationToken);
    }

    private async ValueTask<(NewDispute?, DisputeOpenResult?)> DecideAsync(DisputeRequest request, DisputedTransaction disputed, Guid? clientKeyId, DateTimeOffset now)
    {
        static (NewDispute?, DisputeOpenResult?) Refuse(DisputeOpenStatus status, string? field, string detail) => (null, new DisputeOpenResult(status, Field: field, Detail: detail));

        var effective = disputed.FinalDecision ?? disputed.Decision;
        if (effective != "allow")
        {
            return Refuse(DisputeOpenStatus.NotDisputable, null, disputed.FinalDecision is null && disputed.Decision == "review"
                ? $"Transaction {disputed.TransactionId} is still held for review; nothing moved yet to dispute."
                : $"Transaction {disputed.TransactionId} was blocked; nothing moved to dispute.");
        }

        if (disputed.Outcome is "failed" or "reversed")
        {
            return Refuse(DisputeOpenStatus.NotDisputable, null, $"Transaction {disputed.TransactionId} was reported {disputed.Outcome}; there is nothing left to dispute.");
        }

        var facts = JsonSerializer.Deserialize<CheckService.CheckFacts>(disputed.Facts, CheckService.Json)!;
        var transaction = facts.Transaction;
        if (request.Currency is { } currency && currency != transaction.Currency)
        {
            return Refuse(DisputeOpenStatus.Invalid, "currency", $"currency must be the transaction's, {transaction.Currency}.");
        }

        var left = transaction.Amount - disputed.AcceptedAmount;
        var amount = request.Amount ?? left;
        if (amount <= 0 || amount > left)
        {
            return Refuse(DisputeOpenStatus.Invalid, "amount", left <= 0
                ? $"Transaction {disputed.TransactionId} was already refunded in full by accepted disputes."
                : $"amount must be more than 0 and at most {left.ToString(CultureInfo.InvariantCulture)} {transaction.Currency}, what is left of the transaction to dispute.");
        }

        var ruleSet = catalog.Get(DisputeInputs.RuleSetName) ?? throw new InvalidOperationException("No dispute rule set is published.");
        var amountBase = transaction.Amount == 0 ? 0 : decimal.Round(transaction.AmountBase * amount / transaction.Amount, 4, MidpointRounding.ToEven);
        var dispute = new DisputeFacts
        {
            DisputeId = request.DisputeId!,
            Kind = request.Kind!,
            Reason = request.Reason!,
            Amount = amount,
            Currency = transaction.Currency,
            AmountBase = amountBase,
            Partial = amount < transaction.Amount,
            AgeDays = Math.Max(0, (int)Math.Floor((now - transaction.OccurredAt).TotalDays)),
            PriorDisputes90Days = disputed.Prior90Days,
            PriorAccepted90Days = disputed.PriorAccepted90Days,
            Decision = disputed.Decision,
            Outcome = disputed.Outcome ?? "",
        };
        var decision = await DisputeDecider.DecideAsync(ruleSet, dispute, transaction, facts.Customer);
        var o = options.CurrentValue;
        var (state, evidenceDue, caseDue, inbox, priority) = decision.Step switch
        {
            "evidence" => Evidence(now.AddHours(decision.DeadlineHours ?? o.EvidenceHours)),
            "escalate" => (DisputeStates.InReview, (DateTimeOffset?)null, now.AddHours(decision.DeadlineHours ?? o.EscalatedSlaHours), o.EscalatedInbox, (short)1),
            "review" => (DisputeStates.InReview, null, now.AddHours(decision.DeadlineHours ?? o.ReviewSlaHours), o.Inbox, (short)2),
            _ => (DisputeStates.InReview, null, now, o.Inbox, (short)3),
        };

        // Waiting for evidence is the client's time, not the officer's: the case falls due a review SLA after the deadline.
        (string, DateTimeOffset?, DateTimeOffset, string, short) Evidence(DateTimeOffset due) => (DisputeStates.AwaitingEvidence, due, due.AddHours(o.ReviewSlaHours), o.Inbox, 2);

        var row = new DisputeRow
        {
            DisputeId = request.DisputeId!,
            TransactionId = disputed.TransactionId,
            CustomerId = disputed.CustomerId,
            ClientKeyId = clientKeyId,
            RequestHash = Hash(request),
            Kind = request.Kind!,
            Reason = request.Reason!,
            Amount = amount,
            Currency = transaction.Currency,
            AmountBase = amountBase,
            TransactionAmount = transaction.Amount,
            State = state,
            Step = decision.Step,
            Reasons = JsonSerializer.Serialize(decision.Reasons, CheckService.Json),
            Facts = JsonSerializer.Serialize(new { dispute, transaction, customer = facts.Customer }, CheckService.Json),
            RuleSet = ruleSet.Name,
            RuleSetVersion = ruleSet.Version,
            OnEvidenceMissed = ruleSet.Settings.OnEvidenceMissed,
            CaseId = Guid.CreateVersion7(),
            EvidenceDueAt = evidenceDue?.UtcDateTime,
            OpenedAt = now.UtcDateTime,
        };
        return (new NewDispute(row, inbox, priority, caseDue), null);
    }
}
