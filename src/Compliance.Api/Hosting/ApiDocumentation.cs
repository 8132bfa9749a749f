using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Compliance.Api.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: each endpoint's summary sits with the endpoint;
/// here every operation gets what they share (the bearer API key where it is required, and the
/// problem details for 400, 401, 403, 404 and 500). The interactive reference (Scalar) is served at
/// <c>/scalar/v1</c> in development and wherever <c>OpenApi:Reference</c> is true.
/// </summary>
internal static class ApiDocumentation
{
    private const string Scheme = "ApiKey";
    private const string ProblemJson = "application/problem+json";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Compliance API";
                document.Info.Description = "Pre-transaction checks, rule sets, cases, KYC, screening and the PII vault. "
                    + "Every request except health and the providers' callbacks takes Authorization: Bearer <api key>; errors are RFC 9457 problem details.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key created by an administrator (POST /v1/admin/api-keys); the roles it holds decide what it may call.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
                operation.Responses ??= new OpenApiResponses();
                var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
                if (!anonymous)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
                    Add(operation, "401", "No API key, or an unknown, revoked or malformed one.", problem);
                    Add(operation, "403", "The API key does not hold a role this endpoint needs.", problem);
                }

                if (context.Description.ParameterDescriptions.Count > 0)
                {
                    Add(operation, "400", "The request is invalid: problem details with the errors by field; nothing was changed.", problem);
                }

                Add(operation, "500", "An unexpected error; the problem details carry the request id to quote.", problem);
            });
        });

    /// <summary>The reference UI, in development or when <c>OpenApi:Reference</c> is true.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue("OpenApi:Reference", false))
        {
            app.MapScalarApiReference().AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    private static void Add(OpenApiOperation operation, string status, string description, IOpenApiSchema schema)
    {
        if (operation.Responses!.TryGetValue(status, out var existing))
        {
            if (existing is OpenApiResponse response && (response.Content is null || response.Content.Count == 0))
            {
                response.Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } };
            }

            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
        };
    }
}
