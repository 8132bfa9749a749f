using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Readers;

namespace Compliance.Api.Tests.Kyc.Callbacks.Readers;

public sealed class OnfidoEventReaderTests : KycEventReaderContractTests
{
    // Spec §8 V1: the onfido-node SDK's test body.
    private const string SdkBody = """{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"check-123","status":"complete","completed_at_iso8601":"2020-01-01T00:00:00Z","href":"https://api.onfido.com/v3/checks/check-123"}}}""";

    internal override IKycEventReader Reader { get; } = new OnfidoEventReader();

    protected override string ExpectedProvider => KycProviders.Onfido;

    protected override string Sample => Run("approved", "2024-03-01T10:15:30Z");

    protected override string OtherSample => Run("declined", "2024-03-01T10:20:00Z");

    [Theory]
    [InlineData("awaiting_input", "none")]
    [InlineData("awaiting_client_input", "needs_review")]
    [InlineData("processing", "pending")]
    [InlineData("approved", "approved")]
    [InlineData("declined", "rejected")]
    [InlineData("review", "needs_review")]
    [InlineData("abandoned", "expired")]
    [InlineData("error", "pending")]
    [InlineData("something_new", null)]
    public void Read_WorkflowRunTableRow_GivesNormalizedStatus(string status, string? expected)
    {
        var callback = Read(Run(status, "2024-03-01T10:15:30Z"));

        (callback.Status?.ToCode()).Should().Be(expected);
        callback.RawStatus.Should().Be(status);
        callback.EventType.Should().Be("workflow_run.completed");
        callback.NeedsFetch.Should().BeFalse();
    }

    [Theory]
    [InlineData("check", "check.started", "in_progress", "pending")]
    [InlineData("check", "check.reopened", "in_progress", "pending")]
    [InlineData("report", "report.awaiting_approval", "awaiting_approval", "needs_review")]
    [InlineData("check", "check.withdrawn", "withdrawn", "expired")]
    [InlineData("report", "report.withdrawn", "withdrawn", "expired")]
    [InlineData("report", "report.cancelled", "cancelled", "expired")]
    [InlineData("report", "report.completed", "complete", null)]
    [InlineData("check", "check.form_completed", "awaiting_applicant", null)]
    [InlineData("workflow_task", "workflow_task.completed", "completed", null)]
    public void Read_ClassicTableRow_GivesNormalizedStatus(string resourceType, string action, string status, string? expected)
    {
        var callback = Read(Classic(resourceType, action, status, "2024-03-01T10:15:30Z"));

        (callback.Status?.ToCode()).Should().Be(expected);
        callback.RawStatus.Should().Be(status);
        callback.NeedsFetch.Should().BeFalse();
    }

    [Fact]
    public void Read_CheckCompleted_NeedsFetchWithoutStatus()
    {
        var callback = Read(Classic("check", "check.completed", "complete", "2024-03-01T10:15:30Z"));

        callback.Status.Should().BeNull();
        callback.NeedsFetch.Should().BeTrue();
        callback.ProviderRef.Should().Be("a7c4d9e2-applicant");
        callback.EventId.Should().Be("chk-8f2e|check.completed|2024-03-01T10:15:30Z");
    }

    [Fact]
    public void Read_SdkVectorBody_UsesObjectIdWithoutApplicant()
    {
        var callback = Read(SdkBody);

        callback.EventId.Should().Be("check-123|check.completed|2020-01-01T00:00:00Z");
        callback.ProviderRef.Should().Be("check-123");
        callback.CustomerRef.Should().BeNull();
        callback.OccurredAt.Should().Be(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        callback.NeedsFetch.Should().BeTrue();
    }

    [Fact]
    public void Read_WorkflowRun_UsesRunIdAndCustomerUserId()
    {
        var callback = Read(Sample);

        callback.ProviderRef.Should().Be("wfr-5d1c");
        callback.CustomerRef.Should().Be("cust-42");
        callback.EventId.Should().Be("wfr-5d1c|workflow_run.completed|2024-03-01T10:15:30Z");
        callback.OccurredAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 15, 30, TimeSpan.Zero));
        callback.ReasonCodes.Should().BeEmpty();
    }

    [Fact]
    public void Read_NoCompletedAt_HashesBodyAndUsesResourceTime()
    {
        var body = Classic("check", "check.started", "in_progress", completedAt: null);

        var callback = Read(body);

        callback.EventId.Should().MatchRegex("^[0-9a-f]{64}$");
        callback.EventId.Should().Be(Read(body).EventId);
        callback.EventId.Should().NotBe(Read(body.Replace("in_progress", "paused", StringComparison.Ordinal)).EventId);
        callback.OccurredAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 14, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("""{"resource_type":"check","action":"check.started"}""", "payload")]
    [InlineData("""{"payload":{"resource_type":"check","object":{"id":"c1"}}}""", "payload.action")]
    [InlineData("""{"payload":{"action":"check.started"}}""", "payload.object")]
    [InlineData("""{"payload":{"action":"check.started","object":{"status":"in_progress"}}}""", "payload.object.id")]
    [InlineData("""{"payload":{"action":"check.started","object":{"id":42}}}""", "payload.object.id")]
    [InlineData("""{"payload":{"action":"check.started","object":{"id":"c1","completed_at_iso8601":"Jane"}}}""", "completed_at_iso8601")]
    public void Read_MissingOrWrongField_ThrowsNamingItWithoutValue(string body, string field)
    {
        var exception = ReadFails(body);

        exception.Message.Should().Contain(field);
        exception.Message.Should().NotContain("Jane");
    }

    private static string Run(string status, string completedAt) => $$$$$"""
        {"payload":{"resource_type":"workflow_run","action":"workflow_run.completed",
         "object":{"id":"wfr-5d1c","status":"{{{{{status}}}}}","completed_at_iso8601":"{{{{{completedAt}}}}}","href":"https://api.eu.onfido.com/v3.6/workflow_runs/wfr-5d1c"},
         "resource":{"id":"wfr-5d1c","applicant_id":"a7c4d9e2-applicant","workflow_id":"wf-1","status":"{{{{{status}}}}}","customer_user_id":"cust-42",
           "created_at":"2024-03-01T10:00:00Z","updated_at":"2024-03-01T10:15:30Z","dashboard_url":"https://dashboard.onfido.com/results/wfr-5d1c",
           "output":{"first_name":"Jane","last_name":"Doe","dob":"1990-02-03","document_number":"X1234567"}}}}
        """;

    private static string Classic(string resourceType, string action, string status, string? completedAt)
    {
        var completed = completedAt is null ? "" : $",\"completed_at_iso8601\":\"{completedAt}\"";
        return $$$$$"""
            {"payload":{"resource_type":"{{{{{resourceType}}}}}","action":"{{{{{action}}}}}",
             "object":{"id":"chk-8f2e","status":"{{{{{status}}}}}"{{{{{completed}}}}},"href":"https://api.eu.onfido.com/v3.6/checks/chk-8f2e"},
             "resource":{"id":"chk-8f2e","applicant_id":"a7c4d9e2-applicant","status":"{{{{{status}}}}}",
               "created_at":"2024-03-01T10:00:00Z","updated_at":"2024-03-01T10:14:00Z"}}}
            """;
    }
}
