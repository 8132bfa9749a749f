using Compliance.Api.Audit;
using Compliance.Api.Auth;
using Compliance.Api.Customers;
using Compliance.Api.Kyc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages.Customers;

/// <summary>
/// A customer: statuses, KYC and screening, decisions and cases, with personal data masked. An officer
/// with <c>pii:read</c> reveals one field at a time for a stated purpose; every read, masked or
/// revealed, and every refusal is in the audit log before anything is shown.
/// </summary>
[Authorize(Policy = "console:" + Roles.CasesRead)]
internal sealed class CustomerModel(CustomerStore store, KycStore kyc, ConsoleCustomers history) : PageModel
{
    private static readonly (string Field, string Label)[] Labels =
    [
        (PiiField.FullName, "Full name"), (PiiField.DateOfBirth, "Date of birth"), (PiiField.NationalId, "National id"), (PiiField.DocumentNumber, "Document number"),
        (PiiField.Email, "Email"), (PiiField.Phone, "Phone"), (PiiField.Address, "Address"), (PiiField.Nationality, "Nationality"),
    ];

    public CustomerRecord Customer { get; private set; } = null!;

    public IReadOnlyList<(string Field, string Label, string? Masked)> Fields { get; private set; } = [];

    public (string Field, string Value, string Purpose)? Revealed { get; private set; }

    public KycResponse? Kyc { get; private set; }

    public IReadOnlyList<CustomerDecisionItem> Decisions { get; private set; } = [];

    public IReadOnlyList<CustomerCaseItem> Cases { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) => ShowAsync(id, null, null, cancellationToken);

    public async Task<IActionResult> OnPostRevealAsync(string id, string? field, string? purpose, CancellationToken cancellationToken)
    {
        var refusal = !User.IsInRole(Roles.PiiRead) ? "your role does not read personal data"
            : purpose is null || !AccessPolicy.Purposes.Contains(purpose) ? "choose a purpose"
            : field is null || !PiiField.All.Contains(field) ? "choose a field"
            : null;
        if (refusal is not null)
        {
            await store.RecordAccessAsync(Access(id, AuditOutcome.Denied, [], purpose is not null && AccessPolicy.Purposes.Contains(purpose) ? purpose : null, "refused"),
                cancellationToken);
            Failed = true;
            Message = $"Not revealed: {refusal}.";
            Response.StatusCode = User.IsInRole(Roles.PiiRead) ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden;
            return await ShowAsync(id, null, null, cancellationToken);
        }

        return await ShowAsync(id, field, purpose, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string id, string? reveal, string? purpose, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } customer)
        {
            return NotFound();
        }

        Customer = customer;
        if (customer.Key is not null)
        {
            var pii = await store.DecryptAsync(customer, cancellationToken);
            var masked = PiiMasking.Mask(pii);
            var plain = Values(pii);
            Fields = [.. Labels.Select(l => (l.Field, l.Label, Values(masked)[l.Field]))];

            // The read is recorded before any of it is shown: no audit row, no data.
            if (reveal is not null && plain[reveal] is { } value)
            {
                await store.RecordAccessAsync(Access(id, AuditOutcome.Success, [reveal], purpose, "console reveal"), cancellationToken);
                Revealed = (reveal, value, purpose!);
            }
            else
            {
                await store.RecordAccessAsync(Access(id, AuditOutcome.Success, [.. customer.Envelopes.Keys], null, "masked") with { Action = "customer.read" }, cancellationToken);
            }
        }

        Kyc = await kyc.GetAsync(id, cancellationToken) is { } view ? KycEndpoints.ToResponse(id, view) : null;
        (Decisions, Cases) = await history.HistoryAsync(id, cancellationToken);
        return Page();
    }

    private AuditEvent Access(string id, string outcome, string[] fields, string? purpose, string? detail) =>
        new(User.OfficerPrincipal(), "customer.pii.read", outcome, "customer", id, fields, purpose, HttpContext.TraceIdentifier, detail);

    private static Dictionary<string, string?> Values(CustomerPii pii) => new(StringComparer.Ordinal)
    {
        [PiiField.FullName] = pii.FullName, [PiiField.DateOfBirth] = pii.DateOfBirth, [PiiField.NationalId] = pii.NationalId,
        [PiiField.DocumentNumber] = pii.DocumentNumber, [PiiField.Email] = pii.Email, [PiiField.Phone] = pii.Phone, [PiiField.Address] = pii.Address,
        [PiiField.Nationality] = pii.Nationality,
    };
}
