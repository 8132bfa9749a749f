using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages.Customers;

/// <summary>Customers newest first, or the one with an id: no PII on this page.</summary>
[Authorize(Policy = "console:" + Auth.Roles.CasesRead)]
internal sealed class CustomersModel(ConsoleCustomers customers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public IReadOnlyList<CustomerListItem> Customers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Id = string.IsNullOrWhiteSpace(Id) ? null : Id.Trim();
        Customers = await customers.ListAsync(Id, cancellationToken);
    }
}
