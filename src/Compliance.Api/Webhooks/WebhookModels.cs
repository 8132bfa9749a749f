using static Compliance.Api.Storage.DbTime;

namespace Compliance.Api.Webhooks;

/// <summary>Body of <c>PUT /v1/webhooks/endpoint</c>.</summary>
internal sealed record EndpointRequest(string? Url);

/// <summary>The caller's endpoint; <see cref="Secret"/> only when one was just created (shown once).</summary>
internal sealed record EndpointResponse(string Url, [property: SecretData] string? Secret, DateTimeOffset? PreviousSecretUntil)
{
    public override string ToString() => Classified.Describe(this);
}

internal sealed record DeliveryResponse(
    long Id, Guid EventId, string TransactionId, string EventType, string State, int Attempts, DateTimeOffset NextAttemptAt, int? LastStatus,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

internal sealed record DeliveryPage(IReadOnlyList<DeliveryResponse> Items, long? Next);

/// <summary>An outbox row, as Dapper reads it.</summary>
internal sealed class OutboxRow
{
    public long Id { get; init; }

    public Guid EventId { get; init; }

    public Guid KeyId { get; init; }

    public string TransactionId { get; init; } = "";

    public string EventType { get; init; } = "";

    public string Body { get; init; } = "";

    public string State { get; init; } = "";

    public int Attempts { get; init; }

    public DateTime NextAttemptAt { get; init; }

    public int? LastStatus { get; init; }

    public string? LastError { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? DeliveredAt { get; init; }

    public DeliveryResponse ToResponse() => new(
        Id, EventId, TransactionId, EventType, State, Attempts, Utc(NextAttemptAt), LastStatus, LastError, Utc(CreatedAt), DeliveredAt is { } at ? Utc(at) : null);
}

/// <summary>An endpoint row, as Dapper reads it.</summary>
internal sealed class EndpointRow
{
    public Guid KeyId { get; init; }

    public string Url { get; init; } = "";

    public Guid DataKeyId { get; init; }

    public string KekProvider { get; init; } = "";

    public string KekId { get; init; } = "";

    public string Algorithm { get; init; } = "";

    public byte[] WrappedKey { get; init; } = [];

    public long Encryptions { get; init; }

    public byte[] Secret { get; init; } = [];

    public byte[]? PreviousSecret { get; init; }

    public DateTime? PreviousUntil { get; init; }
}
