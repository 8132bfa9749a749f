using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Compliance.Api.Audit;
using Compliance.Api.Auth;
using Compliance.Api.Customers;
using Compliance.Api.Kyc.Providers;
using Microsoft.Extensions.Options;
using static Compliance.Api.Storage.DbTime;

namespace Compliance.Api.Kyc;

/// <summary><c>/v1/customers/{id}/kyc</c>: start a verification at a provider, read the status and its history.</summary>
internal static partial class KycEndpoints
{
    public const string ReadPolicy = "kyc:read";

    public static IEndpointRouteBuilder MapKyc(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/customers/{id}/kyc").WithTags("KYC");
        group.MapPost("/verifications", StartAsync).RequireAuthorization(Roles.KycWrite).WithName("StartKycVerification").WithSummary("Start a KYC verification or screening at a provider").Produces<StartedVerificationResponse>(StatusCodes.Status201Created);
        group.MapGet("/", GetAsync).RequireAuthorization(ReadPolicy).WithName("GetKyc").WithSummary("A customer's KYC and screening status, verifications and history").Produces<KycResponse>();
        routes.MapGet("/v1/kyc/inbox", ListInboxAsync).RequireAuthorization(Roles.AuditRead).WithTags("KYC").WithName("ListKycInbox").WithSummary("Stored provider callbacks, newest first (?state=unmatched for investigation)").Produces<List<KycInboxResponse>>();
        routes.MapKycCallbacks();
        return routes;
    }

    private static async Task<IResult> StartAsync(
        string id, StartVerificationRequest request, ClaimsPrincipal user, HttpContext http, KycStore store, KycProviderClients clients,
        CustomerStore customers, IOptions<KycOptions> options, ILogger<KycStore> logger, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Provider))
        {
            errors["provider"] = ["Required: one of " + string.Join(", ", KycProviders.All) + "."];
        }
        else if (!KycProviders.IsKnown(request.Provider))
        {
            errors["provider"] = [$"Unknown provider; expected one of {string.Join(", ", KycProviders.All)}."];
        }
        else if (clients.For(request.Provider) is null || string.IsNullOrWhiteSpace(options.Value.For(request.Provider)?.BaseUrl))
        {
            errors["provider"] = ["This provider is not configured on this service (Kyc:Providers:" + request.Provider + ":BaseUrl)."];
        }

        if (string.IsNullOrWhiteSpace(request.Level) || !LevelPattern().IsMatch(request.Level))
        {
            errors["level"] = ["Required: 1 to 64 letters, digits, '.', '_', '-' or spaces."];
        }

        else if (request.Provider == KycProviders.NameScan && !NameScanClient.Levels.Contains(request.Level.Trim(), StringComparer.Ordinal))
        {
            errors["level"] = [$"A NameScan scan is one of {string.Join(", ", NameScanClient.Levels)}."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        switch (await store.CustomerErasedAsync(id, cancellationToken))
        {
            case null:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No customer {id}.");
            case true:
                return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: $"The personal data of customer {id} was erased.");
        }

        var provider = request.Provider!;
        var level = request.Level!.Trim();
        var verificationId = Guid.CreateVersion7();
        var applicantRef = await store.ApplicantRefAsync(id, provider, cancellationToken);
        ScreeningSubject? subject = null;
        if (KycKinds.For(provider) == KycKinds.Screening)
        {
            subject = await ScreeningSubjectAsync(customers, id, user, http, provider, cancellationToken);
            if (subject is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["provider"] = [$"Customer {id} has no full name in the vault, so there is nothing to screen."],
                });
            }
        }

        ProviderSession session;
        try
        {
            session = await clients.For(provider)!.StartAsync(new StartVerification(id, verificationId, level, applicantRef, subject), cancellationToken);
        }
        catch (KycProviderException e)
        {
            KycLog.StartFailed(logger, provider, id, e.Failure.ToString());
            return e.Failure == KycProviderFailure.Unavailable
                ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Provider unavailable",
                    detail: $"{provider} could not be reached; nothing was recorded. Retry later.")
                : Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Provider refused the request",
                    detail: $"{provider} refused or garbled the request ({e.Failure}); nothing was recorded.");
        }

        var row = await store.RecordStartAsync(verificationId, id, provider, level, session, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        KycLog.Started(logger, provider, verificationId, id);
        return Results.Created($"/v1/customers/{id}/kyc", new StartedVerificationResponse(
            row.Id, id, provider, row.Kind, level, row.ProviderRef, row.Status, session.Url, session.Token));
    }

    /// <summary>
    /// The name, birth year and nationality a screening searches for, decrypted from the vault. The read
    /// is audited (purpose <c>sanctions_screening</c>) before any plaintext leaves for the provider.
    /// </summary>
    private static async Task<ScreeningSubject?> ScreeningSubjectAsync(
        CustomerStore customers, string id, ClaimsPrincipal user, HttpContext http, string provider, CancellationToken cancellationToken)
    {
        var customer = await customers.FindAsync(id, cancellationToken);
        if (customer?.Key is null)
        {
            return null;
        }

        var pii = await customers.DecryptAsync(customer, cancellationToken);
        if (string.IsNullOrWhiteSpace(pii.FullName))
        {
            return null;
        }

        await customers.RecordAccessAsync(new AuditEvent(
            user.AuditPrincipal(), "customer.pii.read", AuditOutcome.Success, "customer", id, [PiiField.FullName, PiiField.DateOfBirth, PiiField.Nationality],
            "sanctions_screening", http.TraceIdentifier, $"sent to {provider}"), cancellationToken);
        var birthYear = pii.DateOfBirth is { Length: >= 4 } dob && int.TryParse(dob.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? year
            : (int?)null;
        return new ScreeningSubject(pii.FullName.Trim(), birthYear, pii.Nationality ?? customer.Country);
    }

    private static async Task<IResult> GetAsync(string id, KycStore store, CancellationToken cancellationToken)
    {
        var view = await store.GetAsync(id, cancellationToken);
        if (view is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No customer {id}.");
        }

        return Results.Ok(ToResponse(id, view));
    }

    /// <summary>A customer's KYC and screening status with verifications and history, as the API shows it (the case view too).</summary>
    internal static KycResponse ToResponse(string id, KycView view) => new(
        id,
        view.Status.KycStatus,
        view.Status.KycLevel,
        Utc(view.Status.KycVerifiedAt),
        view.Status.ScreeningStatus,
        [.. view.Verifications.Select(v => new KycVerificationResponse(
            v.Id, v.Provider, v.Kind, v.Level, v.ProviderRef, v.Status, v.RawStatus, v.ReasonCodes, Utc(v.LastEventAt), Utc(v.CreatedAt), Utc(v.UpdatedAt)))],
        [.. view.History.Select(h => new KycHistoryResponse(
            Utc(h.RecordedAt), h.VerificationId, h.Provider, h.Dimension, h.FromStatus, h.ToStatus, h.RawStatus, h.ReasonCodes, h.Source, h.EventId,
            Utc(h.ProviderTime)))]);

    /// <summary>Stored callbacks, newest first; <c>?state=unmatched</c> lists the events about unknown applicants, for investigation.</summary>
    private static async Task<IResult> ListInboxAsync(string? state, int? limit, KycInbox inbox, CancellationToken cancellationToken)
    {
        string[] states = ["received", "applied", "ignored", "unmatched", "failed"];
        if (state is not null && !states.Contains(state))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["One of " + string.Join(", ", states) + "."] });
        }

        var rows = await inbox.ListAsync(state, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken);
        return Results.Ok(rows.Select(r => new KycInboxResponse(
            r.Id, r.Provider, r.EventId, r.EventType, r.ProviderRef, r.Status, r.Screening, r.RawStatus, Utc(r.OccurredAt), Utc(r.ReceivedAt), r.State,
            r.Detail, r.Attempts)).ToList());
    }

    [GeneratedRegex("^[A-Za-z0-9._ -]{1,64}$")]
    private static partial Regex LevelPattern();
}
