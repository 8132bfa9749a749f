using System.Diagnostics;

namespace Compliance.Api;

/// <summary>
/// The service's own spans (the <c>Compliance</c> activity source): the parts of a check that are
/// neither HTTP nor SQL, which ASP.NET Core's and Npgsql's instrumentation already trace. Span tags
/// carry ids and codes, never PII.
/// </summary>
internal static class ComplianceTelemetry
{
    public const string SourceName = "Compliance";

    public static readonly ActivitySource Source = new(SourceName);
}
