namespace Compliance.Api.Audit;

/// <summary>
/// One security-relevant event: who did what to which subject, which fields (names, never values),
/// why, and how it ended.
/// </summary>
/// <param name="Principal">Who: <c>key:&lt;api key id&gt;</c>, <c>provider:&lt;name&gt;</c>, or <c>system</c>.</param>
/// <param name="Action">What, as a stable code such as <c>customer.pii.read</c>.</param>
/// <param name="Outcome"><see cref="AuditOutcome"/>.</param>
internal sealed record AuditEvent(
    string Principal,
    string Action,
    string Outcome,
    string? SubjectType = null,
    string? Subject = null,
    IReadOnlyList<string>? Fields = null,
    string? Purpose = null,
    string? RequestId = null,
    string? Detail = null);
