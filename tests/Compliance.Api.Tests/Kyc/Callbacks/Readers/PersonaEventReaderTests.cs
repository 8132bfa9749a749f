using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Readers;

namespace Compliance.Api.Tests.Kyc.Callbacks.Readers;

public sealed class PersonaEventReaderTests : KycEventReaderContractTests
{
    internal override IKycEventReader Reader { get; } = new PersonaEventReader();

    protected override string ExpectedProvider => KycProviders.Persona;

    protected override string Sample => Body("evt_AbCdEf1", "inquiry.approved", "approved");

    protected override string OtherSample => Body("evt_AbCdEf2", "inquiry.completed", "completed");

    [Theory]
    [InlineData("inquiry.created", "created", "none")]
    [InlineData("inquiry.started", "pending", "pending")]
    [InlineData("inquiry.completed", "completed", "pending")]
    [InlineData("inquiry.marked-for-review", "needs_review", "needs_review")]
    [InlineData("inquiry.approved", "approved", "approved")]
    [InlineData("inquiry.declined", "declined", "rejected")]
    [InlineData("inquiry.failed", "failed", "rejected_retry")]
    [InlineData("inquiry.expired", "expired", "expired")]
    [InlineData("inquiry.transitioned", "needs_review", "needs_review")]
    [InlineData("inquiry.transitioned", "approved", "approved")]
    [InlineData("inquiry.tags-updated", "approved", null)]
    [InlineData("inquiry.redacted", "approved", null)]
    [InlineData("report/watchlist.matched", "ready", null)]
    public void Read_MappingTableRow_GivesNormalizedStatus(string name, string status, string? expected)
    {
        var callback = Read(Body("evt_1", name, status));

        (callback.Status?.ToCode()).Should().Be(expected);
        callback.RawStatus.Should().Be(status);
        callback.EventType.Should().Be(name);
    }

    [Fact]
    public void Read_Approved_CarriesIdsAndTime()
    {
        var callback = Read(Sample);

        callback.EventId.Should().Be("evt_AbCdEf1");
        callback.ProviderRef.Should().Be("inq_2CVZ4HyVg7qaboXz2ZGQc1Ev");
        callback.CustomerRef.Should().Be("cust-42");
        callback.ReasonCodes.Should().BeEmpty();
        callback.OccurredAt.Should().Be(new DateTimeOffset(2024, 3, 1, 10, 15, 30, 123, TimeSpan.Zero));
    }

    [Fact]
    public void Read_NoStatusAttribute_UsesEventNameAsRawStatus() =>
        Read("""{"data":{"id":"evt_1","attributes":{"name":"inquiry.approved","payload":{"data":{"id":"inq_1"}}}}}""")
            .RawStatus.Should().Be("inquiry.approved");

    [Theory]
    [InlineData("""{"data":{"attributes":{"name":"inquiry.approved","payload":{"data":{"id":"inq_1"}}}}}""", "data.id")]
    [InlineData("""{"data":{"id":"evt_1","attributes":{"payload":{"data":{"id":"inq_1"}}}}}""", "data.attributes.name")]
    [InlineData("""{"data":{"id":"evt_1","attributes":{"name":"inquiry.approved"}}}""", "data.attributes.payload.data.id")]
    [InlineData("""{"data":{"id":"evt_1","attributes":{"name":"inquiry.approved","created-at":"Jane","payload":{"data":{"id":"inq_1"}}}}}""", "created-at")]
    [InlineData("""{"data":{"id":"evt_1","attributes":{"name":"inquiry.approved","payload":{"data":{"id":"inq_1","attributes":{"reference-id":["Jane"]}}}}}}""", "reference-id")]
    public void Read_MissingOrWrongField_ThrowsNamingItWithoutValue(string body, string field)
    {
        var exception = ReadFails(body);

        exception.Message.Should().Contain(field);
        exception.Message.Should().NotContain("Jane");
    }

    private static string Body(string eventId, string name, string status) => $$$$$"""
        {"data":{"type":"event","id":"{{{{{eventId}}}}}","attributes":{"name":"{{{{{name}}}}}","created-at":"2024-03-01T10:15:30.123Z",
         "payload":{"data":{"type":"inquiry","id":"inq_2CVZ4HyVg7qaboXz2ZGQc1Ev","attributes":{"status":"{{{{{status}}}}}","reference-id":"cust-42",
           "name-first":"Jane","name-last":"Doe","birthdate":"1990-02-03","email-address":"jane@example.com",
           "address-street-1":"221B Baker Street","identification-number":"X1234567","fields":{"name-first":{"type":"string","value":"Jane"}}}},
          "included":[{"type":"verification/government-id","id":"ver_1","attributes":{"name-first":"Jane","identification-number":"X1234567"}}]}}}}
        """;
}
