using Microsoft.Extensions.Options;

namespace Compliance.Api.Cases;

/// <summary>Where a review goes: the inbox, priority and due time its reason codes call for.</summary>
internal sealed record CaseRoutingResult(string Inbox, int Priority, DateTimeOffset DueAt, string[] ReasonCodes);

internal sealed class CaseRouting(IOptionsMonitor<CaseOptions> options)
{
    public TimeSpan JoinWindow => TimeSpan.FromHours(options.CurrentValue.JoinWindowHours);

    /// <summary>
    /// The route of a review with these reason codes (those of the rules that asked for review) and the
    /// tags of those rules, or null when all the codes are configured to open no case. A code matches the
    /// first route whose <c>ReasonCodePrefix</c> it starts with, a tag the first route with that <c>Tag</c>;
    /// the most urgent match wins (then the shorter SLA, then the route listed first), and the case falls
    /// due by its SLA.
    /// </summary>
    public CaseRoutingResult? Route(IReadOnlyCollection<string> reviewReasonCodes, IReadOnlyCollection<string> tags, DateTimeOffset at)
    {
        var o = options.CurrentValue;
        var codes = reviewReasonCodes.Where(c => !o.NoCaseFor.Contains(c, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (codes.Length == 0)
        {
            return null;
        }

        var matches = codes.Select(code => o.Routes.FindIndex(r => r.ReasonCodePrefix.Length > 0 && code.StartsWith(r.ReasonCodePrefix, StringComparison.Ordinal)))
            .Concat(tags.Select(tag => o.Routes.FindIndex(r => r.Tag.Length > 0 && string.Equals(r.Tag, tag, StringComparison.OrdinalIgnoreCase))))
            .Where(i => i >= 0)
            .Distinct()
            .ToList();
        if (matches.Count == 0)
        {
            return new CaseRoutingResult(o.DefaultInbox, o.DefaultPriority, at.AddHours(o.DefaultSlaHours), codes);
        }

        var best = matches.Select(i => (Index: i, Route: o.Routes[i])).OrderBy(m => m.Route.Priority).ThenBy(m => m.Route.SlaHours).ThenBy(m => m.Index).First().Route;
        return new CaseRoutingResult(best.Inbox, best.Priority, at.AddHours(best.SlaHours), codes);
    }
}
