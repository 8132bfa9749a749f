using System.Security.Cryptography;

namespace Compliance.Crypto.Tests.BlindIndex;

public sealed class BlindIndexerTests
{
    private static readonly BlindIndexField NationalId = new("kyc_subject.national_id", BlindIndexNormalization.Identifier);
    private static readonly BlindIndexField DocumentNumber = new("kyc_document.number", BlindIndexNormalization.Identifier);
    private static readonly BlindIndexField Email = new("kyc_subject.email", BlindIndexNormalization.Email);
    private static readonly BlindIndexField Name = new("kyc_subject.full_name", BlindIndexNormalization.Text);

    private static BlindIndexer VectorIndexer() => new(Enumerable.Repeat((byte)0x42, 32).ToArray());

    [Theory]
    [InlineData("kyc_subject.national_id", BlindIndexNormalization.Identifier, "ab-123 456.c", "83f4858fa45a6b4841cdf8db3c6a433c")]
    [InlineData("kyc_subject.email", BlindIndexNormalization.Email, "  Jane.Doe@Example.COM ", "8b9affec2990e78081f9fb418fff2a2c")]
    public void ComputeHex_PublishedVector_MatchesIndependentImplementation(string field, BlindIndexNormalization normalization, string value, string expected)
    {
        using var indexer = VectorIndexer();

        indexer.ComputeHex(new BlindIndexField(field, normalization), value).Should().Be(expected);
    }

    [Fact]
    public void FieldKey_PublishedVector_IsHkdfOfRoot()
    {
        using var indexer = VectorIndexer();

        Convert.ToHexStringLower(indexer.FieldKeyForTest("kyc_subject.national_id"))
            .Should().Be("e2385dc32e44c70f0d68574e6917b7f7d4de6a2b2ea69e6662bf6c0c4e005ad8");
    }

    [Theory]
    [InlineData("AB123456C")]
    [InlineData("ab123456c")]
    [InlineData("AB-123-456-C")]
    [InlineData(" AB 123 456 C ")]
    [InlineData("AB.123.456/C")]
    [InlineData("ＡＢ１２３４５６Ｃ")]
    [InlineData("AB\t123\u00A0456\nC")]
    public void Compute_IdentifierSpellings_GiveTheSameIndex(string spelling)
    {
        using var indexer = VectorIndexer();

        indexer.ComputeHex(NationalId, spelling).Should().Be(indexer.ComputeHex(NationalId, "AB123456C"));
    }

    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("JANE.DOE@EXAMPLE.COM")]
    [InlineData("  Jane.Doe@example.com\t")]
    [InlineData("ｊａｎｅ.ｄｏｅ@example.com")]
    public void Compute_EmailSpellings_GiveTheSameIndex(string spelling)
    {
        using var indexer = VectorIndexer();

        indexer.ComputeHex(Email, spelling).Should().Be(indexer.ComputeHex(Email, "jane.doe@example.com"));
    }

    [Fact]
    public void Compute_EmailDotsAndPlus_AreKept()
    {
        using var indexer = VectorIndexer();

        indexer.ComputeHex(Email, "janedoe@example.com").Should().NotBe(indexer.ComputeHex(Email, "jane.doe@example.com"));
        indexer.ComputeHex(Email, "jane+kyc@example.com").Should().NotBe(indexer.ComputeHex(Email, "jane@example.com"));
    }

    [Fact]
    public void Compute_TextNormalization_CollapsesWhitespaceAndCase()
    {
        using var indexer = VectorIndexer();

        indexer.ComputeHex(Name, "  Zoë   NÚÑEZ ").Should().Be(indexer.ComputeHex(Name, "zoë núñez"));
        indexer.ComputeHex(Name, "zoe nunez").Should().NotBe(indexer.ComputeHex(Name, "zoë núñez"), "diacritics are kept");
    }

    [Fact]
    public void Compute_DifferentValues_GiveDifferentIndexes()
    {
        using var indexer = VectorIndexer();

        indexer.ComputeHex(NationalId, "AB123456C").Should().NotBe(indexer.ComputeHex(NationalId, "AB123456D"));
    }

    [Fact]
    public void Compute_SameValueInTwoFields_GivesUnrelatedIndexes()
    {
        using var indexer = VectorIndexer();

        indexer.ComputeHex(NationalId, "AB123456C").Should().NotBe(indexer.ComputeHex(DocumentNumber, "AB123456C"));
        indexer.FieldKeyForTest(NationalId.Name).ToArray().Should().NotEqual(indexer.FieldKeyForTest(DocumentNumber.Name).ToArray());
    }

    [Fact]
    public void Compute_IsDeterministicAcrossInstances()
    {
        var root = RandomNumberGenerator.GetBytes(32);
        using var first = new BlindIndexer(root);
        using var second = new BlindIndexer(root);

        first.Compute(NationalId, "AB123456C").Should().Equal(second.Compute(NationalId, "AB123456C"));
    }

    [Fact]
    public void Compute_DifferentRootKeys_GiveDifferentIndexes()
    {
        using var first = new BlindIndexer(RandomNumberGenerator.GetBytes(32));
        using var second = new BlindIndexer(RandomNumberGenerator.GetBytes(32));

        first.Compute(NationalId, "AB123456C").Should().NotEqual(second.Compute(NationalId, "AB123456C"));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(32)]
    public void Compute_Length_TruncatesTheSameMac(int length)
    {
        using var indexer = VectorIndexer();
        var full = indexer.Compute(NationalId with { Length = 32 }, "AB123456C");

        var index = indexer.Compute(NationalId with { Length = length }, "AB123456C");

        index.Should().HaveCount(length).And.Equal(full.Take(length));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(33)]
    public void Compute_LengthOutOfRange_Throws(int length)
    {
        using var indexer = VectorIndexer();

        var act = () => indexer.Compute(NationalId with { Length = length }, "AB123456C");

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" - . ")]
    public void Compute_EmptyAfterNormalization_Throws(string value)
    {
        using var indexer = VectorIndexer();

        var act = () => indexer.Compute(NationalId, value);

        act.Should().Throw<ArgumentException>().WithMessage("*empty after normalization*");
    }

    [Fact]
    public void Compute_LongValue_UsesPooledBuffers()
    {
        using var indexer = VectorIndexer();
        var longValue = new string('x', 5000);

        indexer.Compute(Name, longValue).Should().Equal(indexer.Compute(Name, "  " + longValue.ToUpperInvariant()));
    }

    [Fact]
    public void Constructor_ShortRootKey_Throws()
    {
        var act = () => new BlindIndexer(new byte[16]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Dispose_ZeroesDerivedKeysAndRefusesUse()
    {
        var indexer = VectorIndexer();
        indexer.Compute(NationalId, "AB123456C");
        var key = indexer.FieldKeyForTest(NationalId.Name);
        key.ToArray().Should().Contain(b => b != 0);

        indexer.Dispose();

        key.ToArray().Should().OnlyContain(b => b == 0, "the derived key is zeroed in place");

        var act = () => indexer.Compute(NationalId, "AB123456C");
        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void ToString_RevealsNothing()
    {
        using var indexer = VectorIndexer();

        indexer.ToString().Should().Be("BlindIndexer");
    }
}
