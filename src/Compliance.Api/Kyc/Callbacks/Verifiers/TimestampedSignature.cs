namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>One <c>t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…]</c> group of a Stripe or Persona signature header.</summary>
/// <param name="TimestampText">The digits of <c>t</c> exactly as sent: they are part of the signed bytes.</param>
/// <param name="Timestamp">The same, as Unix seconds.</param>
/// <param name="Signatures">The decoded <c>v1</c> values; other schemes (<c>v0</c>) are not kept.</param>
internal sealed record TimestampedSignature(string TimestampText, long Timestamp, IReadOnlyList<byte[]> Signatures)
{
    /// <summary>
    /// Parses one group. Null when it has no (or a repeated, or a non-numeric) <c>t</c>, or no <c>v1</c> that
    /// decodes as hex: a <c>v1</c> that is not hex cannot match, and one that decodes but has the wrong
    /// length is kept so that it fails the comparison instead.
    /// </summary>
    public static TimestampedSignature? TryParse(ReadOnlySpan<char> group)
    {
        string? timestampText = null;
        long timestamp = 0;
        var signatures = new List<byte[]>();
        foreach (var range in group.Split(','))
        {
            var item = group[range].Trim();
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = item[..equals];
            var value = item[(equals + 1)..];
            if (key.SequenceEqual("t"))
            {
                if (timestampText is not null || !SignatureTimestamp.TryParse(value, out timestamp))
                {
                    return null;
                }

                timestampText = value.ToString();
            }
            else if (key.SequenceEqual("v1") && SignatureEncoding.TryDecodeHex(value, out var signature))
            {
                signatures.Add(signature);
            }
        }

        return timestampText is null || signatures.Count == 0 ? null : new(timestampText, timestamp, signatures);
    }

    /// <summary>
    /// Checks the groups against every key over <c>t + "." + body</c>: valid when a matching group is also
    /// fresh; stale when only stale groups match (the signature is genuine, the message is a replay).
    /// </summary>
    public static WebhookVerification Verify(
        IEnumerable<TimestampedSignature> groups, IReadOnlyList<byte[]> keys, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        var stale = false;
        foreach (var group in groups)
        {
            var message = WebhookHmac.Prefixed(group.TimestampText + ".", body);
            if (!WebhookHmac.AnyMatches(HmacAlgorithm.Sha256, keys, message, group.Signatures))
            {
                continue;
            }

            if (SignatureTimestamp.IsFresh(group.Timestamp, now, tolerance))
            {
                return WebhookVerification.Valid;
            }

            stale = true;
        }

        return WebhookVerification.Fail(stale ? WebhookFailure.StaleTimestamp : WebhookFailure.BadSignature);
    }
}
