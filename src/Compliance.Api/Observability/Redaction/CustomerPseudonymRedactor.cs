using System.Buffers.Text;
using Compliance.Crypto;
using Microsoft.Extensions.Compliance.Redaction;

namespace Compliance.Api;

/// <summary>
/// Writes a <see cref="DataClasses.Pseudonym"/> value as <c>p~</c> and 16 base64url characters: 96 bits
/// of HMAC-SHA256 under a key of its own, derived (HKDF) from the blind-index root key. The same
/// customer gets the same pseudonym on every instance that shares the root key, so a customer's log
/// lines still correlate; without the key the pseudonym does not lead back to the id, and
/// <c>keys log-pseudonym &lt;id&gt;</c> computes it for an operator who needs to find them.
/// </summary>
/// <remarks>
/// The key is not the one of any stored blind index (its own HKDF info), so a pseudonym in a log
/// cannot be matched against the database's index columns.
/// </remarks>
internal sealed class CustomerPseudonymRedactor(CryptoServices crypto) : Redactor
{
    public const string Prefix = "p~";

    private const int HashBytes = 12;
    private static readonly int Length = Prefix.Length + Base64Url.GetEncodedLength(HashBytes);
    private static readonly BlindIndexField Field = new("log.customer_pseudonym", BlindIndexNormalization.Exact, HashBytes);

    public override int GetRedactedLength(ReadOnlySpan<char> input) => input.IsEmpty ? 0 : Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (source.IsEmpty)
        {
            return 0;
        }

        Span<byte> hash = stackalloc byte[HashBytes];
        crypto.BlindIndexer.Compute(Field, source, hash);
        Prefix.CopyTo(destination);
        return Prefix.Length + Base64Url.EncodeToChars(hash, destination[Prefix.Length..]);
    }
}
