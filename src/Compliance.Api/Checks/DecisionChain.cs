using Compliance.Api.Storage;

namespace Compliance.Api.Checks;

/// <summary>
/// Decisions are chained per customer shard: checks of customers in different shards never wait on
/// each other's chain head, and each shard's chain still proves nothing was changed or removed.
/// </summary>
internal static class DecisionChain
{
    /// <summary>
    /// Enough shards that two in-flight checks rarely share a head (at 64, 17-26% of backends waited
    /// on another customer's head at saturation). Changing it only starts new chains: each chain,
    /// old or new, still verifies on its own.
    /// </summary>
    public const int ShardCount = 256;

    public const string Prefix = "decisions-";

    public static string For(string customerId) => Prefix + HashChain.Shard(customerId, ShardCount);

    /// <summary>What a decision row's hash covers (the outcome, reported later, is audited instead).</summary>
    public static byte[] Canonical(string chain, long seq, string transactionId, string customerId, byte[] requestHash, string request, string facts, string response, DateTimeOffset decidedAt)
    {
        var (head, tail) = CanonicalAroundSeq(chain, transactionId, customerId, requestHash, request, facts, response, decidedAt);
        return [.. head, .. new CanonicalWriter().Add(seq).Written, .. tail];
    }

    /// <summary>
    /// <see cref="Canonical"/> without the sequence number, in the two parts around it: the database
    /// assigns the number when it advances the head, and hashes <c>head + "&lt;length&gt;:&lt;seq&gt;" + tail</c>.
    /// </summary>
    public static (byte[] Head, byte[] Tail) CanonicalAroundSeq(
        string chain, string transactionId, string customerId, byte[] requestHash, string request, string facts, string response, DateTimeOffset decidedAt) =>
        (new CanonicalWriter().Add("decision/v1").Add(chain).Written.ToArray(),
         new CanonicalWriter().Add(transactionId).Add(customerId).Add(Convert.ToHexStringLower(requestHash))
             .Add(request).Add(facts).Add(response).Add(decidedAt)
             .Written.ToArray());
}
