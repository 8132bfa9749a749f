using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Readers;

namespace Compliance.Api.Tests.Kyc.Callbacks.Readers;

public sealed class SumsubEventReaderTests : KycEventReaderContractTests
{
    internal override IKycEventReader Reader { get; } = new SumsubEventReader();

    protected override string ExpectedProvider => KycProviders.Sumsub;

    protected override string Sample => Body("applicantReviewed", "completed",
        """{"reviewAnswer":"RED","rejectLabels":["DOCUMENT_DAMAGED","SELFIE_MISMATCH"],"reviewRejectType":"RETRY","moderationComment":"Dear Jane Doe, born 1990-02-03","clientComment":"passport X1234567"}""");

    protected override string OtherSample => Body("applicantReviewed", "completed", """{"reviewAnswer":"GREEN"}""", createdAtMs: "2024-03-02 08:00:00.000");

    [Theory]
    [InlineData("applicantCreated", "init", null, "none", "init")]
    [InlineData("applicantReset", "init", null, "none", "init")]
    [InlineData("applicantPending", "pending", null, "pending", "pending")]
    [InlineData("applicantPrechecked", "prechecked", null, "pending", "prechecked")]
    [InlineData("applicantAwaitingService", "awaitingService", null, "pending", "awaitingService")]
    [InlineData("applicantAwaitingUser", "awaitingUser", null, "pending", "awaitingUser")]
    [InlineData("applicantOnHold", "onHold", null, "needs_review", "onHold")]
    [InlineData("applicantReviewed", "completed", """{"reviewAnswer":"GREEN"}""", "approved", "completed/GREEN")]
    [InlineData("applicantReviewed", "completed", """{"reviewAnswer":"RED","reviewRejectType":"RETRY"}""", "rejected_retry", "completed/RED/RETRY")]
    [InlineData("applicantReviewed", "completed", """{"reviewAnswer":"RED","reviewRejectType":"FINAL"}""", "rejected", "completed/RED/FINAL")]
    [InlineData("applicantReviewed", "completed", """{"reviewAnswer":"RED"}""", "rejected", "completed/RED")]
    [InlineData("applicantDeactivated", "completed", null, "expired", "completed")]
    [InlineData("applicantDeleted", null, null, "expired", "applicantDeleted")]
    [InlineData("applicantPersonalInfoChanged", "completed", null, null, "completed")]
    [InlineData("applicantTagsChanged", "completed", null, null, "completed")]
    [InlineData("applicantLevelChanged", "pending", null, null, "pending")]
    [InlineData("somethingNew", null, null, null, "somethingNew")]
    public void Read_MappingTableRow_GivesNormalizedStatus(string type, string? reviewStatus, string? reviewResult, string? expected, string rawStatus)
    {
        var callback = Read(Body(type, reviewStatus, reviewResult));

        (callback.Status?.ToCode()).Should().Be(expected);
        callback.RawStatus.Should().Be(rawStatus);
        callback.EventType.Should().Be(type);
        callback.Screening.Should().BeNull();
        callback.NeedsFetch.Should().BeFalse();
    }

    [Fact]
    public void Read_ReviewedRedRetry_CarriesIdsLabelsAndTime()
    {
        var callback = Read(Sample);

        callback.EventId.Should().Be("5cb56e8e0a975a35f333cb83|applicantReviewed|2024-03-01 10:15:30.123|req-a1b2c3");
        callback.ProviderRef.Should().Be("5cb56e8e0a975a35f333cb83");
        callback.CustomerRef.Should().Be("cust-42");
        callback.Status.Should().Be(KycStatus.RejectedRetry);
        callback.ReasonCodes.Should().Equal("DOCUMENT_DAMAGED", "SELFIE_MISMATCH");
        callback.OccurredAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 15, 30, 123, TimeSpan.Zero));
    }

    [Fact]
    public void Read_NoCreatedAtMs_UsesCreatedAtForIdAndTime()
    {
        var callback = Read("""{"applicantId":"a1","type":"applicantPending","createdAt":"2024-03-01 10:15:30+0000"}""");

        callback.EventId.Should().Be("a1|applicantPending|2024-03-01 10:15:30+0000|");
        callback.OccurredAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 15, 30, TimeSpan.Zero));
        callback.CustomerRef.Should().BeNull();
    }

    [Fact]
    public void Read_NumericCreatedAtMs_IsUnixMilliseconds()
    {
        var callback = Read("""{"applicantId":"a1","type":"applicantPending","createdAtMs":1709288130123}""");

        callback.EventId.Should().Be("a1|applicantPending|1709288130123|");
        callback.OccurredAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 15, 30, 123, TimeSpan.Zero));
    }

    [Fact]
    public void Read_SameApplicantDifferentCorrelation_GivesDifferentIds() =>
        Read(Body("applicantPending", "pending", null, correlationId: "req-1")).EventId
            .Should().NotBe(Read(Body("applicantPending", "pending", null, correlationId: "req-2")).EventId);

    [Theory]
    [InlineData("""{"type":"applicantPending","createdAt":"2024-03-01 10:15:30+0000"}""", "applicantId")]
    [InlineData("""{"applicantId":"a1","createdAt":"2024-03-01 10:15:30+0000"}""", "type")]
    [InlineData("""{"applicantId":"a1","type":"applicantPending"}""", "createdAt")]
    [InlineData("""{"applicantId":{"name":"Jane"},"type":"applicantPending","createdAt":"2024-03-01 10:15:30+0000"}""", "applicantId")]
    [InlineData("""{"applicantId":"a1","type":"applicantReviewed","createdAt":"2024-03-01 10:15:30+0000"}""", "reviewResult.reviewAnswer")]
    [InlineData("""{"applicantId":"a1","type":"applicantReviewed","createdAt":"2024-03-01 10:15:30+0000","reviewResult":{"reviewAnswer":"YELLOW"}}""", "reviewResult.reviewAnswer")]
    [InlineData("""{"applicantId":"a1","type":"applicantPending","createdAt":"Jane Doe"}""", "createdAt")]
    [InlineData("""{"applicantId":"a1","type":"applicantReviewed","createdAt":"2024-03-01 10:15:30+0000","reviewResult":{"reviewAnswer":"RED","rejectLabels":"Jane"}}""", "rejectLabels")]
    public void Read_MissingOrWrongField_ThrowsNamingItWithoutValue(string body, string field)
    {
        var exception = ReadFails(body);

        exception.Message.Should().Contain(field);
        exception.Message.Should().NotContain("Jane");
    }

    private static string Body(string type, string? reviewStatus, string? reviewResult, string createdAtMs = "2024-03-01 10:15:30.123", string correlationId = "req-a1b2c3")
    {
        var status = reviewStatus is null ? "" : $"\"reviewStatus\":\"{reviewStatus}\",";
        var result = reviewResult is null ? "" : $",\"reviewResult\":{reviewResult}";
        return $$"""
            {"applicantId":"5cb56e8e0a975a35f333cb83","inspectionId":"5cb56e8e0a975a35f333cb84","correlationId":"{{correlationId}}",
             "externalUserId":"cust-42","levelName":"basic-kyc-level","type":"{{type}}","sandboxMode":false,{{status}}
             "createdAt":"2024-03-01 10:15:30+0000","createdAtMs":"{{createdAtMs}}","clientId":"acme"{{result}}}
            """;
    }
}
