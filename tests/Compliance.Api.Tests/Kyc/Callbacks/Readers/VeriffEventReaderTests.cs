using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Readers;

namespace Compliance.Api.Tests.Kyc.Callbacks.Readers;

public sealed class VeriffEventReaderTests : KycEventReaderContractTests
{
    internal override IKycEventReader Reader { get; } = new VeriffEventReader();

    protected override string ExpectedProvider => KycProviders.Veriff;

    protected override string Sample => Decision("declined", "9102", "106");

    protected override string OtherSample => Decision("approved", "9001", "null");

    [Theory]
    [InlineData("approved", "9001", "approved", "approved/9001")]
    [InlineData("declined", "9102", "rejected", "declined/9102")]
    [InlineData("resubmission_requested", "9103", "rejected_retry", "resubmission_requested/9103")]
    [InlineData("expired", "9104", "expired", "expired/9104")]
    [InlineData("abandoned", "9104", "expired", "abandoned/9104")]
    [InlineData("review", "9121", "needs_review", "review/9121")]
    [InlineData("approved", "null", "approved", "approved")]
    [InlineData("review", "null", "needs_review", "review")]
    [InlineData("approved", "\"9001\"", "approved", "approved/9001")]
    [InlineData("approved", "9999", "approved", "approved/9999")]
    [InlineData("mystery", "9999", null, "mystery/9999")]
    public void Read_DecisionTableRow_GivesNormalizedStatus(string status, string code, string? expected, string rawStatus)
    {
        var callback = Read(Decision(status, code, "null"));

        (callback.Status?.ToCode()).Should().Be(expected);
        callback.RawStatus.Should().Be(rawStatus);
        callback.EventType.Should().Be("decision");
    }

    [Fact]
    public void Read_Decision_CarriesIdsReasonCodeAndDecisionTime()
    {
        var callback = Read(Sample);

        callback.EventId.Should().Be("12df6045-3846-3e45-946a-14fa6136d78b|00bca969-b53a-4fad-b065-874d41a7b2b8|declined|2024-03-01T10:15:30.123Z");
        callback.ProviderRef.Should().Be("12df6045-3846-3e45-946a-14fa6136d78b");
        callback.CustomerRef.Should().Be("cust-42");
        callback.ReasonCodes.Should().Equal("106");
        callback.OccurredAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 15, 30, 123, TimeSpan.Zero));
    }

    [Fact]
    public void Read_DecisionWithoutDecisionTime_UsesAcceptanceTime() =>
        Read("""{"status":"success","verification":{"id":"v1","status":"approved","code":9001,"acceptanceTime":"2024-03-01T10:00:00.000Z"}}""")
            .OccurredAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("started", 7001, "started/7001")]
    [InlineData("submitted", 7002, "submitted/7002")]
    public void Read_EventWebhook_IsPending(string action, int code, string rawStatus)
    {
        var callback = Read(Event(action, code));

        callback.Status.Should().Be(KycStatus.Pending);
        callback.RawStatus.Should().Be(rawStatus);
        callback.EventType.Should().Be(action);
        callback.EventId.Should().Be($"f04bdb47-d3be-4b28-b028-a652feb060b5|00bca969-b53a-4fad-b065-874d41a7b2b8|{action}");
        callback.ProviderRef.Should().Be("f04bdb47-d3be-4b28-b028-a652feb060b5");
        callback.CustomerRef.Should().Be("cust-42");
        callback.OccurredAt.Should().BeNull();
        callback.ReasonCodes.Should().BeEmpty();
    }

    [Fact]
    public void Read_StartedThenSubmitted_GiveDifferentIds() =>
        Read(Event("started", 7001)).EventId.Should().NotBe(Read(Event("submitted", 7002)).EventId);

    [Theory]
    [InlineData("""{"status":"success","verification":{"status":"approved"}}""", "verification.id")]
    [InlineData("""{"status":"success","verification":{"id":"v1"}}""", "verification.status")]
    [InlineData("""{"status":"success","verification":"Jane"}""", "verification")]
    [InlineData("""{"status":"success","verification":{"id":"v1","status":"approved","code":{"name":"Jane"}}}""", "verification.code")]
    [InlineData("""{"status":"success","verification":{"id":"v1","status":"approved","decisionTime":"Jane"}}""", "verification.decisionTime")]
    [InlineData("""{"attemptId":"a1","action":"started"}""", "id")]
    [InlineData("""{"id":"v1","attemptId":"a1","code":7001}""", "action")]
    public void Read_MissingOrWrongField_ThrowsNamingItWithoutValue(string body, string field)
    {
        var exception = ReadFails(body);

        exception.Message.Should().Contain(field);
        exception.Message.Should().NotContain("Jane");
    }

    private static string Decision(string status, string code, string reasonCode) => $$$"""
        {"status":"success","verification":{"id":"12df6045-3846-3e45-946a-14fa6136d78b","attemptId":"00bca969-b53a-4fad-b065-874d41a7b2b8",
         "vendorData":"cust-42","endUserId":"c1de400b-1877-4ca5-b7ce-4a8b6bb4f72f","status":"{{{status}}}","code":{{{code}}},
         "reason":"Jane Doe's document was tampered with","reasonCode":{{{reasonCode}}},
         "decisionTime":"2024-03-01T10:15:30.123Z","acceptanceTime":"2024-03-01T10:10:00.000Z",
         "person":{"firstName":"Jane","lastName":"Doe","dateOfBirth":"1990-02-03","idNumber":"X1234567","addresses":[{"fullAddress":"221B Baker Street"}]},
         "document":{"number":"X1234567","type":"PASSPORT","country":"GB"},"riskLabels":[]},
         "technicalData":{"ip":"192.0.2.10"}}
        """;

    private static string Event(string action, int code) => $$$"""
        {"id":"f04bdb47-d3be-4b28-b028-a652feb060b5","attemptId":"00bca969-b53a-4fad-b065-874d41a7b2b8","feature":"selfid",
         "code":{{{code}}},"action":"{{{action}}}","vendorData":"cust-42","endUserId":"c1de400b-1877-4ca5-b7ce-4a8b6bb4f72f"}
        """;
}
