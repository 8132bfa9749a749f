using System.Globalization;
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

    /// <summary>The last row of the previous page: its creation time (round-trip format) and id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<CustomerListItem> Customers { get; private set; } = [];

    public string? NextLink { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Id = string.IsNullOrWhiteSpace(Id) ? null : Id.Trim();
        (DateTime, string)? after = After?.Split('|', 2) is [var at, var id]
            && DateTime.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? (time, id) : null;
        Customers = await customers.ListAsync(Id, after, cancellationToken);
        NextLink = Customers.Count == ConsoleCustomers.PageSize
            ? "/console/customers?after=" + Uri.EscapeDataString($"{DateTime.SpecifyKind(Customers[^1].CreatedAt, DateTimeKind.Utc):O}|{Customers[^1].Id}")
            : null;
    }
}
