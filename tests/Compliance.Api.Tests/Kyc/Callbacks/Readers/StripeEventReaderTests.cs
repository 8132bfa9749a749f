using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Readers;

namespace Compliance.Api.Tests.Kyc.Callbacks.Readers;

public sealed class StripeEventReaderTests : KycEventReaderContractTests
{
    internal override IKycEventReader Reader { get; } = new StripeEventReader();

    protected override string ExpectedProvider => KycProviders.Stripe;

    protected override string Sample => Body("evt_1", "requires_input", "requires_input",
        """{"code":"selfie_face_mismatch","reason":"The selfie of Jane Doe did not match the document X1234567"}""");

    protected override string OtherSample => Body("evt_2", "verified", "verified", "null");

    [Theory]
    [InlineData("created", "requires_input", "null", "none", "requires_input")]
    [InlineData("processing", "processing", "null", "pending", "processing")]
    [InlineData("verified", "verified", "null", "approved", "verified")]
    [InlineData("requires_input", "requires_input", "null", "none", "requires_input")]
    [InlineData("requires_input", "requires_input", """{"code":"document_expired"}""", "rejected_retry", "requires_input/document_expired")]
    [InlineData("requires_input", "requires_input", """{"code":"selfie_face_mismatch"}""", "rejected_retry", "requires_input/selfie_face_mismatch")]
    [InlineData("requires_input", "requires_input", """{"code":"id_number_mismatch"}""", "rejected_retry", "requires_input/id_number_mismatch")]
    [InlineData("requires_input", "requires_input", """{"code":"device_not_supported"}""", "rejected_retry", "requires_input/device_not_supported")]
    [InlineData("requires_input", "requires_input", """{"code":"consent_declined"}""", "rejected", "requires_input/consent_declined")]
    [InlineData("requires_input", "requires_input", """{"code":"under_supported_age"}""", "rejected", "requires_input/under_supported_age")]
    [InlineData("requires_input", "requires_input", """{"code":"country_not_supported"}""", "rejected", "requires_input/country_not_supported")]
    [InlineData("requires_input", "requires_input", """{"code":"abandoned"}""", "expired", "requires_input/abandoned")]
    [InlineData("requires_input", "requires_input", """{"reason":"unspecified"}""", "rejected_retry", "requires_input")]
    [InlineData("canceled", "canceled", "null", "expired", "canceled")]
    [InlineData("redacted", "verified", "null", null, "verified")]
    public void Read_MappingTableRow_GivesNormalizedStatus(string suffix, string status, string lastError, string? expected, string rawStatus)
    {
        var callback = Read(Body("evt_1", suffix, status, lastError));

        (callback.Status?.ToCode()).Should().Be(expected);
        callback.RawStatus.Should().Be(rawStatus);
        callback.EventType.Should().Be("identity.verification_session." + suffix);
    }

    [Fact]
    public void Read_RequiresInput_CarriesIdsCodeAndTime()
    {
        var callback = Read(Sample);

        callback.EventId.Should().Be("evt_1");
        callback.ProviderRef.Should().Be("vs_1NuN4zLkdIwHu7ix4j3VOxUj");
        callback.CustomerRef.Should().Be("cust-42");
        callback.ReasonCodes.Should().Equal("selfie_face_mismatch");
        callback.OccurredAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_709_288_130));
    }

    [Fact]
    public void Read_OtherEventType_IsRecordedWithoutStatus()
    {
        var callback = Read("""{"id":"evt_3","type":"customer.created","created":1533204620,"data":{"object":{"id":"cus_123"}}}""");

        callback.Status.Should().BeNull();
        callback.ProviderRef.Should().Be("cus_123");
        callback.CustomerRef.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"type":"identity.verification_session.verified","data":{"object":{"id":"vs_1"}}}""", "id")]
    [InlineData("""{"id":"evt_1","data":{"object":{"id":"vs_1"}}}""", "type")]
    [InlineData("""{"id":"evt_1","type":"identity.verification_session.verified"}""", "data.object")]
    [InlineData("""{"id":"evt_1","type":"identity.verification_session.verified","data":{"object":"Jane"}}""", "data.object")]
    [InlineData("""{"id":"evt_1","type":"identity.verification_session.verified","data":{"object":{"status":"verified"}}}""", "data.object.id")]
    [InlineData("""{"id":"evt_1","type":"identity.verification_session.verified","created":"Jane","data":{"object":{"id":"vs_1"}}}""", "created")]
    [InlineData("""{"id":"evt_1","type":"identity.verification_session.verified","created":1.5,"data":{"object":{"id":"vs_1"}}}""", "created")]
    public void Read_MissingOrWrongField_ThrowsNamingItWithoutValue(string body, string field)
    {
        var exception = ReadFails(body);

        exception.Message.Should().Contain(field);
        exception.Message.Should().NotContain("Jane");
    }

    private static string Body(string eventId, string suffix, string status, string lastError) => $$$$$"""
        {"id":"{{{{{eventId}}}}}","object":"event","api_version":"2024-06-20","created":1709288130,"livemode":false,
         "type":"identity.verification_session.{{{{{suffix}}}}}",
         "data":{"object":{"id":"vs_1NuN4zLkdIwHu7ix4j3VOxUj","object":"identity.verification_session","client_reference_id":"cust-42",
           "status":"{{{{{status}}}}}","type":"document","last_error":{{{{{lastError}}}}},"metadata":{"note":"Jane Doe"},
           "verified_outputs":{"first_name":"Jane","last_name":"Doe","dob":{"day":3,"month":2,"year":1990},"id_number":"X1234567"}}}}
        """;
}
