using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Readers;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Kyc.Callbacks.Readers;

public sealed class ComplyAdvantageEventReaderTests : KycEventReaderContractTests
{
    internal override IKycEventReader Reader { get; } = new ComplyAdvantageEventReader();

    protected override string ExpectedProvider => KycProviders.ComplyAdvantage;

    protected override string Sample => Body("CASE_CREATED", "\"INITIAL\"", "null");

    protected override string OtherSample => Body("CASE_TRANSITIONED", "\"DECISION\"", "\"NEGATIVE\"");

    protected override HeaderDictionary SampleHeaders => Headers("msg_2bKq1", "1709288130");

    protected override HeaderDictionary OtherSampleHeaders => Headers("msg_2bKq2", "1709288200");

    [Theory]
    [InlineData("CASE_CREATED", "INITIAL", "null", "potential_match", "CASE_CREATED/INITIAL")]
    [InlineData("CASE_CREATED", "null", "null", "potential_match", "CASE_CREATED")]
    [InlineData("CASE_TRANSITIONED", "INITIAL", "null", "potential_match", "CASE_TRANSITIONED/INITIAL")]
    [InlineData("CASE_TRANSITIONED", "DECISION", "NEGATIVE", "clear", "CASE_TRANSITIONED/DECISION/NEGATIVE")]
    [InlineData("CASE_TRANSITIONED", "DECISION", "POSITIVE", "confirmed_match", "CASE_TRANSITIONED/DECISION/POSITIVE")]
    [InlineData("CASE_STATE_UPDATED", "DECISION", "POSITIVE", "confirmed_match", "CASE_STATE_UPDATED/DECISION/POSITIVE")]
    [InlineData("CASE_TRANSITIONED", "IN_REVIEW", "null", null, "CASE_TRANSITIONED/IN_REVIEW")]
    [InlineData("CASE_ALERT_LIST_UPDATED", "INITIAL", "null", null, "CASE_ALERT_LIST_UPDATED/INITIAL")]
    [InlineData("WORKFLOW_COMPLETED", "null", "null", null, "WORKFLOW_COMPLETED")]
    [InlineData("CUSTOMER_RISK_LEVEL_INCREASED", "null", "null", null, "CUSTOMER_RISK_LEVEL_INCREASED")]
    public void Read_StageRow_GivesScreeningStatus(string type, string stage, string decision, string? expected, string rawStatus)
    {
        var callback = Read(Body(type, Quote(stage), Quote(decision)));

        (callback.Screening?.ToCode()).Should().Be(expected);
        callback.Status.Should().BeNull();
        callback.RawStatus.Should().Be(rawStatus);
        callback.EventType.Should().Be(type);
    }

    [Fact]
    public void Read_CaseCreated_CarriesHeaderIdAndCustomer()
    {
        var callback = Read(Sample);

        callback.EventId.Should().Be("msg_2bKq1");
        callback.ProviderRef.Should().Be("cust-ca-7f1");
        callback.CustomerRef.Should().Be("cust-42");
        callback.ReasonCodes.Should().BeEmpty();
        callback.OccurredAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_709_288_130));
    }

    [Fact]
    public void Read_BodyTimestamp_WinsOverHeader() =>
        Read("""{"webhook_type":"CASE_CREATED","case_identifier":"case-1","timestamp":"2024-03-01T09:00:00Z"}""")
            .OccurredAt.Should().Be(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Read_NoCustomer_UsesCaseIdentifier()
    {
        var callback = Read("""{"webhook_type":"CASE_CREATED","case_identifier":"case-1"}""");

        callback.ProviderRef.Should().Be("case-1");
        callback.CustomerRef.Should().BeNull();
    }

    [Fact]
    public void Read_NoWebhookIdHeader_ThrowsNamingIt() =>
        ReadFails(Sample, new HeaderDictionary()).Message.Should().Contain("webhook-id");

    [Fact]
    public void Read_NoTimeAnywhere_HasNoOccurredAt() =>
        Read("""{"webhook_type":"CASE_CREATED","case_identifier":"case-1"}""", new HeaderDictionary { ["webhook-id"] = "msg_1" })
            .OccurredAt.Should().BeNull();

    [Theory]
    [InlineData("""{"case_identifier":"case-1"}""", "webhook_type")]
    [InlineData("""{"webhook_type":"CASE_CREATED"}""", "case_identifier")]
    [InlineData("""{"webhook_type":"CASE_CREATED","customer":{"identifier":["Jane"]}}""", "customer.identifier")]
    [InlineData("""{"webhook_type":"CASE_CREATED","case_identifier":"case-1","case_stage":{"decision_type":7}}""", "case_stage.decision_type")]
    public void Read_MissingOrWrongField_ThrowsNamingItWithoutValue(string body, string field)
    {
        var exception = ReadFails(body);

        exception.Message.Should().Contain(field);
        exception.Message.Should().NotContain("Jane");
    }

    private static string Quote(string value) => value == "null" ? value : $"\"{value}\"";

    private static HeaderDictionary Headers(string id, string timestamp) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp,
        ["webhook-signature"] = "v1,JKGnVAkX6eodLNUsPcGaM1aMRetxRaBAC5qqMmti78s=",
    };

    private static string Body(string type, string stage, string decision) => $$$"""
        {"api_version":"v2","webhook_type":"{{{type}}}","case_identifier":"case-9a3","case_type":"CUSTOMER_SCREENING",
         "customer":{"identifier":"cust-ca-7f1","external_identifier":"cust-42","version":3,
           "person":{"first_name":"Jane","last_name":"Doe","date_of_birth":"1990-02-03","address":"221B Baker Street"}},
         "case_stage":{"display_name":"Initial review","stage_type":{{{stage}}},"decision_type":{{{decision}}}},
         "alerts":[{"profile":{"name":"Jane Doe","aka":["J. Doe"]}}]}
        """;
}
