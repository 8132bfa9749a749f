using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>Sumsub (spec §2). Requests are signed by <see cref="SumsubSigningHandler"/>, inside the retry loop.</summary>
internal sealed class SumsubClient(HttpClient http, ILogger<SumsubClient> logger) : IKycProviderClient
{
    private const int SdkTokenTtlSeconds = 1800;

    public string Provider => KycProviders.Sumsub;

    public async Task<ProviderSession> StartAsync(StartVerification request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var applicant = request.ExistingApplicantRef is null
            ? await CreateApplicantAsync(request, cancellationToken)
            : null;
        applicant ??= await FindApplicantAsync(request.CustomerId, cancellationToken);

        var id = KycJson.Required(applicant.Value, Provider, "id");
        var status = KycJson.Optional(applicant.Value, "review", "reviewStatus") ?? "init";

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "resources/accessTokens/sdk")
        {
            Content = KycHttp.JsonContent(new { userId = request.CustomerId, levelName = request.Level, ttlInSecs = SdkTokenTtlSeconds }),
        };
        // A second token for the same user is harmless: it only supersedes the first.
        tokenRequest.Options.Set(KycRequestOptions.SafeToRetry, true);
        var token = (await SendAsync(tokenRequest, cancellationToken)).Json();
        return new ProviderSession(id, null, null, KycJson.Required(token, Provider, "token"), status);
    }

    public async Task<ProviderState> FetchAsync(string providerRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerRef);
        using var message = new HttpRequestMessage(HttpMethod.Get, $"resources/applicants/{Uri.EscapeDataString(providerRef)}/status");
        var json = (await SendAsync(message, cancellationToken)).Json();
        return SumsubStatus.ToState(json);
    }

    /// <summary>Null when Sumsub already has an applicant for this externalUserId (409): the caller looks it up.</summary>
    private async Task<JsonElement?> CreateApplicantAsync(StartVerification request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"resources/applicants?levelName={Uri.EscapeDataString(request.Level)}")
        {
            Content = KycHttp.JsonContent(new { externalUserId = request.CustomerId }),
        };
        // externalUserId is unique at Sumsub: a repeat cannot create a second applicant, it gets 409.
        message.Options.Set(KycRequestOptions.SafeToRetry, true);
        var response = await SendAsync(message, cancellationToken);
        return response.StatusCode == 409 ? null : response.Json();
    }

    private async Task<JsonElement> FindApplicantAsync(string customerId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"resources/applicants/-;externalUserId={Uri.EscapeDataString(customerId)}/one");
        return (await SendAsync(message, cancellationToken)).Json();
    }

    private Task<KycResponse> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        KycHttp.SendAsync(http, Provider, message, logger, cancellationToken);
}
