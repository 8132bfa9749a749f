using System.Globalization;
using System.Security.Claims;
using Compliance.Api.Audit;
using Compliance.Api.Auth;
using Compliance.Api.Common;
using Compliance.Api.Kyc;
using Compliance.Api.Screening.Lists;
using Compliance.Api.Screening.Matching;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Screening;

/// <summary>
/// <c>/v1/screening</c>: list imports (role <c>admin</c>), list versions and their diffs, and an
/// ad hoc screening of a name (role <c>screening:read</c>).
/// </summary>
internal static class ScreeningEndpoints
{
    public const string ReadPolicy = "screening:lists:read";

    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapScreening(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/screening").WithTags("Screening");
        group.MapPost("/lists/{list}/versions", ImportAsync).RequireAuthorization(Roles.Admin).WithName("ImportScreeningList").WithSummary("Import an official sanctions list file as the list's next version").Produces<ListVersionResponse>(StatusCodes.Status201Created).Produces<ListVersionResponse>()
            .WithDescription("Imports an official list file (query format=ofac-sdn-csv|uk-sanctions-csv|eu-consolidated-xml|un-consolidated-xml) as the list's next version.");
        group.MapGet("/lists", ListsAsync).RequireAuthorization(ReadPolicy).WithName("ListScreeningLists").WithSummary("The imported lists' newest versions and what the index serves").Produces<ScreeningListsResponse>();
        group.MapGet("/lists/{list}/versions", VersionsAsync).RequireAuthorization(ReadPolicy).WithName("ListScreeningListVersions").WithSummary("A list's versions with their counts and diffs").Produces<List<ListVersionResponse>>();
        group.MapGet("/lists/{list}/versions/{version:int}/changes", ChangesAsync).RequireAuthorization(ReadPolicy).WithName("ListScreeningListChanges").WithSummary("The entries a list version added, removed or changed").Produces<ListChangesResponse>();
        group.MapGet("/rescreens", async (CustomerRescreening rescreening, CancellationToken cancellationToken) =>
                Results.Ok(await rescreening.RecentAsync(20, cancellationToken)))
            .RequireAuthorization(ReadPolicy).WithName("ListScreeningRescreens").WithSummary("Re-screenings of all customers queued by list imports, with progress").Produces<List<RescreenRow>>()
            .WithDescription("The latest re-screenings of all customers that list imports queued, with their progress.");
        group.MapPost("/search", SearchAsync).RequireAuthorization(Roles.ScreeningRead).WithName("SearchScreeningLists").WithSummary("Screen a name against the lists, with each hit explained").Produces<ScreeningSearchResponse>();
        return routes;
    }

    private static async Task<IResult> ImportAsync(
        string list, string? format, string? source, HttpContext http, ClaimsPrincipal user, ListImporter importer, ScreeningLoader loader,
        IOptions<ScreeningOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ListImporter.IsValidListName(list))
        {
            errors["list"] = ["list must be 2 to 40 lower-case letters, digits or '-', e.g. ofac-sdn."];
        }

        if (format is null || !ListFormat.All.Contains(format))
        {
            errors["format"] = [$"format must be one of {string.Join(", ", ListFormat.All)}."];
        }

        if (source is { Length: > 500 })
        {
            errors["source"] = ["source must be at most 500 characters."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The import is invalid; nothing was stored.");
        }

        var limit = options.Value.MaxImportBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var body = await LimitedBody.ReadAsync(http.Request, limit, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: $"List files are limited to {limit} bytes.");
        }

        if (body.Length == 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The request body must be the list file."] },
                title: "The import is invalid; nothing was stored.");
        }

        try
        {
            var result = await importer.ImportAsync(list, format!, source ?? "api upload", body, user.AuditPrincipal(), null, cancellationToken);
            // The importing instance serves the new version before it answers, so a screening that
            // follows the import sees it; the other instances follow on the notification.
            await loader.TryRefreshAsync(cancellationToken);
            var response = ListVersionResponse.From(result.Version);
            return result.Created
                ? Results.Created($"/v1/screening/lists/{list}/versions/{result.Version.Version}", response)
                : Results.Ok(response);
        }
        catch (ListFormatException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The list file was refused; the previous version keeps serving.",
                detail: e.Message, extensions: new Dictionary<string, object?> { ["location"] = e.Location, ["problem"] = e.Problem });
        }
    }

    private static async Task<IResult> ListsAsync(ScreeningListStore store, ScreeningIndexHolder holder, CancellationToken cancellationToken) =>
        Results.Ok(new ScreeningListsResponse([.. (await store.LatestAsync(cancellationToken)).Select(ListVersionResponse.From)], holder.Versions));

    private static async Task<IResult> VersionsAsync(string list, ScreeningListStore store, CancellationToken cancellationToken)
    {
        var versions = await store.VersionsAsync(list, cancellationToken);
        return versions.Count == 0 ? NotFound($"No list {list} has been imported.") : Results.Ok(versions.Select(ListVersionResponse.From));
    }

    private static async Task<IResult> ChangesAsync(
        string list, int version, string? after, int? limit, ScreeningListStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 1000."] });
        }

        if (await store.VersionAsync(list, version, cancellationToken) is null)
        {
            return NotFound($"List {list} has no version {version}.");
        }

        var take = limit ?? 100;
        var page = await store.ChangesAsync(list, version, after ?? "", take + 1, cancellationToken);
        var next = page.Count > take ? page[take - 1].EntryId : null;
        return Results.Ok(new ListChangesResponse(list, version, [.. page.Take(take)], next));
    }

    private static async Task<IResult> SearchAsync(
        ScreeningSearchRequest body, ClaimsPrincipal user, HttpContext http, ScreeningService screening, AuditLog audit, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var subject = Subject(body, errors);
        if (body.Threshold is { } t && (t is < 0.5 or > 1 || double.IsNaN(t)))
        {
            errors["threshold"] = ["threshold must be between 0.5 and 1."];
        }

        if (errors.Count > 0 || subject is null)
        {
            return Results.ValidationProblem(errors, title: "The screening request is invalid.");
        }

        var result = screening.Screen(subject, ScreeningUse.Search, body.Threshold, maxHits: 20);
        // The name searched is PII: the audit record says that a search happened and what it found, not for whom.
        await audit.AppendAsync(dataSource, new AuditEvent(user.AuditPrincipal(), "screening.searched", AuditOutcome.Success, "screening", null,
            RequestId: http.TraceIdentifier, Detail: $"{result.Hits.Count} hit(s) at {result.Threshold:0.00} against {string.Join(", ", result.ListVersions)}"),
            cancellationToken);
        return Results.Ok(new ScreeningSearchResponse(result.Status.ToCode(), result.Threshold, result.ListVersions, result.Hits));
    }

    /// <summary>The subject of a screening request, or null with the errors naming each bad field.</summary>
    internal static ScreeningSubject? Subject(ScreeningSearchRequest body, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > MaxNameLength || NameNormalizer.Tokens(body.Name).Length == 0)
        {
            errors["name"] = [$"name is required: 1 to {MaxNameLength} characters with at least one letter or digit."];
        }

        var kind = body.Kind switch
        {
            null => PartyKind.Unknown,
            "person" => PartyKind.Person,
            "organisation" => PartyKind.Organisation,
            "vessel" => PartyKind.Vessel,
            "aircraft" => PartyKind.Aircraft,
            _ => (PartyKind?)null,
        };
        if (kind is null)
        {
            errors["kind"] = ["kind must be person, organisation, vessel or aircraft."];
        }

        DateOnly? birthDate = null;
        if (body.BirthDate is not null)
        {
            if (DateOnly.TryParseExact(body.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                birthDate = d;
            }
            else
            {
                errors["birthDate"] = ["birthDate must be a date as yyyy-mm-dd."];
            }
        }

        if (body.Countries is { } countries && (countries.Count > 10 || countries.Any(c => c is null || !IsoCodes.Countries.Contains(c))))
        {
            errors["countries"] = ["countries must be at most 10 ISO 3166-1 alpha-2 codes such as FR."];
        }

        if (body.Identifiers is { } ids && (ids.Count > 10 || ids.Any(i => string.IsNullOrWhiteSpace(i) || i.Length > 64)))
        {
            errors["identifiers"] = ["identifiers must be at most 10 document numbers of 1 to 64 characters."];
        }

        return errors.Count > 0 ? null : new ScreeningSubject(body.Name!, kind!.Value, birthDate, body.Countries, body.Identifiers);
    }

    private static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
