using Compliance.Api.Storage;

namespace Compliance.Api.Cases;

/// <summary>A case with everything an officer reads to decide it; the API and the console show the same.</summary>
internal sealed class CaseViews(CaseStore store, CaseComments comments, Kyc.KycStore kyc, Disputes.DisputeStore disputes, TimeProvider time)
{
    public async Task<CaseDetail?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } found)
        {
            return null;
        }

        return new CaseDetail(CaseResponse.From(found.Case, time.GetUtcNow()), [.. found.Decisions.Select(CaseDecision.From)],
            [.. found.Events.Select(e => new CaseEvent(e.ItemKind, e.Ref, e.ReasonCodes, DbTime.Utc(e.AddedAt)))],
            await comments.ListAsync(id, found.Case.CustomerId, cancellationToken),
            await kyc.GetAsync(found.Case.CustomerId, cancellationToken) is { } view ? Kyc.KycEndpoints.ToResponse(found.Case.CustomerId, view) : null,
            found.Case.Kind == "dispute" && await disputes.FindByCaseAsync(id, cancellationToken) is { } dispute ? Disputes.DisputeResponse.From(dispute) : null);
    }
}
