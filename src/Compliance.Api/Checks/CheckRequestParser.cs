using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Compliance.Api.Common;
using Compliance.Api.Customers;

namespace Compliance.Api.Checks;

/// <summary>
/// Reads a check request field by field so every problem is reported by name, and hashes its
/// whitespace-normalized form: the idempotency key's fingerprint of "the same body".
/// </summary>
internal static partial class CheckRequestParser
{
    public const int MaxBodyBytes = 64 * 1024;

    private const decimal MaxAmount = 1_000_000_000_000m;

    public static readonly IReadOnlySet<string> Directions = new HashSet<string>(StringComparer.Ordinal) { "outbound", "inbound" };

    /// <summary>The request, or the problems by field name.</summary>
    public static (CheckRequest? Request, byte[] Hash, Dictionary<string, string[]> Errors) Parse(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            errors["body"] = [$"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine})."];
            return (null, [], errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors["body"] = ["The body must be a JSON object."];
                return (null, [], errors);
            }

            var request = Read(root, now, errors);
            return (errors.Count == 0 ? request : null, Hash(root), errors);
        }
    }

    private static CheckRequest Read(JsonElement root, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        void Error(string field, string message) => errors.TryAdd(field, [message]);

        var transactionId = String(root, "transactionId", errors, required: true);
        if (transactionId is not null && !CustomerId.IsValid(transactionId))
        {
            Error("transactionId", "transactionId must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'.");
        }

        var customerId = String(root, "customerId", errors, required: true);
        if (customerId is not null && !CustomerId.IsValid(customerId))
        {
            Error("customerId", "customerId must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'.");
        }

        var type = String(root, "type", errors, required: true);
        if (type is not null && !CodePattern().IsMatch(type))
        {
            Error("type", "type must be a lower-case code such as transfer, card_payment, withdrawal or deposit.");
        }

        var direction = String(root, "direction", errors, required: false) ?? "outbound";
        if (!Directions.Contains(direction))
        {
            Error("direction", "direction must be outbound or inbound.");
        }

        decimal amount = 0;
        if (!root.TryGetProperty("amount", out var amountElement) || amountElement.ValueKind == JsonValueKind.Null)
        {
            Error("amount", "amount is required: a number greater than 0.");
        }
        else if (amountElement.ValueKind != JsonValueKind.Number || !amountElement.TryGetDecimal(out amount))
        {
            Error("amount", "amount must be a JSON number, such as 125.50.");
        }
        else if (amount <= 0 || amount > MaxAmount)
        {
            Error("amount", $"amount must be greater than 0 and at most {MaxAmount.ToString(CultureInfo.InvariantCulture)}.");
        }
        else if (decimal.Round(amount, 4) != amount)
        {
            Error("amount", "amount has more than 4 decimal places.");
        }

        var currency = String(root, "currency", errors, required: true);
        if (currency is not null && !IsoCodes.Currencies.Contains(currency))
        {
            Error("currency", "currency must be an ISO 4217 code such as EUR.");
        }

        var channel = String(root, "channel", errors, required: false);
        if (channel is not null && !CodePattern().IsMatch(channel))
        {
            Error("channel", "channel must be a lower-case code such as online, mobile, branch, atm or pos.");
        }

        var counterparty = Counterparty(root, errors);
        DateTimeOffset? occurredAt = null;
        if (root.TryGetProperty("occurredAt", out var at) && at.ValueKind != JsonValueKind.Null)
        {
            // A time without an offset is ambiguous by hours: refuse it rather than guess a zone.
            if (at.ValueKind != JsonValueKind.String || !OffsetSuffix().IsMatch(at.GetString()!)
                || !DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                Error("occurredAt", "occurredAt must be an ISO 8601 time with an offset, such as 2026-11-21T10:15:00Z.");
            }
            else if (parsed < now.AddDays(-30) || parsed > now.AddMinutes(5))
            {
                Error("occurredAt", "occurredAt must be within the last 30 days and not in the future.");
            }
            else
            {
                occurredAt = parsed.ToUniversalTime();
            }
        }

        JsonElement? metadata = null;
        if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind != JsonValueKind.Null)
        {
            if (meta.ValueKind != JsonValueKind.Object)
            {
                Error("metadata", "metadata must be a JSON object.");
            }
            else
            {
                metadata = meta.Clone();
            }
        }

        return new CheckRequest(transactionId ?? "", customerId ?? "", type ?? "", direction, amount, currency ?? "", channel, counterparty, occurredAt, metadata);
    }

    private static CounterpartyInput? Counterparty(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("counterparty", out var cp) || cp.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (cp.ValueKind != JsonValueKind.Object)
        {
            errors.TryAdd("counterparty", ["counterparty must be an object with name, country and account."]);
            return null;
        }

        var name = String(cp, "name", errors, required: false, prefix: "counterparty.");
        var country = String(cp, "country", errors, required: false, prefix: "counterparty.");
        var account = String(cp, "account", errors, required: false, prefix: "counterparty.");
        if (name is { Length: > 200 })
        {
            errors.TryAdd("counterparty.name", ["counterparty.name must be at most 200 characters."]);
        }

        if (country is not null && !IsoCodes.Countries.Contains(country))
        {
            errors.TryAdd("counterparty.country", ["counterparty.country must be an ISO 3166-1 alpha-2 code such as FR."]);
        }

        if (account is { Length: > 64 })
        {
            errors.TryAdd("counterparty.account", ["counterparty.account must be at most 64 characters."]);
        }

        return new CounterpartyInput(name, country, account);
    }

    private static string? String(JsonElement parent, string name, Dictionary<string, string[]> errors, bool required, string prefix = "")
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.TryAdd(prefix + name, [$"{prefix}{name} is required."]);
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } value)
        {
            errors.TryAdd(prefix + name, [$"{prefix}{name} must be a non-empty string."]);
            return null;
        }

        return value;
    }

    private static byte[] Hash(JsonElement root)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            root.WriteTo(writer);
        }

        return SHA256.HashData(buffer.WrittenSpan);
    }

    [GeneratedRegex(@"T.*(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetSuffix();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,31}$")]
    private static partial Regex CodePattern();
}
