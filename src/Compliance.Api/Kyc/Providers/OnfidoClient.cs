using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Onfido Studio (spec §1). Onfido has no idempotency key, so its creates go out once (the pipeline
/// does not retry a POST without one) and a repeated start looks up the run before creating it.
/// Paths are relative without a leading slash so they land under the base URL's <c>/v3.6</c>.
/// </summary>
internal sealed class OnfidoClient(HttpClient http, IOptions<KycOptions> options, ILogger<OnfidoClient> logger) : IKycProviderClient
{
    public string Provider => KycProviders.Onfido;

    public async Task<ProviderSession> StartAsync(StartVerification request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = KycConfigured.Provider(options.Value, Provider);
        var workflowId = KycConfigured.Require(Provider, settings.TemplateId, "TemplateId");
        var applicantId = request.ExistingApplicantRef ?? await CreateApplicantAsync(cancellationToken);
        var customerUserId = request.VerificationId.ToString("D", CultureInfo.InvariantCulture);

        var run = await FindRunAsync(applicantId, customerUserId, cancellationToken);
        if (run is null)
        {
            try
            {
                run = await CreateRunAsync(applicantId, workflowId, customerUserId, cancellationToken);
            }
            catch (KycProviderException e) when (e.Failure == KycProviderFailure.Unavailable)
            {
                // The create may have reached Onfido before the failure: one look-up, then give up.
                run = await FindRunAsync(applicantId, customerUserId, cancellationToken);
                if (run is null)
                {
                    throw;
                }
            }
        }

        return new ProviderSession(
            KycJson.Required(run.Value, Provider, "id"),
            applicantId,
            KycJson.Optional(run.Value, "link", "url"),
            null,
            KycJson.Optional(run.Value, "status") ?? "awaiting_input");
    }

    public async Task<ProviderState> FetchAsync(string providerRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerRef);
        using var message = Request(HttpMethod.Get, $"workflow_runs/{Uri.EscapeDataString(providerRef)}");
        var json = (await SendAsync(message, cancellationToken)).Json();
        return OnfidoStatus.ToState(json);
    }

    private async Task<string> CreateApplicantAsync(CancellationToken cancellationToken)
    {
        // No personal data is sent here: the customer enters it in the Studio flow.
        using var message = Request(HttpMethod.Post, "applicants");
        message.Content = KycHttp.JsonContent(new { });
        var json = (await SendAsync(message, cancellationToken)).Json();
        return KycJson.Required(json, Provider, "id");
    }

    private async Task<JsonElement?> FindRunAsync(string applicantId, string customerUserId, CancellationToken cancellationToken)
    {
        using var message = Request(HttpMethod.Get, $"workflow_runs?applicant_id={Uri.EscapeDataString(applicantId)}");
        var json = (await SendAsync(message, cancellationToken)).Json();
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new KycProviderException(Provider, KycProviderFailure.BadResponse, "onfido answered the workflow run list with something other than a list");
        }

        foreach (var run in json.EnumerateArray())
        {
            if (KycJson.Optional(run, "customer_user_id") == customerUserId && KycJson.Optional(run, "applicant_id") == applicantId)
            {
                return run;
            }
        }

        return null;
    }

    private async Task<JsonElement> CreateRunAsync(string applicantId, string workflowId, string customerUserId, CancellationToken cancellationToken)
    {
        using var message = Request(HttpMethod.Post, "workflow_runs");
        message.Content = KycHttp.JsonContent(new { applicant_id = applicantId, workflow_id = workflowId, customer_user_id = customerUserId });
        return (await SendAsync(message, cancellationToken)).Json();
    }

    private HttpRequestMessage Request(HttpMethod method, string relativeUri)
    {
        var token = KycConfigured.Require(Provider, options.Value.For(Provider)?.ApiToken, "ApiToken");
        var message = new HttpRequestMessage(method, relativeUri);
        message.Headers.TryAddWithoutValidation("Authorization", $"Token token={token}");
        return message;
    }

    private Task<KycResponse> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        KycHttp.SendAsync(http, Provider, message, logger, cancellationToken);
}
