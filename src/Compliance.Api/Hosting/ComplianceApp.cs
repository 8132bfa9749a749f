using Compliance.Api.Audit;
using Compliance.Api.Auth;
using Compliance.Api.Cases;
using Compliance.Api.Checks;
using Compliance.Api.Companies;
using Compliance.Api.Customers;
using Compliance.Api.Disputes;
using Compliance.Api.Health;
using Compliance.Api.Kyc;
using Compliance.Api.OfficerConsole;
using Compliance.Api.RuleSets;
using Compliance.Api.Screening;
using Compliance.Api.Screening.Decisions;
using Compliance.Api.Storage;
using Compliance.Api.Webhooks;

namespace Compliance.Api.Hosting;

/// <summary>The web host: which features exist and in what order a request meets them.</summary>
internal static class ComplianceApp
{
    public static WebApplication Build(string[] args)
    {
        // Settings ship next to the binary; relative data paths (.data/) stay relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId);
        builder.Logging.AddComplianceRedaction();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(
            builder.Configuration.GetValue("ShutdownTimeoutSeconds", 30)));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ComplianceMetrics>();
        builder.Services.AddComplianceTelemetry(builder.Configuration);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddApiDocumentation();

        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddAudit();
        builder.Services.AddChainCheckpoints(builder.Configuration);
        builder.Services.AddApiKeyAuth(builder.Configuration);
        builder.Services.AddCustomers(builder.Configuration);
        builder.Services.AddChecks(builder.Configuration);
        builder.Services.AddCases(builder.Configuration);
        builder.Services.AddDisputes(builder.Configuration);
        builder.Services.AddWebhooks(builder.Configuration);
        builder.Services.AddRuleSetEditing();
        builder.Services.AddKyc(builder.Configuration);
        builder.Services.AddScreening(builder.Configuration);
        builder.Services.AddCompanies();
        builder.Services.AddConsole(builder.Configuration);

        var app = builder.Build();
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseConsoleHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapApiReference();
        app.MapHealth();
        app.MapComplianceMetrics();
        app.MapApiKeys();
        app.MapAudit();
        app.MapCustomers();
        app.MapChecks();
        app.MapCases();
        app.MapDisputes();
        app.MapWebhooks();
        app.MapRuleSets();
        app.MapKyc();
        app.MapScreening();
        app.MapScreeningDecisions();
        app.MapCompanies();
        app.MapConsole();
        return app;
    }
}
