using Microsoft.Extensions.Options;

namespace Compliance.Api.Cases;

/// <summary>Where a review goes: the inbox, priority and due time its reason codes call for.</summary>
internal sealed record CaseRoutingResult(string Inbox, int Priority, DateTimeOffset DueAt, string[] ReasonCodes);

internal sealed class CaseRouting(IOptionsMonitor<CaseOptions> options)
{
    public TimeSpan JoinWindow => TimeSpan.FromHours(options.CurrentValue.JoinWindowHours);

    /// <summary>
    /// The route of a review with these reason codes (those of the rules that asked for review), or null
    /// when all of them are configured to open no case. The most urgent matching route wins; the due
    /// time is the shortest SLA among the matches.
    /// </summary>
    public CaseRoutingResult? Route(IReadOnlyCollection<string> reviewReasonCodes, DateTimeOffset at)
    {
        var o = options.CurrentValue;
        var codes = reviewReasonCodes.Where(c => !o.NoCaseFor.Contains(c, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (codes.Length == 0)
        {
            return null;
        }

        CaseRoute? best = null;
        foreach (var code in codes)
        {
            var route = o.Routes.FirstOrDefault(r => code.StartsWith(r.ReasonCodePrefix, StringComparison.Ordinal));
            if (route is not null && (best is null || route.Priority < best.Priority || (route.Priority == best.Priority && route.SlaHours < best.SlaHours)))
            {
                best = route;
            }
        }

        return best is null
            ? new CaseRoutingResult(o.DefaultInbox, o.DefaultPriority, at.AddHours(o.DefaultSlaHours), codes)
            : new CaseRoutingResult(best.Inbox, best.Priority, at.AddHours(best.SlaHours), codes);
    }
}
