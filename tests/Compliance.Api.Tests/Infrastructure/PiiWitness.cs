using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Infrastructure;

/// <summary>
/// Remembers the personal data every test sends to its host (customers' PII fields and their ids, a
/// payee's name and account), so the host's logs can be searched for it when the host goes away: every test host
/// of the run is checked, and one whose logs hold any of it fails its test class.
/// </summary>
public sealed class PiiWitness
{
    // Shorter values (country codes, "M") would match unrelated text; nationality is a country code.
    private const int MinLength = 6;

    private static readonly string[] CustomerFields = ["fullName", "dateOfBirth", "nationalId", "documentNumber", "email", "phone", "address"];

    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>The values seen, with the field each came in.</summary>
    public IReadOnlyDictionary<string, string> Seen => _seen;

    /// <summary>Log lines holding a value seen (the values are the tests' made-up data, so they are shown).</summary>
    public IReadOnlyList<string> FindIn(IEnumerable<string> lines) =>
        [.. from line in lines
            from seen in _seen
            where line.Contains(seen.Key, StringComparison.OrdinalIgnoreCase)
            select $"{seen.Value} '{seen.Key}' in: {line[..Math.Min(line.Length, 300)]}"];

    public void Record(string path, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (path.StartsWith("/v1/customers", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var field in CustomerFields)
            {
                Add(body, field, field);
            }

            // A customer id names a person in the caller's systems: logs carry its pseudonym only.
            if (path.Equals("/v1/customers", StringComparison.OrdinalIgnoreCase))
            {
                Add(body, "id", "customer id");
            }
        }
        else if (path.StartsWith("/v1/checks", StringComparison.OrdinalIgnoreCase) && body.TryGetProperty("counterparty", out var payee))
        {
            Add(payee, "name", "counterparty.name");
            Add(payee, "account", "counterparty.account");
        }
    }

    private void Add(JsonElement body, string property, string field)
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: >= MinLength } text && !string.IsNullOrWhiteSpace(text))
        {
            _seen.TryAdd(text.Trim(), field);
        }
    }

    /// <summary>Reads the JSON body of POST/PATCH/PUT requests before the app does (it reads it again from the start).</summary>
    internal sealed class Filter(PiiWitness witness) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var request = context.Request;
                if (request.Method is "POST" or "PATCH" or "PUT" && request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
                {
                    request.EnableBuffering();
                    try
                    {
                        using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
                        witness.Record(request.Path.Value ?? "", document.RootElement);
                    }
                    catch (JsonException)
                    {
                        // Malformed on purpose: the app answers it.
                    }

                    request.Body.Position = 0;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
