using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Compliance.Api.Kyc.Providers;

/// <summary>Sends a provider request and turns what outlasted the pipeline into <see cref="KycProviderException"/>.</summary>
internal static class KycHttp
{
    public static async Task<KycResponse> SendAsync(HttpClient http, string provider, HttpRequestMessage request, ILogger logger, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null)
        {
            throw new KycProviderException(provider, KycProviderFailure.Refused, $"{provider} is not configured (Kyc:Providers:{provider}:BaseUrl)");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw Unavailable(provider, logger, "circuit open", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw Unavailable(provider, logger, "timed out", e);
        }
        catch (HttpRequestException e)
        {
            throw Unavailable(provider, logger, "connection failed", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(provider, logger, "cancelled", e);
        }

        using (response)
        {
            if (KycTransientFailure.IsTransient(response.StatusCode))
            {
                throw Unavailable(provider, logger, $"HTTP {(int)response.StatusCode}", null);
            }

            // A 4xx is not logged here: some are expected (Sumsub's 409 for an existing applicant), and
            // the caller's refusal surfaces as an exception that is.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new KycResponse(provider, (int)response.StatusCode, body);
        }
    }

    // Absent optional fields are left out rather than sent as null, which some providers refuse.
    private static readonly JsonSerializerOptions WithoutNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>A resendable JSON body: the pipeline may send the same bytes again.</summary>
    public static ByteArrayContent JsonContent<T>(T value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, WithoutNulls));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A resendable form body (Stripe).</summary>
    public static ByteArrayContent FormContent(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var encoded = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(encoded));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    private static KycProviderException Unavailable(string provider, ILogger logger, string reason, Exception? inner)
    {
        KycClientLog.CallFailed(logger, provider, KycProviderFailure.Unavailable, reason);
        return new KycProviderException(provider, KycProviderFailure.Unavailable, $"{provider} is unavailable: {reason}", inner);
    }
}
